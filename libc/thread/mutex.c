/*
 * mutex.c: pthread_mutex_t, a futex lock (thread/lock.c has the 0/1/2
 * algorithm) plus, for two of the three types, an owner:
 *
 *   NORMAL      just the lock. Locking it twice deadlocks; unlocking a
 *               mutex you do not hold is undefined. Cheapest.
 *   RECURSIVE   the owner may lock again; it is released when unlocked
 *               as many times as it was locked.
 *   ERRORCHECK  relocking by the owner fails with EDEADLK, unlocking by
 *               anybody else with EPERM, instead of hanging or
 *               corrupting the lock.
 *
 * The owner is the thread's TCB address (pthread_self()). A mutex with
 * PTHREAD_PROCESS_SHARED lives in memory shared between processes
 * (MAP_SHARED): its futex calls are not "private", so the kernel finds
 * the waiters by physical address.
 */
#include <errno.h>
#include <pthread.h>

#include "lock.h"
#include "pthread_impl.h"

#define TYPE(m)    ((m)->__type & 3)
#define PRIVATE(m) (!((m)->__type & (PTHREAD_PROCESS_SHARED << 7)))

/* Other threads read __owner without holding the mutex (to see that it
 * is not theirs); only the owner writes it. Relaxed atomics say so. */
#define OWNER(m)        __atomic_load_n(&(m)->__owner, __ATOMIC_RELAXED)
#define SET_OWNER(m, t) __atomic_store_n(&(m)->__owner, (t), __ATOMIC_RELAXED)

int pthread_mutex_init(pthread_mutex_t *restrict m, const pthread_mutexattr_t *restrict attr)
{
    *m = (pthread_mutex_t)PTHREAD_MUTEX_INITIALIZER;
    if (attr)
        m->__type = attr->__type;
    return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *m)
{
    return m->__lock ? EBUSY : 0;
}

int pthread_mutex_timedlock(pthread_mutex_t *restrict m, const struct timespec *restrict abstime)
{
    void *me = __tcb_self();
    if (TYPE(m) != PTHREAD_MUTEX_NORMAL && OWNER(m) == me) {
        if (TYPE(m) == PTHREAD_MUTEX_ERRORCHECK)
            return EDEADLK;
        if (m->__count == 0x7fffffff)
            return EAGAIN;
        m->__count++;                   /* RECURSIVE: once more */
        return 0;
    }
    int r = __lock_timed(&m->__lock, PRIVATE(m), abstime);
    if (r)
        return r;
    if (TYPE(m) != PTHREAD_MUTEX_NORMAL) {
        SET_OWNER(m, me);
        m->__count = 1;
    }
    return 0;
}

int pthread_mutex_lock(pthread_mutex_t *m)
{
    return pthread_mutex_timedlock(m, NULL);
}

int pthread_mutex_trylock(pthread_mutex_t *m)
{
    void *me = __tcb_self();
    if (TYPE(m) == PTHREAD_MUTEX_RECURSIVE && OWNER(m) == me) {
        if (m->__count == 0x7fffffff)
            return EAGAIN;
        m->__count++;
        return 0;
    }
    if (!__trylock(&m->__lock))
        return EBUSY;
    if (TYPE(m) != PTHREAD_MUTEX_NORMAL) {
        SET_OWNER(m, me);
        m->__count = 1;
    }
    return 0;
}

int pthread_mutex_unlock(pthread_mutex_t *m)
{
    if (TYPE(m) != PTHREAD_MUTEX_NORMAL) {
        if (OWNER(m) != __tcb_self())
            return EPERM;
        if (--m->__count)
            return 0;                   /* RECURSIVE: still held */
        SET_OWNER(m, NULL);
    }
    __unlock_priv(&m->__lock, PRIVATE(m));
    return 0;
}

int pthread_mutexattr_init(pthread_mutexattr_t *attr)
{
    attr->__type = PTHREAD_MUTEX_DEFAULT;
    return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *attr)
{
    (void)attr;
    return 0;
}

int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int type)
{
    if (type < PTHREAD_MUTEX_NORMAL || type > PTHREAD_MUTEX_ERRORCHECK)
        return EINVAL;
    attr->__type = (attr->__type & ~3) | type;
    return 0;
}

int pthread_mutexattr_gettype(const pthread_mutexattr_t *restrict attr, int *restrict type)
{
    *type = attr->__type & 3;
    return 0;
}

int pthread_mutexattr_setpshared(pthread_mutexattr_t *attr, int pshared)
{
    if (pshared != PTHREAD_PROCESS_PRIVATE && pshared != PTHREAD_PROCESS_SHARED)
        return EINVAL;
    attr->__type = (attr->__type & 3) | pshared << 7;
    return 0;
}

int pthread_mutexattr_getpshared(const pthread_mutexattr_t *restrict attr, int *restrict pshared)
{
    *pshared = attr->__type >> 7 & 1;
    return 0;
}
