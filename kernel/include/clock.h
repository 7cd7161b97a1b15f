/*
 * clock.h: kernel time.
 *
 *   jiffies     timer interrupts since boot; HZ of them per second
 *   ktime_ns()  nanoseconds since boot, from the TSC (fine-grained)
 *
 * The PIT interrupts HZ times a second (drivers/pit.c); each tick drives
 * the scheduler's time slices and wakes sleepers whose time has come.
 */
#ifndef WEFT_CLOCK_H
#define WEFT_CLOCK_H

#include <stdint.h>

#define HZ 100                      /* 10 ms ticks, Linux's classic value */
#define NSEC_PER_SEC 1000000000ull
#define NSEC_PER_TICK (NSEC_PER_SEC / HZ)

extern volatile uint64_t jiffies;
extern uint64_t tsc_khz;            /* TSC ticks per millisecond */

void clock_init(void);              /* calibrate the TSC, start the tick */
uint64_t ktime_ns(void);            /* monotonic, since boot */
uint64_t realtime_ns(void);         /* since 1970 (from the CMOS clock at boot) */
void clock_tick(void);              /* called by the timer interrupt */

/* a + b, stopping at UINT64_MAX instead of wrapping around. Timeouts are
 * added to the current time with it: a huge timeout means "forever", not
 * "already expired". */
static inline uint64_t add_sat(uint64_t a, uint64_t b)
{
    return a + b < a ? UINT64_MAX : a + b;
}

/* Seconds and a fraction (in units of 'unit' ns: 1 for a timespec, 1000
 * for a timeval) as nanoseconds, saturating. -EINVAL for a negative or
 * out-of-range field, else 0. */
int time_to_ns(long sec, long frac, long unit, uint64_t *ns);

/* drivers/pit.c */
void pit_start_periodic(unsigned hz);
uint64_t pit_measure_tsc_khz(void);
/* drivers/rtc.c: seconds since 1970 read from the CMOS real-time clock */
uint64_t rtc_read_epoch(void);

#endif
