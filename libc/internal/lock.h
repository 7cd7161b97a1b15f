/*
 * lock.h (libc-internal): the locks that make the C library safe to call
 * from several threads at once, and the core of pthread_mutex_t.
 *
 *   __lock(&w) / __unlock(&w)   a plain lock: one int, 0 when free. Used
 *                               for malloc's heap, the list of open FILEs,
 *                               the atexit table, pthread keys.
 *   struct __rlock              a recursive lock (thread/lock.c): the
 *                               owning thread may take it again. FILE
 *                               streams use it: flockfile() around a
 *                               series of putc's, each of which locks too.
 *
 * The lock word takes three values (Drepper, "Futexes Are Tricky",
 * mutex #3):
 *   0  unlocked
 *   1  locked, nobody waiting
 *   2  locked, and maybe somebody sleeping in the kernel
 * Why three and not two? With only "free/locked", every unlock would have
 * to call FUTEX_WAKE, a system call, in case somebody sleeps. The third
 * value records "somebody might be sleeping", so the common uncontended
 * lock and unlock are one atomic instruction each and no system call:
 *
 *   lock:   try 0 -> 1 (compare-and-swap). Success: done. Otherwise
 *           announce a sleeper: swap in 2. If the old value was 0, the
 *           lock was released meanwhile and we own it now (as "2": at
 *           worst one needless wake later). Else sleep in
 *           FUTEX_WAIT(w, 2), which returns at once if *w is no longer
 *           2, and try again.
 *   unlock: swap in 0. If the old value was 2, wake one sleeper.
 *
 * No spinning before sleeping: weft usually runs on one CPU, where
 * spinning only burns the time slice the lock holder needs.
 *
 * Header-only (static inline) so that malloc.c, which the host unit tests
 * compile on its own, needs no other file.
 */
#ifndef _LIBC_LOCK_H
#define _LIBC_LOCK_H

#include <errno.h>
#include <time.h>

#include "futex.h"

/* priv = 0 for a lock in memory shared between processes; abs = an
 * absolute CLOCK_REALTIME deadline, or NULL. Returns 0, or ETIMEDOUT, or
 * EINVAL (a malformed deadline). */
static inline int __lock_timed(volatile int *w, int priv, const struct timespec *abs)
{
    int c = 0;
    if (__atomic_compare_exchange_n(w, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
        return 0;                       /* the fast path: it was free */
    if (c != 2)
        c = __atomic_exchange_n(w, 2, __ATOMIC_ACQUIRE);
    while (c != 0) {
        int r = __futex_wait_abs(w, 2, abs, CLOCK_REALTIME, priv);
        if (r == -ETIMEDOUT || r == -EINVAL)
            return -r;
        c = __atomic_exchange_n(w, 2, __ATOMIC_ACQUIRE);
    }
    return 0;
}

static inline void __unlock_priv(volatile int *w, int priv)
{
    if (__atomic_exchange_n(w, 0, __ATOMIC_RELEASE) == 2)
        __futex_wake(w, 1, priv);
}

static inline void __lock(volatile int *w)
{
    __lock_timed(w, 1, 0);
}

static inline void __unlock(volatile int *w)
{
    __unlock_priv(w, 1);
}

/* 1 if taken, 0 if busy. */
static inline int __trylock(volatile int *w)
{
    int c = 0;
    return __atomic_compare_exchange_n(w, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

struct __rlock {
    volatile int word;      /* the lock word above */
    int count;              /* how many times the owner holds it */
    void *owner;            /* the owning thread's TCB, or NULL */
};
void __rlock_lock(struct __rlock *l);
int __rlock_trylock(struct __rlock *l);         /* 1 if taken, 0 if busy */
void __rlock_unlock(struct __rlock *l);

#endif
