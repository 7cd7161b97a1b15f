/*
 * schedpolicy.h: the interface between the scheduler's mechanism
 * (sched/sched.c: run queue locking, switching, sleeping, waking) and its
 * policy (sched/fair.c: which thread runs next). An assignment "write a
 * priority scheduler" replaces fair.c and nothing else.
 *
 * All of these are called with the run queue lock (rq_lock in sched.c) held.
 */
#ifndef WEFT_SCHEDPOLICY_H
#define WEFT_SCHEDPOLICY_H

#include "sched.h"

/* Add a runnable thread to the run queue; 'waking' if it slept. */
void policy_enqueue(struct thread *t, bool waking);
void policy_dequeue(struct thread *t);
/* The thread to run next (still queued: the caller dequeues it), or NULL. */
struct thread *policy_pick_next(void);
/* A new thread gets its initial position. */
void policy_new_thread(struct thread *t, struct thread *parent);
/* t ran for delta_ns. */
void policy_account(struct thread *t, uint64_t delta_ns);
/* Should the running thread give way now? */
bool policy_should_preempt(struct thread *curr);

#endif
