/*
 * weft/signal.h: signal numbers, sigaction flags and the kernel's view of
 * struct sigaction, as on Linux x86-64 (asm/signal.h, asm-generic/signal-defs.h).
 */
#ifndef WEFT_UAPI_SIGNAL_H
#define WEFT_UAPI_SIGNAL_H

#define SIGHUP       1
#define SIGINT       2
#define SIGQUIT      3
#define SIGILL       4
#define SIGTRAP      5
#define SIGABRT      6
#define SIGIOT       6
#define SIGBUS       7
#define SIGFPE       8
#define SIGKILL      9
#define SIGUSR1     10
#define SIGSEGV     11
#define SIGUSR2     12
#define SIGPIPE     13
#define SIGALRM     14
#define SIGTERM     15
#define SIGSTKFLT   16
#define SIGCHLD     17
#define SIGCONT     18
#define SIGSTOP     19
#define SIGTSTP     20
#define SIGTTIN     21
#define SIGTTOU     22
#define SIGURG      23
#define SIGXCPU     24
#define SIGXFSZ     25
#define SIGVTALRM   26
#define SIGPROF     27
#define SIGWINCH    28
#define SIGIO       29
#define SIGPOLL     SIGIO
#define SIGPWR      30
#define SIGSYS      31
#define SIGRTMIN_KERNEL 32
#define NSIG_KERNEL 64          /* signals 1..64; the kernel's sigset is 64 bits */

#define SA_NOCLDSTOP    0x00000001
#define SA_NOCLDWAIT    0x00000002
#define SA_SIGINFO      0x00000004
#define SA_RESTORER     0x04000000
#define SA_ONSTACK      0x08000000
#define SA_RESTART      0x10000000
#define SA_NODEFER      0x40000000
#define SA_RESETHAND    0x80000000

#define SIG_BLOCK       0
#define SIG_UNBLOCK     1
#define SIG_SETMASK     2

#define SIG_DFL_VALUE   0ul     /* sa_handler values */
#define SIG_IGN_VALUE   1ul

#define SS_ONSTACK      1
#define SS_DISABLE      2
#define MINSIGSTKSZ     2048
#define SIGSTKSZ        8192

/* si_code values */
#define SI_USER         0
#define SI_KERNEL       0x80
#define SI_TKILL        (-6)
#define SEGV_MAPERR     1
#define SEGV_ACCERR     2
#define BUS_ADRERR      2
#define ILL_ILLOPN      2
#define FPE_INTDIV      1
#define CLD_EXITED      1
#define CLD_KILLED      2
#define CLD_DUMPED      3
#define CLD_TRAPPED     4
#define CLD_STOPPED     5
#define CLD_CONTINUED   6

#ifndef __ASSEMBLER__
#include <stdint.h>

/* What rt_sigaction reads and writes: the kernel's layout, not libc's. */
struct kernel_sigaction {
    uint64_t handler;       /* SIG_DFL, SIG_IGN or the function */
    uint64_t flags;         /* SA_* */
    uint64_t restorer;      /* where the handler returns: calls rt_sigreturn */
    uint64_t mask;          /* signals blocked while the handler runs */
};
#endif

#endif
