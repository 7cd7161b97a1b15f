/*
 * fair.c: the scheduling policy, a small version of Linux's CFS
 * (Completely Fair Scheduler).
 *
 * Every thread keeps a virtual run time: the CPU time it has used, scaled
 * by its weight. A nice-0 thread's vruntime advances at the speed of the
 * wall clock; a thread at nice -5 (weight 3121) advances about three times
 * slower, one at nice 5 (weight 335) three times faster. The scheduler
 * always runs the thread with the smallest vruntime, so over time each
 * thread gets CPU in proportion to its weight: nice is honoured without a
 * separate queue per priority. The weights are Linux's table: each nice
 * step is about 25% more or less CPU.
 *
 * The run queue is a list kept sorted by vruntime: insertion is O(n),
 * taking the next thread O(1). Linux uses a red-black tree for O(log n);
 * with the dozens of threads a teaching machine runs, the list is as fast
 * and much easier to read.
 *
 * Preemption: on every tick the running thread's vruntime grows; once it
 * is more than SCHED_GRANULARITY ahead of the leftmost waiting thread, it
 * is preempted. A thread that wakes up after a long sleep is placed at
 * min_vruntime minus half a granularity, so it runs soon but cannot
 * monopolise the CPU with the credit it saved while asleep.
 */
#include "sched.h"
#include "schedpolicy.h"

#define SCHED_GRANULARITY_NS (10 * 1000 * 1000ull)     /* 10 ms: one tick */
#define NICE_0_WEIGHT 1024

/* Linux's sched_prio_to_weight[], nice -20 .. 19. */
static const uint32_t nice_to_weight[40] = {
    88761, 71755, 56483, 46273, 36291, 29154, 23254, 18705, 14949, 11916,
    9548,  7620,  6100,  4904,  3906,  3121,  2501,  1991,  1586,  1277,
    1024,  820,   655,   526,   423,   335,   272,   215,   172,   137,
    110,   87,    70,    56,    45,    36,    29,    23,    18,    15,
};

static LIST_HEAD(runqueue);
static uint64_t min_vruntime;       /* never goes backwards */

static uint32_t nice_weight(int nice)
{
    return nice_to_weight[nice + 20];
}

void policy_enqueue(struct thread *t, bool waking)
{
    if (waking) {
        uint64_t floor = min_vruntime > SCHED_GRANULARITY_NS / 2
                             ? min_vruntime - SCHED_GRANULARITY_NS / 2 : 0;
        if (t->vruntime < floor)
            t->vruntime = floor;
    }
    /* Insert after every thread with a smaller or equal vruntime (FIFO
     * among equals, so equal threads take turns). */
    struct list_head *pos;
    list_for_each(pos, &runqueue) {
        struct thread *other = list_entry(pos, struct thread, run_link);
        if (other->vruntime > t->vruntime)
            break;
    }
    list_add_tail(&t->run_link, pos);
}

void policy_dequeue(struct thread *t)
{
    list_del(&t->run_link);
}

struct thread *policy_pick_next(void)
{
    if (list_empty(&runqueue))
        return NULL;
    struct thread *t = list_first_entry(&runqueue, struct thread, run_link);
    if (t->vruntime > min_vruntime)
        min_vruntime = t->vruntime;
    return t;
}

void policy_new_thread(struct thread *t, struct thread *parent)
{
    /* Start where the parent is (or the queue's minimum), so a fork bomb
     * cannot starve everyone else with fresh zero vruntimes. */
    t->vruntime = parent && parent->vruntime > min_vruntime ? parent->vruntime : min_vruntime;
}

void policy_account(struct thread *t, uint64_t delta_ns)
{
    t->vruntime += delta_ns * NICE_0_WEIGHT / nice_weight(t->nice);
}

bool policy_should_preempt(struct thread *curr)
{
    if (list_empty(&runqueue))
        return false;
    struct thread *left = list_first_entry(&runqueue, struct thread, run_link);
    return curr->vruntime > left->vruntime + SCHED_GRANULARITY_NS;
}
