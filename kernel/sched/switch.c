/*
 * switch.c: everything around the stack switch in switch.S.
 *
 * context_switch(prev, next) is called by schedule() with the run-queue
 * lock held. It prepares the CPU for next, then calls switch_to(). What
 * must change for the new thread:
 *
 *   - the address space: write CR3 with next's page tables, but only when
 *     next belongs to another process. Threads of one process share their
 *     mm, so a thread-to-thread switch keeps CR3 and the TLB (claim C6);
 *     a process switch reloads it, and the CPU flushes every non-global
 *     TLB entry (claim C5). Both are counted per CPU (/proc/stat).
 *   - the kernel stack the CPU will use when next is interrupted in user
 *     mode (TSS.rsp0) or makes a system call (cpu->kernel_rsp).
 *   - user registers the trapframe does not hold: the FS base (TLS) and
 *     the x87/SSE registers (saved eagerly with fxsave, as Linux does).
 *
 * Kernel-only threads (the idle thread) have no mm: they keep whatever
 * page tables were loaded, since they touch only the kernel half, which
 * every address space shares (Linux calls this borrowing the active_mm).
 */
#include "sched.h"
#include "mm.h"
#include "proc.h"
#include "segment.h"
#include "x86.h"

/* Install next's address space if it is not the one loaded. */
static void switch_mm(struct cpu *c, struct mm *next_mm)
{
    if (next_mm == NULL || next_mm == c->active_mm)
        return;                          /* same process, or a kernel thread */
    write_cr3(next_mm->pml4_pa);         /* the CPU flushes the non-global TLB */
    c->active_mm = next_mm;
    c->stats.cr3_loads++;
    c->stats.tlb_flushes++;
}

void context_switch(struct thread *prev, struct thread *next)
{
    struct cpu *c = this_cpu();

    switch_mm(c, next->proc ? next->proc->mm : NULL);

    c->tss->rsp0 = next->kstack_top;     /* interrupts from user mode land here */
    c->kernel_rsp = next->kstack_top;    /* and so do system calls */

    if (prev->fs_base != next->fs_base)
        wrmsr(MSR_FS_BASE, next->fs_base);
    __asm__ volatile("fxsave64 %0" : "=m"(prev->fpu));
    __asm__ volatile("fxrstor64 %0" : : "m"(next->fpu));

    c->running = next;
    next->on_cpu = true;
    c->stats.context_switches++;

    /* Whether interrupts come back on when the run-queue lock is dropped
     * belongs to the thread, not the CPU: prev may have called schedule()
     * from an interrupt (off) and next from a system call (on). */
    int irq_were_on = c->irq_were_on;
    struct thread *last = switch_to(&prev->context, next->context, prev);
    this_cpu()->irq_were_on = irq_were_on;

    /* We are prev again, switched back to by some later context_switch;
     * 'last' is the thread that ran just before us on this CPU. */
    finish_task_switch(last);
}
