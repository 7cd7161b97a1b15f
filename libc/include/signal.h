/*
 * signal.h: signals. The numbers and SA_* flags are the kernel's
 * (weft/signal.h); the structures are the C library's, with Linux x86-64
 * layouts where the kernel writes them (siginfo_t, ucontext_t).
 */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <bits/types.h>
#include <weft/signal.h>
#include <weft/time.h>

/*
 * A signal set. 128 bytes, as in glibc and musl, so the type can grow to
 * 1024 signals without changing size. The kernel (Linux's and weft's)
 * knows 64 signals and reads only the first 8 bytes: the wrappers pass
 * sigsetsize = 8. Signal n is bit n-1 of __bits[0].
 */
typedef struct {
    unsigned long __bits[128 / sizeof(unsigned long)];
} sigset_t;

#define _NSIG 65                        /* one past the highest signal */
#define NSIG _NSIG
/* 32 and 33 are left free for a thread library's own use (as glibc does). */
#define SIGRTMIN 34
#define SIGRTMAX 64

/* Signal names without "SIG", both ways (POSIX.1-2024): "KILL" <-> 9. */
#define SIG2STR_MAX 32
int sig2str(int sig, char *str);
int str2sig(const char *str, int *sig);
/* Not POSIX: also "kill" and "SIGKILL" (what kill(1) accepts); -1 if no signal. */
int signal_name_to_number(const char *name);

typedef int sig_atomic_t;               /* read and written in one go */
typedef void (*sighandler_t)(int);

#define SIG_DFL ((sighandler_t)0)       /* the default action */
#define SIG_IGN ((sighandler_t)1)       /* ignore the signal */
#define SIG_ERR ((sighandler_t)-1)      /* signal()'s failure value */

union sigval {
    int sival_int;
    void *sival_ptr;
};

/*
 * What an SA_SIGINFO handler is told. 128 bytes, Linux's layout: three ints,
 * then (at offset 16, since the union holds pointers) the fields that
 * depend on the signal. Names are the usual macros below.
 */
typedef struct {
    int si_signo;
    int si_errno;
    int si_code;                        /* SI_USER, SEGV_MAPERR, CLD_EXITED... */
    union {
        char __pad[128 - 16];
        struct {                        /* kill(), sigqueue(), SIGCHLD */
            pid_t pid;                  /* offset 16 */
            uid_t uid;                  /* offset 20 */
            union {
                int status;             /* SIGCHLD: offset 24 */
                union sigval value;     /* sigqueue: offset 24 */
            } __u;
            long utime, stime;          /* SIGCHLD: offsets 32, 40 */
        } __proc;
        struct {                        /* SIGSEGV, SIGBUS, SIGILL, SIGFPE */
            void *addr;                 /* offset 16: the faulting address */
        } __fault;
        struct {                        /* SIGPOLL */
            long band;
            int fd;
        } __poll;
    } __si;
} siginfo_t;

#define si_pid    __si.__proc.pid
#define si_uid    __si.__proc.uid
#define si_status __si.__proc.__u.status
#define si_value  __si.__proc.__u.value
#define si_int    __si.__proc.__u.value.sival_int
#define si_ptr    __si.__proc.__u.value.sival_ptr
#define si_utime  __si.__proc.utime
#define si_stime  __si.__proc.stime
#define si_addr   __si.__fault.addr
#define si_band   __si.__poll.band
#define si_fd     __si.__poll.fd

/* An alternate signal stack (sigaltstack), Linux's layout. */
typedef struct {
    void *ss_sp;
    int ss_flags;                       /* SS_ONSTACK, SS_DISABLE */
    size_t ss_size;
} stack_t;

#include <sys/ucontext.h>

/*
 * The C library's struct sigaction (glibc's and musl's layout). It is not
 * what the kernel reads: sigaction() translates it into a struct
 * kernel_sigaction, adding SA_RESTORER and the return trampoline.
 */
struct sigaction {
    union {
        void (*sa_handler)(int);
        void (*sa_sigaction)(int, siginfo_t *, void *);  /* with SA_SIGINFO */
    } __sa;
    sigset_t sa_mask;                   /* also blocked while the handler runs */
    int sa_flags;                       /* SA_* */
    void (*sa_restorer)(void);          /* ignored: libc supplies its own */
};
#define sa_handler   __sa.sa_handler
#define sa_sigaction __sa.sa_sigaction

int sigaction(int sig, const struct sigaction *restrict act,
              struct sigaction *restrict old);
sighandler_t signal(int sig, sighandler_t handler);
int raise(int sig);
int kill(pid_t pid, int sig);
int killpg(pid_t pgrp, int sig);
int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old);
int sigsuspend(const sigset_t *mask);
int sigpending(sigset_t *set);
int sigaltstack(const stack_t *restrict ss, stack_t *restrict old);

int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);

void psignal(int sig, const char *s);
char *strsignal(int sig);

#endif
