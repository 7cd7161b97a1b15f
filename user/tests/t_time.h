/*
 * t_time.h: time in the test programs: the monotonic clock, sleeping,
 * and a time limit on a call that might block forever.
 */
#ifndef WEFT_T_TIME_H
#define WEFT_T_TIME_H

#include <errno.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

/* CLOCK_MONOTONIC in milliseconds. */
static inline long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* CLOCK_MONOTONIC in nanoseconds. */
static inline long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* The time ms milliseconds from now on clock: a deadline for the calls
 * that take an absolute time (pthread_mutex_timedlock, TIMER_ABSTIME). */
static inline struct timespec deadline_in_ms(clockid_t clock, long ms)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    ts.tv_sec += ms / 1000;
    ts.tv_nsec += (ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    return ts;
}

/* Sleep ms milliseconds, all of them even if a signal handler runs. */
static inline void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

/* The SIGALRM handler of guard(): it only has to exist. */
static inline void guard_on_alarm(int sig)
{
    (void)sig;
}

/* A blocking call still blocked after `seconds` fails with EINTR (the
 * handler has no SA_RESTART): a hang is a failure, not a stuck test. */
static inline void guard(unsigned seconds)
{
    struct sigaction sa = { 0 };
    sa.sa_handler = guard_on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    alarm(seconds);
}

/* The call returned in time: no alarm. */
static inline void unguard(void)
{
    alarm(0);
}

#endif
