/* clock.c: reading the clocks. */
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>

#include "syscall.h"

int clock_gettime(clockid_t id, struct timespec *ts)
{
    return (int)__syscall_ret(__syscall2(__NR_clock_gettime, id, ts));
}

int clock_getres(clockid_t id, struct timespec *ts)
{
    return (int)__syscall_ret(__syscall2(__NR_clock_getres, id, ts));
}

/* Seconds since 1970-01-01 00:00:00 UTC. */
time_t time(time_t *t)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
        return -1;
    if (t)
        *t = ts.tv_sec;
    return ts.tv_sec;
}

/* Processor time used by this process, in CLOCKS_PER_SEC (microsecond)
 * units. */
clock_t clock(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) < 0)
        return -1;
    return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

double difftime(time_t a, time_t b)
{
    return (double)a - (double)b;
}

/* The time zone argument is obsolete; weft keeps none. */
int gettimeofday(struct timeval *restrict tv, void *restrict tz)
{
    (void)tz;
    return (int)__syscall_ret(__syscall2(__NR_gettimeofday, tv, 0));
}

int getitimer(int which, struct itimerval *value)
{
    return (int)__syscall_ret(__syscall2(__NR_getitimer, which, value));
}

int setitimer(int which, const struct itimerval *restrict value,
              struct itimerval *restrict old)
{
    return (int)__syscall_ret(__syscall3(__NR_setitimer, which, value, old));
}

clock_t times(struct tms *buf)
{
    return (clock_t)__syscall_ret(__syscall1(__NR_times, buf));
}
