/* kill.c: sending signals, and the signal mask. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "syscall.h"

int kill(pid_t pid, int sig)
{
    return (int)__syscall_ret(__syscall2(__NR_kill, pid, sig));
}

/* To every process in the group: kill() with a negative pid. */
int killpg(pid_t pgrp, int sig)
{
    if (pgrp < 0) {
        errno = EINVAL;
        return -1;
    }
    return kill(-pgrp, sig);
}

/* raise: to the calling thread, not just the process, so that a thread
 * that raises SIGSEGV is the one that gets it. */
int raise(int sig)
{
    long pid = __syscall0(__NR_getpid), tid = __syscall0(__NR_gettid);
    long r = __syscall3(__NR_tgkill, pid, tid, sig);
    if (r == -ENOSYS)                   /* a kernel without tgkill */
        r = __syscall2(__NR_kill, pid, sig);
    return (int)__syscall_ret(r);
}

int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
    if (old)
        memset(old, 0, sizeof *old);    /* the kernel fills only 8 bytes */
    return (int)__syscall_ret(__syscall4(__NR_rt_sigprocmask, how, set, old, 8));
}

/* Replace the mask and sleep until a handler runs: the race-free way to
 * wait for a signal. Always -1 with EINTR. */
int sigsuspend(const sigset_t *mask)
{
    return (int)__syscall_ret(__syscall2(__NR_rt_sigsuspend, mask, 8));
}

int sigpending(sigset_t *set)
{
    memset(set, 0, sizeof *set);
    return (int)__syscall_ret(__syscall2(__NR_rt_sigpending, set, 8));
}

int sigaltstack(const stack_t *restrict ss, stack_t *restrict old)
{
    return (int)__syscall_ret(__syscall2(__NR_sigaltstack, ss, old));
}

/* "s: Description" on stderr, like perror for signals. */
void psignal(int sig, const char *s)
{
    if (s && *s)
        fprintf(stderr, "%s: %s\n", s, strsignal(sig));
    else
        fprintf(stderr, "%s\n", strsignal(sig));
}
