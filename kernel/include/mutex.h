/*
 * mutex.h: sleeping locks (sched/mutex.c).
 *
 * A spinlock may only be held for a moment, with interrupts off, and never
 * across anything that can sleep or fault a page in. A mutex is for longer
 * critical sections: a thread that finds it taken sleeps on its wait queue
 * until the holder lets go. Linux has both for the same reasons.
 */
#ifndef WEFT_MUTEX_H
#define WEFT_MUTEX_H

#include "spinlock.h"
#include "wait.h"
#include <stdbool.h>

struct mutex {
    struct spinlock lock;       /* guards 'locked' */
    bool locked;
    struct thread *owner;
    struct wait_queue waiters;
};

void mutex_init(struct mutex *m, const char *name);
/* Sleep until we have it; _interruptible gives up with -EINTR on a signal. */
void mutex_lock(struct mutex *m);
int mutex_lock_interruptible(struct mutex *m);
bool mutex_trylock(struct mutex *m);    /* take it only if free: true if we did */
void mutex_unlock(struct mutex *m);

#endif
