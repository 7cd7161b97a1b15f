/*
 * once.c: pthread_once, "run this initialisation exactly once, and let
 * nobody past until it has run".
 *
 * The control word goes 0 (not yet) -> 1 (running) -> 2 (done). The
 * thread that moves it from 0 to 1 runs fn; the others sleep on the word
 * while it is 1. Once it is 2, pthread_once is a single load.
 */
#include <limits.h>
#include <pthread.h>

#include "futex.h"

int pthread_once(pthread_once_t *once, void (*fn)(void))
{
    if (__atomic_load_n(once, __ATOMIC_ACQUIRE) == 2)
        return 0;                       /* the common case: long done */
    int expect = 0;
    if (__atomic_compare_exchange_n(once, &expect, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE)) {
        fn();
        __atomic_store_n(once, 2, __ATOMIC_RELEASE);
        __futex_wake(once, INT_MAX, 1);
        return 0;
    }
    while (__atomic_load_n(once, __ATOMIC_ACQUIRE) == 1)
        __futex_wait(once, 1, 0, 1);
    return 0;
}
