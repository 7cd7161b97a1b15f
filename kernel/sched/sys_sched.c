/*
 * sys_sched.c: scheduling system calls: sched_yield, nice values
 * (getpriority/setpriority, per thread as on Linux), CPU affinity and
 * policy queries.
 */
#include "errno.h"
#include "proc.h"
#include "uaccess.h"
#include "weft/sched.h"

long sys_sched_yield(void)
{
    sched_yield();
    return 0;
}

/* The threads 'which'/'who' names: PRIO_PROCESS takes a tid (a thread,
 * as Linux does; a process's pid is its main thread's tid), PRIO_PGRP a
 * process group, PRIO_USER everyone (one user). Calls fn on each;
 * returns how many. */
static int for_each_target(int which, int who, void (*fn)(struct thread *, void *), void *arg)
{
    int n = 0;
    if (which == PRIO_PROCESS) {
        struct thread *t = who ? thread_find(who) : current;
        if (t && t->proc && t->state != TASK_ZOMBIE && t->state != TASK_DEAD) {
            fn(t, arg);
            n++;
        }
        return n;
    }
    int pgid = who ? who : current_proc()->pgid;
    spin_lock(&tasklist_lock);
    struct proc *p;
    list_for_each_entry(p, &all_procs, all_link) {
        if (p->state != PROC_ALIVE || (which == PRIO_PGRP && p->pgid != pgid))
            continue;
        struct thread *t;
        list_for_each_entry(t, &p->threads, thread_link) {
            fn(t, arg);
            n++;
        }
    }
    spin_unlock(&tasklist_lock);
    return n;
}

static void lowest_nice(struct thread *t, void *arg)
{
    int *best = arg;
    if (t->nice < *best)
        *best = t->nice;
}

static void set_nice(struct thread *t, void *arg)
{
    t->nice = *(int *)arg;
}

long sys_getpriority(int which, int who)
{
    if (which < PRIO_PROCESS || which > PRIO_USER)
        return -EINVAL;
    int best = 20;
    if (for_each_target(which, who, lowest_nice, &best) == 0)
        return -ESRCH;
    return 20 - best;       /* the raw syscall returns 40..1; libc gives nice */
}

long sys_setpriority(int which, int who, int nice)
{
    if (which < PRIO_PROCESS || which > PRIO_USER)
        return -EINVAL;
    if (nice < -20)
        nice = -20;
    if (nice > 19)
        nice = 19;
    return for_each_target(which, who, set_nice, &nice) ? 0 : -ESRCH;
}

long sys_sched_getaffinity(int pid, size_t len, uint64_t *mask)
{
    if (pid && !thread_find(pid))
        return -ESRCH;
    if (len < sizeof(uint64_t) || (len & 7))
        return -EINVAL;
    uint64_t m = (1ull << ncpus) - 1;
    if (clear_user(mask, len) || copy_to_user(mask, &m, sizeof m))
        return -EFAULT;
    return sizeof m;        /* the kernel returns the size it wrote */
}

long sys_sched_setaffinity(int pid, size_t len, const uint64_t *mask)
{
    if (pid && !thread_find(pid))
        return -ESRCH;
    uint64_t m;
    if (len < sizeof m)
        return -EINVAL;
    if (copy_from_user(&m, mask, sizeof m))
        return -EFAULT;
    return (m & ((1ull << ncpus) - 1)) ? 0 : -EINVAL;
}

long sys_sched_getscheduler(int pid)
{
    if (pid < 0)
        return -EINVAL;
    return (pid && !thread_find(pid)) ? -ESRCH : SCHED_OTHER;
}

long sys_sched_setscheduler(int pid, int policy, const int *param)
{
    if (pid < 0 || !param)
        return -EINVAL;
    if (pid && !thread_find(pid))
        return -ESRCH;
    int prio;
    if (copy_from_user(&prio, param, sizeof prio))
        return -EFAULT;
    if (policy != SCHED_OTHER)
        return policy == SCHED_FIFO || policy == SCHED_RR ? -EPERM : -EINVAL;
    return prio == 0 ? 0 : -EINVAL;
}

long sys_sched_getparam(int pid, int *param)
{
    if (pid < 0 || !param)
        return -EINVAL;
    if (pid && !thread_find(pid))
        return -ESRCH;
    int zero = 0;
    return copy_to_user(param, &zero, sizeof zero) ? -EFAULT : 0;
}

long sys_sched_setparam(int pid, const int *param)
{
    return sys_sched_setscheduler(pid, SCHED_OTHER, param);
}
