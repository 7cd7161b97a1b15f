/*
 * x86.h: one-instruction wrappers around x86-64 instructions that C cannot
 * express: port I/O, model-specific registers, control registers, CPUID.
 */
#ifndef WEFT_X86_H
#define WEFT_X86_H

#include <stdint.h>

static inline void outb(uint16_t port, uint8_t v)
{
    __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
    uint8_t v;
    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static inline void outw(uint16_t port, uint16_t v)
{
    __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outl(uint16_t port, uint32_t v)
{
    __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;
    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
    __asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

#define MSR_EFER            0xc0000080
#define MSR_STAR            0xc0000081  /* syscall/sysret segment selectors */
#define MSR_LSTAR           0xc0000082  /* syscall entry point */
#define MSR_SFMASK          0xc0000084  /* rflags bits cleared on syscall */
#define MSR_FS_BASE         0xc0000100  /* user TLS pointer */
#define MSR_GS_BASE         0xc0000101  /* the active GS base */
#define MSR_KERNEL_GS_BASE  0xc0000102  /* the other one; swapgs exchanges them */

#define EFER_SCE    (1u << 0)   /* syscall/sysret enabled */
#define EFER_NXE    (1u << 11)  /* no-execute bit enabled */

#define CR0_WP      (1ul << 16)
#define CR4_PGE     (1ul << 7)  /* global pages survive CR3 writes */
#define CR4_OSFXSR  (1ul << 9)  /* SSE instructions allowed (user space uses them) */
#define CR4_OSXMMEXCPT (1ul << 10)
#define CR4_UMIP    (1ul << 11) /* user mode cannot run sgdt, sidt, ... */
#define CR4_FSGSBASE (1ul << 16)
#define CR4_SMEP    (1ul << 20) /* the kernel may not execute user pages */
#define CR4_SMAP    (1ul << 21) /* the kernel may not touch user pages (but under stac) */

#define RFLAGS_IF   (1ul << 9)  /* interrupts enabled */
#define RFLAGS_DF   (1ul << 10)
#define RFLAGS_TF   (1ul << 8)
#define RFLAGS_AC   (1ul << 18) /* SMAP override while set */

#define DEFINE_CR(n)                                                     \
    static inline uint64_t read_cr##n(void)                              \
    {                                                                    \
        uint64_t v;                                                      \
        __asm__ volatile("mov %%cr" #n ", %0" : "=r"(v));                \
        return v;                                                        \
    }                                                                    \
    static inline void write_cr##n(uint64_t v)                           \
    {                                                                    \
        __asm__ volatile("mov %0, %%cr" #n : : "r"(v) : "memory");       \
    }
DEFINE_CR(0)
DEFINE_CR(2)
DEFINE_CR(3)
DEFINE_CR(4)
#undef DEFINE_CR

static inline void cpuid(uint32_t leaf, uint32_t sub, uint32_t *a, uint32_t *b, uint32_t *c,
                         uint32_t *d)
{
    __asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(sub));
}

static inline void invlpg(uint64_t va)
{
    __asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static inline uint64_t read_rflags(void)
{
    uint64_t f;
    __asm__ volatile("pushfq; popq %0" : "=r"(f));
    return f;
}

static inline void cli(void) { __asm__ volatile("cli" ::: "memory"); }
static inline void sti(void) { __asm__ volatile("sti" ::: "memory"); }
static inline void hlt(void) { __asm__ volatile("hlt" ::: "memory"); }
static inline void pause(void) { __asm__ volatile("pause"); }

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

/* stac/clac open and close the SMAP window around user-memory accesses. */
static inline void stac(void) { __asm__ volatile("stac" ::: "memory", "cc"); }
static inline void clac(void) { __asm__ volatile("clac" ::: "memory", "cc"); }

#endif
