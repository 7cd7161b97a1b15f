/*
 * wait.h: wait queues, where threads sleep until something happens
 * (sched/wait.c). Linux's names and shape:
 *
 *      // the sleeper                          // the waker
 *      int err = wait_event_interruptible(     pipe->nbytes > 0;  // make it true
 *              &pipe->readers_wq,              wake_up(&pipe->readers_wq);
 *              pipe->nbytes > 0);
 *
 * The sleeper puts itself on the queue and marks itself asleep *before* it
 * tests the condition, so a wake_up that comes between the test and
 * schedule() makes it runnable again instead of being lost.
 */
#ifndef WEFT_WAIT_H
#define WEFT_WAIT_H

#include "errno.h"
#include "list.h"
#include "spinlock.h"
#include <stdbool.h>
#include <stdint.h>

struct thread;

struct wait_queue {
    struct spinlock lock;
    struct list_head sleepers;      /* struct wait_entry */
    const char *name;               /* shown in ps's WCHAN column */
};

/* A thread's place in a wait queue. Every thread has one for ordinary
 * sleeps (thread->wait); poll() adds one per file it watches. */
struct wait_entry {
    struct thread *thread;
    struct list_head link;
};

void wait_queue_init(struct wait_queue *wq, const char *name);

/* Join wq and take 'state' (TASK_INTERRUPTIBLE or TASK_UNINTERRUPTIBLE). */
void prepare_to_wait(struct wait_queue *wq, int state);
/* Leave wq and become TASK_RUNNING again. */
void finish_wait(struct wait_queue *wq);

/* Add or remove an extra entry (poll). */
void add_wait_queue(struct wait_queue *wq, struct wait_entry *e);
void remove_wait_queue(struct wait_queue *wq, struct wait_entry *e);

/* Wake every sleeper / the first one. */
void wake_up(struct wait_queue *wq);
void wake_up_one(struct wait_queue *wq);

/* Sleep until a signal is pending or until 'ns' nanoseconds have passed
 * (0: no limit), or someone wakes us. Returns the nanoseconds left
 * (sched/timer.c). */
uint64_t schedule_timeout(uint64_t ns);

/* Does the current thread have a signal to handle (proc/signal.c)? A
 * TASK_INTERRUPTIBLE sleep ends when this becomes true. */
bool signal_pending(struct thread *t);

/* The macros below use current, schedule() and the TASK_* states. */
#include "sched.h"

/*
 * The loop every wait_event below shares (Linux's ___wait_event): join wq
 * in 'state', test cond, and while it is false run 'sleep' (schedule(),
 * perhaps with the caller's lock dropped around it) and test again. A
 * TASK_INTERRUPTIBLE wait also ends when a signal is pending. The value is
 * 0, or -EINTR if a signal ended the wait.
 */
#define ___wait_event(wq, cond, state, sleep)                                     \
    ({                                                                            \
        int __ret = 0;                                                            \
        for (;;) {                                                                \
            prepare_to_wait((wq), (state));                                       \
            if (cond)                                                             \
                break;                                                            \
            if ((state) == TASK_INTERRUPTIBLE && signal_pending(current)) {       \
                __ret = -EINTR;                                                   \
                break;                                                            \
            }                                                                     \
            sleep;                                                                \
        }                                                                         \
        finish_wait(wq);                                                          \
        __ret;                                                                    \
    })

/* Sleep until cond, ignoring signals (state D while asleep). */
#define wait_event(wq, cond)                                                      \
    ((void)___wait_event(wq, cond, TASK_UNINTERRUPTIBLE, schedule()))

/* Sleep until cond or a signal (state S): 0, or -EINTR if a signal came. */
#define wait_event_interruptible(wq, cond)                                        \
    ___wait_event(wq, cond, TASK_INTERRUPTIBLE, schedule())

/*
 * The same two, for a condition protected by a spinlock the caller holds:
 * the lock is dropped while asleep and held again when the macro ends
 * (xv6's sleep(chan, lock)).
 */
#define wait_event_locked(wq, cond, lock)                                         \
    ((void)___wait_event(wq, cond, TASK_UNINTERRUPTIBLE,                          \
                         spin_unlock(lock); schedule(); spin_lock(lock)))
#define wait_event_interruptible_locked(wq, cond, lock)                           \
    ___wait_event(wq, cond, TASK_INTERRUPTIBLE,                                   \
                  spin_unlock(lock); schedule(); spin_lock(lock))

#endif
