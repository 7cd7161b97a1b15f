/* sched.h: the scheduler. (clone() comes with the thread library.) */
#ifndef _SCHED_H
#define _SCHED_H
#include <bits/types.h>
#include <weft/sched.h>
struct sched_param {
    int sched_priority;
};
int sched_yield(void);
#endif
