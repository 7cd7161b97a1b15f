/*
 * lock.c: the recursive lock of FILE streams (internal/lock.h explains
 * the plain lock it is built on).
 *
 * The owner field is written only by the owner, so a thread that finds
 * its own TCB there really does hold the lock, and may count up instead
 * of locking again; anybody else sees another thread's TCB or NULL and
 * takes the plain lock.
 */
#include "libc.h"
#include "lock.h"

void __rlock_lock(struct __rlock *l)
{
    void *me = __tcb_self();
    if (__atomic_load_n(&l->owner, __ATOMIC_RELAXED) == me) {
        l->count++;
        return;
    }
    __lock(&l->word);
    __atomic_store_n(&l->owner, me, __ATOMIC_RELAXED);
    l->count = 1;
}

int __rlock_trylock(struct __rlock *l)
{
    void *me = __tcb_self();
    if (__atomic_load_n(&l->owner, __ATOMIC_RELAXED) == me) {
        l->count++;
        return 1;
    }
    if (!__trylock(&l->word))
        return 0;
    __atomic_store_n(&l->owner, me, __ATOMIC_RELAXED);
    l->count = 1;
    return 1;
}

void __rlock_unlock(struct __rlock *l)
{
    if (--l->count)
        return;
    __atomic_store_n(&l->owner, (void *)0, __ATOMIC_RELAXED);
    __unlock(&l->word);
}
