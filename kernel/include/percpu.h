/*
 * percpu.h: data each CPU keeps for itself, reached through the GS base.
 *
 * In the kernel the GS base register points at this CPU's struct cpu, so
 * %gs:0 is the struct's own address (this_cpu() reads it) and the syscall
 * entry code in syscall.S reaches its fields with %gs:OFFSET, before it has
 * a stack. In user mode GS belongs to the program; swapgs on every entry
 * and exit exchanges the two bases (MSR_GS_BASE and MSR_KERNEL_GS_BASE).
 *
 * weft boots one CPU today, but nothing assumes there is only one.
 */
#ifndef WEFT_PERCPU_H
#define WEFT_PERCPU_H

/* Field offsets used by assembly; the static asserts in percpu.c keep them
 * honest. */
#define CPU_SELF        0
#define CPU_KERNEL_RSP  8
#define CPU_USER_RSP    16

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stdint.h>

/* Event counters, one set per CPU (shown in /proc/stat and /proc/weft). */
struct cpu_stats {
    uint64_t context_switches;  /* schedule() switched to another thread */
    uint64_t cr3_loads;         /* ... and the address space changed */
    uint64_t tlb_flushes;       /* whole-TLB flushes (each CR3 load is one) */
    uint64_t tlb_page_flushes;  /* single-page invlpg */
    uint64_t syscalls;
    uint64_t interrupts;        /* device interrupts, timer included */
    uint64_t exceptions;        /* CPU exceptions, page faults included */
    uint64_t page_faults;
    uint64_t timer_ticks;
};

struct thread;
struct tss;
struct mm;

struct cpu {
    struct cpu *self;           /* CPU_SELF: this_cpu() loads %gs:0 */
    uint64_t kernel_rsp;        /* CPU_KERNEL_RSP: top of current's kernel stack */
    uint64_t user_rsp;          /* CPU_USER_RSP: scratch for syscall entry */
    struct thread *running;     /* the thread running on this CPU ("current") */
    struct thread *idle;        /* runs when nothing else can */
    struct mm *active_mm;       /* whose page tables CR3 holds (sched/switch.c) */
    bool need_resched;          /* schedule() at the next chance (sched.c) */
    uint64_t exec_start_ns;     /* when current started running */
    int id;
    int irq_depth;              /* nesting of irq_save() */
    int irq_were_on;            /* interrupts were on at the outermost irq_save() */
    int in_irq;                 /* > 0 while handling an interrupt */
    bool irq_from_user;         /* the interrupt came while in user mode (time accounting) */
    struct tss *tss;
    struct cpu_stats stats;
};

#define MAX_CPUS 8
extern struct cpu cpus[MAX_CPUS];
extern int ncpus;

static inline struct cpu *this_cpu(void)
{
    struct cpu *c;
    __asm__ volatile("movq %%gs:0, %0" : "=r"(c));
    return c;
}

/* Count an event on this CPU: cpu_count(syscalls). */
#define cpu_count(field) (this_cpu()->stats.field++)

void percpu_init(int id);

#endif
#endif
