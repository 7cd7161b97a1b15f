/*
 * test_signal.c: self tests of the pending-signal bookkeeping, on a fake
 * process (test_procfs.h) that never runs.
 */
#include "ktest.h"
#include "proc.h"
#include "signal.h"
#include "test_procfs.h"

/* rt_sigaction(SIG_IGN) flushes a real-time signal: its queued extra
 * instances go too, so one sent later is delivered once, not once per
 * instance that was thrown away. */
KTEST(flushing_a_signal_drops_its_queued_instances)
{
    struct proc *p = tp_fake_proc(32001);
    KEXPECT(p != NULL);
    if (!p)
        return;
    p->sighand = sighand_alloc();
    struct thread *t = p->leader;
    int sig = SIGRTMIN_KERNEL;
    struct ksiginfo info = { .code = SI_USER };
    t->sigmask = sigmask_of(sig);           /* blocked: nobody is woken */
    for (int i = 0; i < 3; i++)
        send_signal(p, sig, &info);
    spin_lock(&p->lock);
    flush_pending_signals(p, sigmask_of(sig));
    spin_unlock(&p->lock);
    KEXPECT(!(p->shared_pending & sigmask_of(sig)));

    send_signal(p, sig, &info);
    t->sigmask = 0;
    int delivered = 0;
    struct ksiginfo got;
    while (delivered < 5 && dequeue_signal(t, &got) == sig)
        delivered++;
    KEXPECT(delivered == 1);
    tp_free_proc(p);
}
