/*
 * sys_signal.c: the signal system calls: kill, tkill, tgkill,
 * rt_sigaction, rt_sigprocmask, rt_sigpending, rt_sigsuspend, pause and
 * sigaltstack. (rt_sigreturn is in sigframe.c.)
 */
#include "errno.h"
#include "proc.h"
#include "signal.h"
#include "trapframe.h"
#include "uaccess.h"

#define KERNEL_SIGSET_SIZE 8    /* the kernel's sigset_t: 64 bits */

static bool valid_signal(int sig)
{
    return sig >= 0 && sig <= NSIG_KERNEL;
}

/* May the caller signal p? weft has one user (root), so yes, except that
 * init only gets the signals it has a handler for (Linux protects it the
 * same way: `kill -9 1` does nothing). */
static int signal_one(struct proc *p, int sig, const struct ksiginfo *info)
{
    if (sig == 0 || p->state != PROC_ALIVE)
        return 0;                   /* probe only, or a zombie: nothing to do */
    if (p == init_proc && p->sighand->action[sig - 1].handler <= SIG_IGN_VALUE)
        return 0;
    return send_signal(p, sig, info);
}

long sys_kill(int pid, int sig)
{
    struct proc *me = current_proc();
    struct ksiginfo info = { .code = SI_USER, .pid = me->pid, .uid = 0 };

    if (pid > 0) {                  /* Linux looks the pid up first: ESRCH wins */
        spin_lock(&tasklist_lock);
        struct proc *p = proc_find(pid);
        long r = !p ? -ESRCH : valid_signal(sig) ? signal_one(p, sig, &info) : -EINVAL;
        spin_unlock(&tasklist_lock);    /* held: p cannot be reaped meanwhile */
        return r;
    }
    if (!valid_signal(sig))
        return -EINVAL;
    if (pid == INT32_MIN)
        return -ESRCH;                  /* -pid would overflow */
    if (pid < -1 || pid == 0)           /* a process group: ours, or -pid */
        return kill_pgrp(pid == 0 ? me->pgid : -pid, sig, &info) ? 0 : -ESRCH;
    /* pid -1: everyone but init and ourselves. */
    int found = 0;
    spin_lock(&tasklist_lock);
    struct proc *p;
    list_for_each_entry(p, &all_procs, all_link) {
        if (p->state == PROC_ALIVE && p != init_proc && p != me) {
            signal_one(p, sig, &info);
            found++;
        }
    }
    spin_unlock(&tasklist_lock);
    return found ? 0 : -ESRCH;
}

static long thread_kill(int tgid, int tid, int sig)
{
    if (!valid_signal(sig))
        return -EINVAL;
    if (tid <= 0 || tgid == 0 || tgid < -1)
        return -EINVAL;
    struct thread *t = thread_find(tid);
    if (!t || !t->proc || (tgid > 0 && t->proc->pid != tgid) ||
        t->state == TASK_ZOMBIE || t->state == TASK_DEAD)
        return -ESRCH;
    if (sig == 0)
        return 0;
    struct ksiginfo info = { .code = SI_TKILL, .pid = current_proc()->pid };
    return send_signal_thread(t, sig, &info);
}

long sys_tgkill(int tgid, int tid, int sig)
{
    return thread_kill(tgid, tid, sig);
}

long sys_tkill(int tid, int sig)
{
    return thread_kill(-1, tid, sig);
}

long sys_rt_sigaction(int sig, const struct kernel_sigaction *act, struct kernel_sigaction *old,
                      size_t sigsetsize)
{
    if (sigsetsize != KERNEL_SIGSET_SIZE)
        return -EINVAL;
    if (sig < 1 || sig > NSIG_KERNEL)
        return -EINVAL;
    struct kernel_sigaction new;
    if (act && copy_from_user(&new, act, sizeof new) < 0)
        return -EFAULT;
    if (act && (sig == SIGKILL || sig == SIGSTOP))
        return -EINVAL;             /* cannot be caught or ignored */

    struct proc *p = current_proc();
    spin_lock(&p->sighand->lock);
    struct kernel_sigaction prev = p->sighand->action[sig - 1];
    if (act) {
        new.mask &= ~SIG_UNBLOCKABLE;
        p->sighand->action[sig - 1] = new;
    }
    spin_unlock(&p->sighand->lock);

    /* Setting SIG_IGN (or SIG_DFL for a default-ignored signal) throws
     * away what is pending (POSIX). */
    if (act && sig_ignored(p, sig)) {
        spin_lock(&p->lock);
        flush_pending_signals(p, sigmask_of(sig));
        spin_unlock(&p->lock);
    }
    if (old && copy_to_user(old, &prev, sizeof prev) < 0)
        return -EFAULT;
    return 0;
}

long sys_rt_sigprocmask(int how, const uint64_t *set, uint64_t *oldset, size_t sigsetsize)
{
    if (sigsetsize != KERNEL_SIGSET_SIZE)
        return -EINVAL;
    struct thread *t = current;
    uint64_t old = t->sigmask, new;
    if (set) {
        if (copy_from_user(&new, set, sizeof new) < 0)
            return -EFAULT;
        switch (how) {
        case SIG_BLOCK:
            t->sigmask |= new;
            break;
        case SIG_UNBLOCK:
            t->sigmask &= ~new;
            break;
        case SIG_SETMASK:
            t->sigmask = new;
            break;
        default:
            return -EINVAL;
        }
        t->sigmask &= ~SIG_UNBLOCKABLE;
    }
    if (oldset && copy_to_user(oldset, &old, sizeof old) < 0)
        return -EFAULT;
    return 0;
}

long sys_rt_sigpending(uint64_t *set, size_t sigsetsize)
{
    if (sigsetsize > KERNEL_SIGSET_SIZE)
        return -EINVAL;
    struct thread *t = current;
    uint64_t pending = (t->sigpending | t->proc->shared_pending) & t->sigmask;
    return copy_to_user(set, &pending, sigsetsize) < 0 ? -EFAULT : 0;
}

/* Sleep until a signal is delivered (to a handler) or ends us. */
static long sleep_for_signal(void)
{
    while (!signal_pending(current)) {
        current->state = TASK_INTERRUPTIBLE;
        current->wchan = "pause";
        if (signal_pending(current)) {
            current->state = TASK_RUNNING;
            break;
        }
        schedule();
    }
    current->wchan = NULL;
    return -ERESTARTNOHAND;         /* EINTR once a handler has run */
}

long sys_pause(void)
{
    return sleep_for_signal();
}

long sys_rt_sigsuspend(const uint64_t *mask, size_t sigsetsize)
{
    if (sigsetsize != KERNEL_SIGSET_SIZE)
        return -EINVAL;
    uint64_t m;
    if (copy_from_user(&m, mask, sizeof m) < 0)
        return -EFAULT;
    struct thread *t = current;
    t->saved_sigmask = t->sigmask;
    t->restore_sigmask = true;      /* trap_exit puts the old mask back */
    t->sigmask = m & ~SIG_UNBLOCKABLE;
    return sleep_for_signal();
}

long sys_sigaltstack(const struct k_stack *uss, struct k_stack *uoss)
{
    struct thread *t = current;
    bool on = on_sigaltstack(t, t->tf->rsp);
    struct k_stack old = { t->sigaltstack_sp, on ? SS_ONSTACK : t->sigaltstack_flags, 0,
                           t->sigaltstack_size };
    if (uss) {
        struct k_stack ss;
        if (copy_from_user(&ss, uss, sizeof ss) < 0)
            return -EFAULT;
        if (on)
            return -EPERM;          /* cannot change it while running on it */
        if (ss.ss_flags & ~(SS_DISABLE | SS_ONSTACK))
            return -EINVAL;
        if (ss.ss_flags & SS_DISABLE) {
            t->sigaltstack_sp = t->sigaltstack_size = 0;
            t->sigaltstack_flags = SS_DISABLE;
        } else {
            if (ss.ss_size < MINSIGSTKSZ)
                return -ENOMEM;
            t->sigaltstack_sp = ss.ss_sp;
            t->sigaltstack_size = ss.ss_size;
            t->sigaltstack_flags = 0;
        }
    }
    if (uoss && copy_to_user(uoss, &old, sizeof old) < 0)
        return -EFAULT;
    return 0;
}
