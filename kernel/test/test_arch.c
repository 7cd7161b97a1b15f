/*
 * test_arch.c: self tests of interrupts, the clock and spinlocks.
 */
#include "clock.h"
#include "interrupt.h"
#include "ktest.h"
#include "percpu.h"
#include "spinlock.h"
#include "string.h"
#include "uaccess.h"
#include "x86.h"

KTEST(timer_ticks_and_clock_advance)
{
    uint64_t j0 = jiffies, t0 = ktime_ns();
    uint64_t irq0 = this_cpu()->stats.interrupts;
    while (jiffies < j0 + 5)            /* 5 ticks = 50 ms */
        hlt();                          /* sleep until the next interrupt */
    uint64_t t1 = ktime_ns();
    KEXPECT(this_cpu()->stats.interrupts >= irq0 + 5);
    /* Five ticks are about 50 ms. QEMU delivers ticks it missed while the
     * host was busy in a quick burst, so only bound it loosely. */
    KEXPECT(t1 > t0);
    KEXPECT(t1 - t0 <= 100 * NSEC_PER_TICK);
    KEXPECT(realtime_ns() > 1600000000ull * NSEC_PER_SEC);   /* after 2020 */
}

KTEST(spinlock_saves_and_restores_interrupts)
{
    struct spinlock a = SPINLOCK_INIT("a"), b = SPINLOCK_INIT("b");
    KEXPECT(read_rflags() & RFLAGS_IF);
    spin_lock(&a);
    KEXPECT(!(read_rflags() & RFLAGS_IF));
    KEXPECT(spin_holding(&a));
    spin_lock(&b);
    spin_unlock(&b);
    KEXPECT(!(read_rflags() & RFLAGS_IF));  /* still inside a */
    spin_unlock(&a);
    KEXPECT(read_rflags() & RFLAGS_IF);
    KEXPECT(!spin_holding(&a));
}

KTEST(exception_names)
{
    KEXPECT(strcmp(trap_name(T_PGFLT), "page fault") == 0);
    KEXPECT(strcmp(trap_name(T_GPFLT), "general protection fault") == 0);
    KEXPECT(strcmp(trap_name(T_DBLFLT), "double fault") == 0);
    KEXPECT(strcmp(trap_name(T_IRQ0 + 1), "device interrupt") == 0);
}

KTEST(exceptions_are_counted)
{
    uint64_t before = this_cpu()->stats.exceptions;
    uint64_t pf = this_cpu()->stats.page_faults;
    char c;
    KEXPECT(copy_nofault(&c, (void *)8, 1) != 0);
    KEXPECT(this_cpu()->stats.exceptions == before + 1);
    KEXPECT(this_cpu()->stats.page_faults == pf + 1);
}
