/*
 * cond.c: condition variables.
 *
 * A waiter must not miss a signal that comes after it decided to wait
 * but before it fell asleep: it has already unlocked the mutex by then,
 * so a signaller may run in that window. The condition variable is
 * therefore a sequence number, bumped by every signal and broadcast:
 *
 *   wait:      seq = c->seq; unlock(m); FUTEX_WAIT(&c->seq, seq); lock(m)
 *   signal:    c->seq++; FUTEX_WAKE(&c->seq, 1)
 *   broadcast: c->seq++; FUTEX_WAKE(&c->seq, all)
 *
 * If a signal slips into the window, c->seq is no longer `seq` and the
 * kernel's FUTEX_WAIT returns at once instead of sleeping: nothing is
 * lost. What this simple design allows is spurious wake-ups (POSIX
 * allows them; callers loop on their predicate), and a broadcast wakes
 * every waiter only for all but one to queue again on the mutex (Linux's
 * libraries move them straight onto the mutex with FUTEX_CMP_REQUEUE;
 * weft's kernel has it, for musl's programs, but this library keeps to
 * the simpler wake-them-all).
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>

#include "futex.h"

int pthread_cond_init(pthread_cond_t *restrict c, const pthread_condattr_t *restrict attr)
{
    *c = (pthread_cond_t)PTHREAD_COND_INITIALIZER;
    if (attr) {
        c->__clock = attr->__clock;
        c->__pshared = attr->__pshared;
    }
    return 0;
}

int pthread_cond_destroy(pthread_cond_t *c)
{
    (void)c;
    return 0;
}

int pthread_cond_timedwait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m,
                           const struct timespec *restrict abstime)
{
    if (abstime && (abstime->tv_nsec < 0 || abstime->tv_nsec >= 1000000000L))
        return EINVAL;
    int seq = __atomic_load_n(&c->__seq, __ATOMIC_ACQUIRE);
    int r = pthread_mutex_unlock(m);
    if (r)
        return r;                       /* not our mutex (ERRORCHECK) */
    r = __futex_wait_abs(&c->__seq, seq, abstime, c->__clock, !c->__pshared);
    pthread_mutex_lock(m);
    return r == -ETIMEDOUT ? ETIMEDOUT : 0;   /* woken, changed, or a signal */
}

int pthread_cond_wait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m)
{
    return pthread_cond_timedwait(c, m, NULL);
}

int pthread_cond_signal(pthread_cond_t *c)
{
    __atomic_add_fetch(&c->__seq, 1, __ATOMIC_RELEASE);
    __futex_wake(&c->__seq, 1, !c->__pshared);
    return 0;
}

int pthread_cond_broadcast(pthread_cond_t *c)
{
    __atomic_add_fetch(&c->__seq, 1, __ATOMIC_RELEASE);
    __futex_wake(&c->__seq, INT_MAX, !c->__pshared);
    return 0;
}

int pthread_condattr_init(pthread_condattr_t *attr)
{
    attr->__clock = CLOCK_REALTIME;
    attr->__pshared = 0;
    return 0;
}

int pthread_condattr_destroy(pthread_condattr_t *attr)
{
    (void)attr;
    return 0;
}

int pthread_condattr_setclock(pthread_condattr_t *attr, clockid_t clock)
{
    if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
        return EINVAL;
    attr->__clock = clock;
    return 0;
}

int pthread_condattr_getclock(const pthread_condattr_t *restrict attr, clockid_t *restrict clock)
{
    *clock = attr->__clock;
    return 0;
}

int pthread_condattr_setpshared(pthread_condattr_t *attr, int pshared)
{
    if (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED)
        return EINVAL;
    attr->__pshared = pshared;
    return 0;
}

int pthread_condattr_getpshared(const pthread_condattr_t *restrict attr, int *restrict pshared)
{
    *pshared = attr->__pshared;
    return 0;
}
