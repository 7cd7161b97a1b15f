/*
 * signal.h: sending and delivering signals (proc/signal.c).
 *
 * Sending marks a signal pending: for the whole process (kill: any thread
 * that does not block it may take it) or for one thread (tgkill, faults).
 * Nothing happens to the receiver until it is about to return to user mode
 * (trap_exit): there it takes its pending, unblocked signals one by one
 * and either carries out the default action (terminate, stop, continue,
 * ignore) or builds a signal frame on the user stack and runs the handler.
 *
 * A thread asleep in state S is woken so that it notices; one asleep in
 * state D is not (claim P4): SIGKILL waits until its sleep ends.
 */
#ifndef WEFT_SIGNAL_H
#define WEFT_SIGNAL_H

#include "weft/signal.h"
#include <stdbool.h>
#include <stdint.h>

struct proc;
struct thread;
struct trapframe;

/* What the receiver learns about a signal (becomes its siginfo_t). */
struct ksiginfo {
    int signo;
    int code;           /* SI_USER, SI_KERNEL, SEGV_MAPERR, CLD_EXITED ... */
    int pid;            /* sender, or the child for SIGCHLD */
    int uid;
    int status;         /* SIGCHLD: exit code or signal */
    uint64_t addr;      /* SIGSEGV/SIGBUS/SIGILL/SIGFPE: the faulting address */
};

#define sigmask_of(sig) (1ull << ((sig) - 1))
/* The signals no one can block, catch or ignore. */
#define SIG_UNBLOCKABLE (sigmask_of(SIGKILL) | sigmask_of(SIGSTOP))

/* Send to a process (kill) or one thread (tgkill, faults). */
int send_signal(struct proc *p, int sig, const struct ksiginfo *info);
int send_signal_thread(struct thread *t, int sig, const struct ksiginfo *info);
/* Send to every live process of group pgid; returns how many there are. */
int kill_pgrp(int pgid, int sig, const struct ksiginfo *info);
/* A fault in user mode: the signal cannot be blocked or ignored; if it
 * is, the default action (terminate) happens anyway, as on Linux. */
void force_fault_signal(int sig, int code, uint64_t addr);
/* Is SIGKILL pending for t (or its process dying)? */
bool fatal_signal_pending(struct thread *t);
/* Would delivering sig to p do nothing at all (SIG_IGN, or SIG_DFL for a
 * signal whose default action is to ignore it)? Then it is not queued. */
bool sig_ignored(struct proc *p, int sig);
/* Forget the pending signals in mask, the process's and every thread's,
 * queued real-time instances included. With p->lock held. */
void flush_pending_signals(struct proc *p, uint64_t mask);

/* Delivering a signal failed (no room for the frame, a handler or saved
 * rip outside user space): the process dies of SIGSEGV. */
void force_sigsegv(void);
/* CPU exceptions from user mode (divide error, invalid opcode, ...). */
void user_exception(struct trapframe *tf);

/* On every return to user mode: reschedule if asked, then handle pending
 * signals. */
void trap_exit(struct trapframe *tf);

/* Handlers reset to SIG_DFL at execve (ignored ones stay ignored). */
void signals_reset_on_exec(struct proc *p);
struct sighand *sighand_alloc(void);
struct sighand *sighand_dup(struct sighand *old);
void sighand_put(struct sighand *sh);

/* Parent notification when a child exits, stops or continues. */
void notify_parent(struct proc *child, int code, int status);

/* proc/signal.c, used by the delivery code in proc/sigdeliver.c */
int dequeue_signal(struct thread *t, struct ksiginfo *info);
void signal_default_action(int sig);
/* proc/sigframe.c: run the handler for sig (0 on success). */
int setup_rt_frame(struct trapframe *tf, int sig, const struct kernel_sigaction *ka,
                   const struct ksiginfo *info);

/* stack_t, as sigaltstack() and the signal frame's uc_stack lay it out. */
struct k_stack {
    uint64_t ss_sp;
    int32_t ss_flags;
    int32_t pad;
    uint64_t ss_size;
};
/* Is sp on t's alternate signal stack (proc/sigframe.c)? */
bool on_sigaltstack(const struct thread *t, uint64_t sp);

#endif
