/*
 * cpu.h: what this CPU can do (arch/x86_64/cpu.c), found with CPUID.
 */
#ifndef WEFT_CPU_H
#define WEFT_CPU_H

#include <stdbool.h>

struct cpu_features {
    char vendor[13];
    char brand[49];
    bool nx;        /* no-execute pages */
    bool smep;      /* supervisor mode execution prevention */
    bool smap;      /* supervisor mode access prevention */
    bool pdpe1gb;   /* 1 GiB pages */
    bool pge;       /* global pages */
    bool umip;      /* user-mode instruction prevention */
    bool fsgsbase;  /* rdfsbase and friends */
};

extern struct cpu_features cpu_features;

/* Detect features and turn on the ones weft uses (CR4 bits). */
void cpu_init(void);

#endif
