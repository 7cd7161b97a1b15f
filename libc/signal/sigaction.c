/*
 * sigaction.c: installing signal handlers.
 *
 * The kernel's rt_sigaction takes a struct kernel_sigaction (weft/signal.h):
 * handler, flags, restorer, and a 64-bit mask. Two things are libc's job:
 *  - SA_RESTORER with __restore_rt (arch/x86_64/restore_rt.S): on x86-64
 *    the kernel requires it; it is where a handler returns to, and it
 *    calls rt_sigreturn.
 *  - sigsetsize = 8: the kernel's sigset is 64 bits, though sigset_t
 *    has room for 1024.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "syscall.h"

void __restore_rt(void);

int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict old)
{
    struct kernel_sigaction kact, kold;
    if (act) {
        kact.handler = (unsigned long)act->sa_handler;
        kact.flags = (unsigned)act->sa_flags | SA_RESTORER;
        kact.restorer = (unsigned long)__restore_rt;
        kact.mask = act->sa_mask.__bits[0];
    }
    long r = __syscall4(__NR_rt_sigaction, sig, act ? &kact : NULL, old ? &kold : NULL, 8);
    if (r < 0)
        return (int)__syscall_ret(r);
    if (old) {
        memset(old, 0, sizeof *old);
        old->sa_handler = (void (*)(int))kold.handler;
        old->sa_flags = (int)kold.flags;
        old->sa_restorer = (void (*)(void))kold.restorer;
        old->sa_mask.__bits[0] = kold.mask;
    }
    return 0;
}

/*
 * signal(): the old interface, with BSD semantics as glibc gives it: the
 * handler stays installed after it runs, the signal is blocked while it
 * runs, and interrupted system calls restart.
 */
sighandler_t signal(int sig, sighandler_t handler)
{
    struct sigaction sa = { .sa_handler = handler, .sa_flags = SA_RESTART }, old;
    sigemptyset(&sa.sa_mask);
    if (sigaction(sig, &sa, &old) < 0)
        return SIG_ERR;
    return old.sa_handler;
}
