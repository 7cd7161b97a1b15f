/*
 * syscall.c: setting up the syscall instruction, and dispatching calls
 * through the table (table.c).
 */
#include "syscall.h"
#include "errno.h"
#include "percpu.h"
#include "segment.h"
#include "signal.h"
#include "trapframe.h"
#include "x86.h"

void syscall_entry(void);

void syscall_init(void)
{
    /* STAR[47:32]: kernel CS (SS = +8). STAR[63:48]: base for sysret to
     * 64-bit mode: CS = base+16, SS = base+8 (segment.h explains). */
    wrmsr(MSR_STAR, ((uint64_t)GDT_USER32_CODE << 48) | ((uint64_t)KERNEL_CS << 32));
    wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
    /* Cleared on entry: interrupts (until the stack is safe), direction,
     * trap (no single-stepping into the kernel) and AC (SMAP stays on). */
    wrmsr(MSR_SFMASK, RFLAGS_IF | RFLAGS_DF | RFLAGS_TF | RFLAGS_AC);
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}

void syscall_dispatch(struct trapframe *tf)
{
    cpu_count(syscalls);
    uint64_t nr = tf->rax;
    long ret = -ENOSYS;
    if (nr < NR_SYSCALLS && syscall_table[nr])
        ret = syscall_table[nr](tf->rdi, tf->rsi, tf->rdx, tf->r10, tf->r8, tf->r9);
    tf->rax = (uint64_t)ret;
    trap_exit(tf);          /* preemption and signals, as after any trap */
}
