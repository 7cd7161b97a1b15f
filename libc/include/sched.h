/* sched.h: the scheduler, and clone() (thread/clone.c). */
#ifndef _SCHED_H
#define _SCHED_H
#include <bits/types.h>
#include <weft/sched.h>
struct sched_param {
    int sched_priority;
};
int sched_yield(void);

/* glibc's clone(): run fn(arg) in a new thread or process on `stack`
 * (its highest address); the optional arguments are
 * pid_t *ptid, void *tls, pid_t *ctid, as the flags ask for them.
 * Returns the new id, or -1 and errno. pthread_create is built on it. */
int clone(int (*fn)(void *), void *stack, int flags, void *arg, ...);
#endif
