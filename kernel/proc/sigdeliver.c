/*
 * sigdeliver.c: what a thread does on every return to user mode
 * (trap_exit): give up the CPU if asked, stop if its process is stopped,
 * and act on pending signals, restarting an interrupted system call or
 * making it fail with EINTR.
 */
#include "signal.h"
#include "errno.h"
#include "interrupt.h"
#include "proc.h"
#include "trapframe.h"
#include "weft/unistd.h"

/* The system call this frame is returning from was interrupted (returned
 * an -ERESTART* code): restart it, or turn it into -EINTR, following
 * Linux's rules (errno.h). 'handler' says whether a handler is about to
 * run, 'flags' are its sa_flags. The syscall number was saved in errcode
 * (Linux's orig_rax); -1 there means "already decided". */
static void syscall_restart(struct trapframe *tf, bool handler, uint64_t flags)
{
    if (tf->trapno != T_SYSCALL || (int64_t)tf->errcode < 0)
        return;
    long r = (long)tf->rax;
    bool restart;
    if (r == -ERESTARTNOINTR)
        restart = true;
    else if (r == -ERESTARTSYS)
        restart = !handler || (flags & SA_RESTART);
    else if (r == -ERESTARTNOHAND || r == -ERESTART_RESTARTBLOCK)
        restart = !handler;
    else
        return;
    if (restart) {
        /* Back onto the 2-byte syscall instruction, with the call number
         * again, or restart_syscall() to resume where the call left off. */
        tf->rax = r == -ERESTART_RESTARTBLOCK ? __NR_restart_syscall : tf->errcode;
        tf->rip -= 2;
    } else {
        tf->rax = (uint64_t)-EINTR;
    }
    tf->errcode = (uint64_t)-1;
}

/* Sleep in state T until the process is continued (SIGCONT or SIGKILL).
 * The last thread of the process to stop completes the group stop and
 * tells the parent (SIGCHLD, wait4 WUNTRACED). */
static void do_stop(struct proc *p)
{
    struct thread *t = current;
    spin_lock(&p->lock);
    /* A process that is dying or exec'ing stops no more: leave for
     * trap_exit, which ends this thread. */
    while (p->stopped && !p->group_exiting && !(p->exec_thread && p->exec_thread != t)) {
        if (t->stop_gen != p->stop_gen) {   /* join this group stop, once */
            t->stop_gen = p->stop_gen;
            if (--p->stop_waiting == 0) {
                p->stop_reported = false;
                spin_unlock(&p->lock);
                notify_parent(p, CLD_STOPPED, p->stop_signal);
                spin_lock(&p->lock);
                continue;
            }
        }
        t->state = TASK_STOPPED;    /* under p->lock: resume_process sees it */
        t->wchan = "stopped";
        spin_unlock(&p->lock);
        schedule();
        spin_lock(&p->lock);
    }
    t->wchan = NULL;
    spin_unlock(&p->lock);
}

/* Act on one pending signal. Returns true if a handler frame was set up
 * (then we must return to user mode to run it). */
static bool handle_one(struct trapframe *tf)
{
    struct thread *t = current;
    struct proc *p = t->proc;
    struct ksiginfo info;
    int sig = dequeue_signal(t, &info);
    if (!sig)
        return false;

    spin_lock(&p->sighand->lock);
    struct kernel_sigaction ka = p->sighand->action[sig - 1];
    if (ka.handler > SIG_IGN_VALUE && (ka.flags & SA_RESETHAND))
        p->sighand->action[sig - 1].handler = SIG_DFL_VALUE;    /* one-shot */
    spin_unlock(&p->sighand->lock);

    if (sig == SIGKILL || ka.handler == SIG_DFL_VALUE) {
        signal_default_action(sig);     /* may not return */
        return false;
    }
    if (ka.handler == SIG_IGN_VALUE)
        return false;

    syscall_restart(tf, true, ka.flags);
    if (setup_rt_frame(tf, sig, &ka, &info) < 0) {
        force_sigsegv();                /* no frame, no handler: it dies */
        return false;
    }
    return true;
}

void trap_exit(struct trapframe *tf)
{
    struct thread *t = current;
    struct proc *p = t->proc;
    for (;;) {
        if (need_resched())
            schedule();
        if (p->group_exiting || (p->exec_thread && p->exec_thread != t))
            do_exit(0);                 /* exit_group or execve in another thread */
        if (p->cont_pending_notify) {
            p->cont_pending_notify = false;
            notify_parent(p, CLD_CONTINUED, SIGCONT);
        }
        if (p->stopped) {
            do_stop(p);
            continue;
        }
        if (!signal_pending(t))
            break;
        if (handle_one(tf))
            break;                      /* run the handler now; more come later */
    }
    if (t->restore_sigmask) {           /* rt_sigsuspend's temporary mask */
        t->restore_sigmask = false;
        t->sigmask = t->saved_sigmask;
    }
    syscall_restart(tf, false, 0);      /* interrupted, but no handler ran */
}
