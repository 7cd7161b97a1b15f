/*
 * mn_impl.h: what the runtime (mn/sched.c) and the channels (mn/chan.c)
 * share. The public side is <mn.h>.
 */
#ifndef _LIBC_MN_IMPL_H
#define _LIBC_MN_IMPL_H

#include <coro.h>
#include <mn.h>
#include <pthread.h>

/* A task: a coroutine plus what the scheduler needs to know about it. */
struct mn_task {
    struct mn_task *next;           /* in the run queue */
    struct coro *co;
    void (*fn)(void *);
    void *arg;
    /* Set by a task that is about to park (sleep on a channel): the lock
     * its worker must release once the task is off its stack. */
    pthread_mutex_t *park_unlock;
};

/* The task running on this worker thread, or NULL in a plain thread. */
struct mn_task *__mn_current(void);

/* Suspend the current task until somebody calls __mn_ready(t) for it.
 * `held` is locked by the caller; it is released *after* the task's
 * registers are saved, so that whoever will wake the task (and must
 * take `held` to find it) cannot resume it before it is fully asleep. */
void __mn_park(struct mn_task *t, pthread_mutex_t *held);

/* Make a parked task runnable again (put it on the run queue). */
void __mn_ready(struct mn_task *t);

#endif
