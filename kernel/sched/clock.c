/*
 * clock.c: jiffies, nanoseconds since boot, and the wall clock.
 *
 * The TSC (time-stamp counter) counts CPU cycles at a constant rate; we
 * measure that rate against the PIT once at boot (tsc_khz) and from then on
 * read time from it, which is precise to a few nanoseconds. The PIT's
 * periodic interrupt gives the coarse tick the scheduler runs on.
 */
#include "clock.h"
#include "errno.h"
#include "interrupt.h"
#include "percpu.h"
#include "proc.h"
#include "sched.h"
#include "x86.h"

volatile uint64_t jiffies;
uint64_t tsc_khz;
static uint64_t tsc_at_boot;
static uint64_t ns_mult;            /* ns = cycles * ns_mult >> 32 (Linux's clocksource trick) */
static uint64_t epoch_at_boot_ns;   /* wall-clock time at tsc_at_boot */

uint64_t ktime_ns(void)
{
    uint64_t cycles = rdtsc() - tsc_at_boot;
    /* A multiply and a shift instead of a division: 128-bit division
     * would need libgcc, and is slow besides. */
    return (uint64_t)(((unsigned __int128)cycles * ns_mult) >> 32);
}

uint64_t realtime_ns(void)
{
    return epoch_at_boot_ns + ktime_ns();
}

static void timer_irq(void)
{
    cpu_count(timer_ticks);
    clock_tick();
}

void clock_tick(void)
{
    jiffies++;
    timers_run();           /* sleepers and alarms whose time has come */
    sched_tick();           /* maybe preempt the running thread */
}

void clock_init(void)
{
    tsc_khz = pit_measure_tsc_khz();
    ns_mult = (1000000ull << 32) / tsc_khz;     /* ns per cycle, scaled by 2^32 */
    tsc_at_boot = rdtsc();
    epoch_at_boot_ns = rtc_read_epoch() * NSEC_PER_SEC;
    pit_start_periodic(HZ);
    irq_register(IRQ_TIMER, timer_irq);
}

int time_to_ns(long sec, long frac, long unit, uint64_t *ns)
{
    if (sec < 0 || frac < 0 || (uint64_t)frac * (uint64_t)unit >= NSEC_PER_SEC)
        return -EINVAL;
    uint64_t whole;
    if (__builtin_mul_overflow((uint64_t)sec, NSEC_PER_SEC, &whole))
        whole = UINT64_MAX;
    *ns = add_sat(whole, (uint64_t)frac * (uint64_t)unit);
    return 0;
}
