/*
 * task.c: the facts about a process or thread that both /proc/PID/stat
 * and /proc/PID/status print, gathered in one place so the two files can
 * never disagree.
 *
 * "The process" versus "one of its threads", as Linux draws the line:
 *
 *   state      the thread's; for the process, its leader thread's (so a
 *              process whose first thread has exited shows Z, as on Linux)
 *   times      the thread's own; for the process, p->utime/stime, which
 *              keep the ticks of threads that have already exited
 *   switches   the thread's own; for the process, the sum over its threads
 *   signals    pending-for-the-thread and blocked are per thread (the
 *              leader's for the process); shared pending, ignored and
 *              caught belong to the process
 *
 * Called with tasklist_lock (parent pointers) and p->lock (the threads).
 */
#include "procfs.h"
#include "proc.h"
#include "tty.h"

/* weft has one terminal, /dev/console, device (5, 1); tty_nr encodes it
 * the way Linux does: major in bits 8-15, minor in bits 0-7. */
#define CONSOLE_TTY_NR ((5 << 8) | 1)

void procfs_task_info(struct proc *p, struct thread *t, struct task_info *ti)
{
    struct thread *who = t ? t : p->leader;   /* whose state and signals */
    ti->thread = who;

    if (p->state != PROC_ALIVE && !t)
        ti->state = 'Z';
    else
        ti->state = who ? thread_state_letter(who->state) : 'Z';

    ti->pid = t ? t->tid : p->pid;
    ti->tgid = p->pid;
    ti->ppid = p->parent ? p->parent->pid : 0;
    ti->pgid = p->pgid;
    ti->sid = p->sid;
    ti->tty_nr = p->ctty ? CONSOLE_TTY_NR : 0;
    ti->tpgid = p->ctty ? p->ctty->pgrp : -1;
    ti->nice = who ? who->nice : 0;
    /* A zombie keeps its leader's record, and Linux counts it as 1. */
    ti->nthreads = p->nthreads > 0 ? p->nthreads : 1;

    ti->utime = t ? t->utime : p->utime;
    ti->stime = t ? t->stime : p->stime;
    ti->start_time_ns = t ? t->start_time_ns : p->start_time_ns;
    ti->nvcsw = ti->nivcsw = 0;
    if (t) {
        ti->nvcsw = t->nvcsw;
        ti->nivcsw = t->nivcsw;
    } else {
        struct thread *th;
        list_for_each_entry(th, &p->threads, thread_link) {
            ti->nvcsw += th->nvcsw;
            ti->nivcsw += th->nivcsw;
        }
    }

    ti->sig_pending = who ? who->sigpending : 0;
    ti->sig_shared = p->shared_pending;
    ti->sig_blocked = who ? who->sigmask : 0;
    ti->sig_ignored = ti->sig_caught = 0;
    if (p->sighand) {                       /* a zombie has given its handlers back */
        spin_lock(&p->sighand->lock);
        for (int sig = 1; sig <= NSIG_KERNEL; sig++) {
            uint64_t handler = p->sighand->action[sig - 1].handler;
            if (handler == SIG_IGN_VALUE)
                ti->sig_ignored |= sigmask_of(sig);
            else if (handler != SIG_DFL_VALUE)
                ti->sig_caught |= sigmask_of(sig);
        }
        spin_unlock(&p->sighand->lock);
    }

    bool asleep = who && (who->state == TASK_INTERRUPTIBLE || who->state == TASK_UNINTERRUPTIBLE);
    ti->wchan = asleep ? who->wchan : NULL;
    ti->exiting = p->group_exiting || p->state != PROC_ALIVE ||
                  (who && (who->state == TASK_ZOMBIE || who->state == TASK_DEAD));
}

const char *procfs_state_name(char state)
{
    /* Linux's task_state_array. */
    switch (state) {
    case 'R': return "R (running)";
    case 'S': return "S (sleeping)";
    case 'D': return "D (disk sleep)";
    case 'T': return "T (stopped)";
    case 'Z': return "Z (zombie)";
    case 'X': return "X (dead)";
    default:  return "? (unknown)";
    }
}
