/*
 * signal.c: sending signals, the pending and blocked sets, default
 * actions, stop and continue. Acting on them on the way back to user mode
 * is sigdeliver.c; building the frame for a handler and returning from it
 * is sigframe.c; the system calls are in sys_signal.c.
 *
 * Where a signal waits: a bit in the pending set of a thread (tgkill,
 * faults) or of the process (kill; any thread that does not block it takes
 * it). A thread looks at its pending, unblocked signals each time it is
 * about to return to user mode (trap_exit). Sending also wakes a thread
 * that sleeps interruptibly (S), so that it gets there: its system call
 * returns EINTR, or is restarted. A thread in uninterruptible sleep (D)
 * is not woken; the signal waits until its sleep ends (claim P4).
 */
#include "signal.h"
#include "errno.h"
#include "interrupt.h"
#include "kmalloc.h"
#include "proc.h"
#include "string.h"

#define STOP_SIGNALS (sigmask_of(SIGSTOP) | sigmask_of(SIGTSTP) | sigmask_of(SIGTTIN) | sigmask_of(SIGTTOU))
/* Default action "ignore". */
#define IGNORED_BY_DEFAULT (sigmask_of(SIGCHLD) | sigmask_of(SIGCONT) | sigmask_of(SIGURG) | sigmask_of(SIGWINCH))
/* Default action "terminate and dump core" (weft dumps nothing, but sets
 * the core flag in the wait status as Linux does when it dumps). */
#define CORE_SIGNALS (sigmask_of(SIGQUIT) | sigmask_of(SIGILL) | sigmask_of(SIGTRAP) |             \
                      sigmask_of(SIGABRT) | sigmask_of(SIGBUS) | sigmask_of(SIGFPE) |              \
                      sigmask_of(SIGSEGV) | sigmask_of(SIGXCPU) | sigmask_of(SIGXFSZ) |            \
                      sigmask_of(SIGSYS))

struct sighand *sighand_alloc(void)
{
    struct sighand *sh = kzalloc(sizeof *sh);
    if (sh) {
        sh->refcount = 1;
        spin_init(&sh->lock, "sighand");
    }
    return sh;
}

struct sighand *sighand_dup(struct sighand *old)
{
    struct sighand *sh = sighand_alloc();
    if (sh && old) {
        spin_lock(&old->lock);
        memcpy(sh->action, old->action, sizeof sh->action);
        spin_unlock(&old->lock);
    }
    return sh;
}

void sighand_put(struct sighand *sh)
{
    if (sh && __atomic_sub_fetch(&sh->refcount, 1, __ATOMIC_ACQ_REL) == 0)
        kfree(sh);
}

void signals_reset_on_exec(struct proc *p)
{
    /* A handler's address means nothing in the new program: caught
     * signals go back to SIG_DFL; ignored ones stay ignored (POSIX). */
    if (p->sighand->refcount > 1) {             /* unshare after CLONE_SIGHAND */
        struct sighand *own = sighand_dup(p->sighand);
        if (own) {
            sighand_put(p->sighand);
            p->sighand = own;
        }
    }
    for (int i = 0; i < NSIG_KERNEL; i++) {
        struct kernel_sigaction *a = &p->sighand->action[i];
        if (a->handler != SIG_IGN_VALUE)
            memset(a, 0, sizeof *a);
    }
    current->sigaltstack_sp = 0;
    current->sigaltstack_size = 0;
    current->sigaltstack_flags = SS_DISABLE;
}

bool sig_ignored(struct proc *p, int sig)
{
    if (!p->sighand)
        return true;                            /* an exiting process */
    uint64_t h = p->sighand->action[sig - 1].handler;
    if (sig == SIGKILL || sig == SIGSTOP)
        return false;
    return h == SIG_IGN_VALUE || (h == SIG_DFL_VALUE && (IGNORED_BY_DEFAULT & sigmask_of(sig)));
}

bool signal_pending(struct thread *t)
{
    struct proc *p = t->proc;
    if (!p)
        return false;
    uint64_t pending = (t->sigpending | p->shared_pending) & ~(t->sigmask & ~SIG_UNBLOCKABLE);
    return pending != 0 || p->stopped || p->group_exiting ||
           (p->exec_thread && p->exec_thread != t);
}

bool fatal_signal_pending(struct thread *t)
{
    struct proc *p = t->proc;
    return ((t->sigpending | p->shared_pending) & sigmask_of(SIGKILL)) || p->group_exiting;
}

void flush_pending_signals(struct proc *p, uint64_t mask)
{
    p->shared_pending &= ~mask;
    struct thread *t;
    list_for_each_entry(t, &p->threads, thread_link)
        t->sigpending &= ~mask;
    /* Queued extra instances of real-time signals go too. */
    for (int sig = SIGRTMIN_KERNEL; sig <= NSIG_KERNEL; sig++) {
        if (!(mask & sigmask_of(sig)))
            continue;
        p->rt_queued[sig - SIGRTMIN_KERNEL] = 0;
        list_for_each_entry(t, &p->threads, thread_link)
            t->rt_queued[sig - SIGRTMIN_KERNEL] = 0;
    }
}

/* Continue a stopped process (SIGCONT, SIGKILL). With p->lock held. */
static void resume_process(struct proc *p)
{
    if (!p->stopped)
        return;
    p->stopped = false;
    p->stop_waiting = 0;
    p->cont_reported = false;
    struct thread *t;
    list_for_each_entry(t, &p->threads, thread_link)
        wake_up_state(t, STATE_BIT(TASK_STOPPED));
}

/* With p->lock held: record the signal and wake whoever should see it. */
static void queue_signal(struct proc *p, struct thread *target, int sig,
                         const struct ksiginfo *info)
{
    uint64_t bit = sigmask_of(sig);
    if (sig == SIGCONT || sig == SIGKILL) {
        bool was_stopped = p->stopped;
        resume_process(p);
        flush_pending_signals(p, STOP_SIGNALS);
        if (was_stopped && sig == SIGCONT)
            p->cont_pending_notify = true;      /* parent is told in trap_exit */
    } else if (bit & STOP_SIGNALS) {
        p->shared_pending &= ~sigmask_of(SIGCONT);
    }
    if (sig_ignored(p, sig))
        return;

    /* A standard signal is a bit: sent twice before it is taken, it is
     * delivered once. Real-time signals (32 and up) are queued: each
     * extra instance is counted and delivered (weft keeps only the last
     * instance's siginfo). */
    uint64_t *pending = target ? &target->sigpending : &p->shared_pending;
    uint16_t *queued = target ? target->rt_queued : p->rt_queued;
    if (sig >= SIGRTMIN_KERNEL && (*pending & bit) && queued[sig - SIGRTMIN_KERNEL] < 1024)
        queued[sig - SIGRTMIN_KERNEL]++;
    *pending |= bit;
    struct ksiginfo *slot = target ? &target->siginfo[sig - 1] : &p->shared_info[sig - 1];
    *slot = *info;
    slot->signo = sig;

    /* Wake the thread(s) that will act: SIGKILL all of them, else the
     * target, or the first thread that does not block it. */
    struct thread *t;
    list_for_each_entry(t, &p->threads, thread_link) {
        if (target && t != target)
            continue;
        if (t->state == TASK_ZOMBIE || t->state == TASK_DEAD)
            continue;               /* an exited main thread cannot take it */
        if (sig != SIGKILL && (t->sigmask & bit))
            continue;
        unsigned states = STATE_BIT(TASK_INTERRUPTIBLE);
        if (sig == SIGKILL)             /* and killable D sleeps (vfork) */
            states |= STATE_BIT(TASK_STOPPED) | (t->killable ? STATE_BIT(TASK_UNINTERRUPTIBLE) : 0);
        wake_up_state(t, states);
        if (sig != SIGKILL)
            break;
    }
}

int send_signal(struct proc *p, int sig, const struct ksiginfo *info)
{
    if (sig < 1 || sig > NSIG_KERNEL)
        return -EINVAL;
    spin_lock(&p->lock);
    if (p->state == PROC_ALIVE)
        queue_signal(p, NULL, sig, info);
    spin_unlock(&p->lock);
    return 0;
}

int send_signal_thread(struct thread *t, int sig, const struct ksiginfo *info)
{
    if (sig < 1 || sig > NSIG_KERNEL)
        return -EINVAL;
    struct proc *p = t->proc;
    spin_lock(&p->lock);
    if (p->state == PROC_ALIVE && t->state != TASK_ZOMBIE && t->state != TASK_DEAD)
        queue_signal(p, t, sig, info);
    spin_unlock(&p->lock);
    return 0;
}

int kill_pgrp(int pgid, int sig, const struct ksiginfo *info)
{
    /* Signalled with tasklist_lock held, so no member can be reaped and
     * freed under us (lock order: tasklist_lock, then p->lock). */
    int n = 0;
    spin_lock(&tasklist_lock);
    struct proc *p;
    list_for_each_entry(p, &all_procs, all_link) {
        if (p->pgid != pgid || p->state != PROC_ALIVE)
            continue;
        n++;
        if (p != init_proc && sig != 0)     /* init takes no signals it did not ask for */
            send_signal(p, sig, info);
    }
    spin_unlock(&tasklist_lock);
    return n;
}

/* Send sig to the current thread, which cannot go on without taking it.
 * If it could not be delivered (blocked or ignored), or 'fatal' says no
 * handler can help, its action becomes SIG_DFL and it is unblocked: the
 * process dies rather than faulting again forever (Linux's
 * force_sig_info_to_task). */
static void force_signal(int sig, const struct ksiginfo *info, bool fatal)
{
    struct thread *t = current;
    struct proc *p = t->proc;
    spin_lock(&p->sighand->lock);
    struct kernel_sigaction *a = &p->sighand->action[sig - 1];
    if (fatal || (t->sigmask & sigmask_of(sig)) || a->handler == SIG_IGN_VALUE) {
        a->handler = SIG_DFL_VALUE;
        t->sigmask &= ~sigmask_of(sig);
    }
    spin_unlock(&p->sighand->lock);
    send_signal_thread(t, sig, info);
}

void force_fault_signal(int sig, int code, uint64_t addr)
{
    struct ksiginfo info = { .code = code, .addr = addr };
    force_signal(sig, &info, false);
}

void force_sigsegv(void)
{
    /* There was no room for a handler's frame: a SIGSEGV handler would
     * only fail the same way again (Linux's force_sigsegv). */
    struct ksiginfo info = { .code = SI_KERNEL };
    force_signal(SIGSEGV, &info, true);
}

void user_exception(struct trapframe *tf)
{
    switch (tf->trapno) {
    case T_DIVIDE:
        force_fault_signal(SIGFPE, FPE_INTDIV, tf->rip);
        break;
    case T_DEBUG:
    case T_BRKPT:
        force_fault_signal(SIGTRAP, SI_KERNEL, tf->rip);
        break;
    case T_ILLOP:
        force_fault_signal(SIGILL, ILL_ILLOPN, tf->rip);
        break;
    case T_FPERR:
    case T_SIMDERR:
        force_fault_signal(SIGFPE, SI_KERNEL, tf->rip);
        break;
    case T_ALIGN:
        force_fault_signal(SIGBUS, BUS_ADRERR, tf->rip);
        break;
    default:                /* #GP (e.g. a non-canonical address), #SS, ... */
        force_fault_signal(SIGSEGV, SI_KERNEL, 0);
        break;
    }
}

void notify_parent(struct proc *child, int code, int status)
{
    /* Under tasklist_lock: the parent cannot exit and be freed meanwhile
     * (lock order: tasklist_lock, then the parent's locks). */
    spin_lock(&tasklist_lock);
    struct proc *parent = child->parent;
    if (parent && parent->sighand) {
        struct kernel_sigaction *a = &parent->sighand->action[SIGCHLD - 1];
        bool stop_or_cont = code == CLD_STOPPED || code == CLD_CONTINUED;
        bool send = !(stop_or_cont && (a->flags & SA_NOCLDSTOP));
        int sig = stop_or_cont ? SIGCHLD : child->exit_signal;
        if (send && sig) {
            struct ksiginfo info = { .code = code, .pid = child->pid, .status = status };
            send_signal(parent, sig, &info);
        }
        wake_up(&parent->child_exit);
    }
    spin_unlock(&tasklist_lock);
}

/* Take the next pending, unblocked signal off t's or its process's set:
 * lowest number first, but SIGKILL before anything. 0 if none. */
int dequeue_signal(struct thread *t, struct ksiginfo *info)
{
    struct proc *p = t->proc;
    spin_lock(&p->lock);
    uint64_t allowed = ~(t->sigmask & ~SIG_UNBLOCKABLE);
    uint64_t mine = t->sigpending & allowed, shared = p->shared_pending & allowed;
    int sig = 0;
    if ((mine | shared) & sigmask_of(SIGKILL))
        sig = SIGKILL;
    else if (mine)
        sig = __builtin_ctzll(mine) + 1;
    else if (shared)
        sig = __builtin_ctzll(shared) + 1;
    if (sig) {
        uint64_t bit = sigmask_of(sig);
        bool own = t->sigpending & bit;
        uint64_t *pending = own ? &t->sigpending : &p->shared_pending;
        uint16_t *queued = own ? t->rt_queued : p->rt_queued;
        *info = own ? t->siginfo[sig - 1] : p->shared_info[sig - 1];
        if (sig >= SIGRTMIN_KERNEL && queued[sig - SIGRTMIN_KERNEL] > 0)
            queued[sig - SIGRTMIN_KERNEL]--;    /* more instances stay pending */
        else
            *pending &= ~bit;
        info->signo = sig;
    }
    spin_unlock(&p->lock);
    return sig;
}

/* Default actions. Returns only for "ignore" and after "stop". */
void signal_default_action(int sig)
{
    uint64_t bit = sigmask_of(sig);
    if (bit & IGNORED_BY_DEFAULT)
        return;
    if (bit & STOP_SIGNALS) {
        /* A group stop: every thread of the process stops (in trap_exit,
         * do_stop), and the last one to do so tells the parent. Threads
         * asleep in S are woken to get there; one in D stops when its
         * sleep ends. */
        struct proc *p = current_proc();
        spin_lock(&p->lock);
        if (!p->stopped) {
            p->stopped = true;
            p->stop_signal = sig;
            p->stop_waiting = p->nthreads;
            p->stop_gen++;
            struct thread *t;
            list_for_each_entry(t, &p->threads, thread_link)
                if (t != current)
                    wake_up_state(t, STATE_BIT(TASK_INTERRUPTIBLE));
        }
        spin_unlock(&p->lock);
        return;
    }
    do_group_exit((bit & CORE_SIGNALS) ? sig | 0x80 : sig);
}
