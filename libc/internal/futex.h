/*
 * futex.h (libc-internal): the two futex(2) operations every lock, condition
 * variable and join in the C library is built from.
 *
 * A futex is an ordinary int in memory. User space changes it with atomic
 * instructions and calls the kernel only to sleep or to wake sleepers:
 *
 *   __futex_wait(w, v, ...)  sleep, but only if *w still holds v (the
 *                            kernel checks that under its own lock, so a
 *                            wake between our check and our sleep is not
 *                            lost: we simply do not sleep)
 *   __futex_wake(w, n)       wake up to n threads sleeping on w
 *
 * "Private" (FUTEX_PRIVATE_FLAG) tells the kernel only threads of this
 * process use the word, so it can key the waiters by virtual address
 * instead of looking up the physical page (kernel/proc/futex.c). Locks
 * that live in MAP_SHARED memory (process-shared mutexes) pass priv = 0.
 */
#ifndef _LIBC_FUTEX_H
#define _LIBC_FUTEX_H

#include <time.h>
#include <weft/misc.h>

#include "syscall.h"

/* Returns 0 when woken, or -EAGAIN (the word had changed), -ETIMEDOUT,
 * -EINTR: the raw kernel result. A NULL timeout waits forever; otherwise
 * the timeout is relative (FUTEX_WAIT's convention). */
static inline int __futex_wait(volatile int *w, int val, const struct timespec *rel, int priv)
{
    return (int)__syscall4(__NR_futex, w, FUTEX_WAIT | (priv ? FUTEX_PRIVATE_FLAG : 0), val,
                           rel);
}

/* The same with an ABSOLUTE deadline on `clock` (CLOCK_REALTIME or
 * CLOCK_MONOTONIC): FUTEX_WAIT_BITSET is the operation that takes one,
 * which is what pthread_cond_timedwait and pthread_mutex_timedlock need
 * (a relative timeout would have to be recomputed after every wake-up). */
static inline int __futex_wait_abs(volatile int *w, int val, const struct timespec *abs,
                                   int clock, int priv)
{
    if (!abs)
        return __futex_wait(w, val, 0, priv);
    int op = FUTEX_WAIT_BITSET | (priv ? FUTEX_PRIVATE_FLAG : 0) |
             (clock == CLOCK_REALTIME ? FUTEX_CLOCK_REALTIME : 0);
    return (int)__syscall6(__NR_futex, (long)w, op, val, (long)abs, 0,
                           (long)FUTEX_BITSET_MATCH_ANY);
}

static inline void __futex_wake(volatile int *w, int n, int priv)
{
    __syscall3(__NR_futex, w, FUTEX_WAKE | (priv ? FUTEX_PRIVATE_FLAG : 0), n);
}

#endif
