/*
 * libc_signal.c: signal handlers end to end: sigaction through
 * rt_sigaction with our restorer, delivery with siginfo and ucontext,
 * the return through rt_sigreturn, masks, pending signals, sigsuspend,
 * the alternate stack, and leaving a handler with (sig)longjmp.
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/ucontext.h>
#include <sys/wait.h>
#include <unistd.h>

#include "libc_check.h"
#include "t_sig.h"

static volatile sig_atomic_t hits, last_sig, blocked_inside;
static volatile int info_signo, info_code, info_pid;
static volatile uintptr_t info_rip;

static void counting_handler(int sig)
{
    hits++;
    last_sig = sig;
    blocked_inside = is_blocked(sig);         /* a handler runs with its signal blocked */
}

static void usr2_probe(int sig)
{
    (void)sig;
    blocked_inside = is_blocked(SIGUSR2);
}

static void info_handler(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    hits++;
    info_signo = si->si_signo;
    info_code = si->si_code;
    info_pid = si->si_pid;
    info_rip = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    (void)sig;
}

static void restore_default(int sig)
{
    struct sigaction sa = { .sa_handler = SIG_DFL };
    sigaction(sig, &sa, NULL);
}

static void handler_runs_and_returns(void)
{
    struct sigaction sa = { .sa_handler = counting_handler };
    sigemptyset(&sa.sa_mask);
    CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
    hits = 0;
    /* Values live in callee-saved registers across the signal: the
     * kernel must save and rt_sigreturn restore them all. */
    volatile long before = 12345;
    long a = before * 3, b = a + 7, c = b ^ 0x5555;
    CHECK_EQ(raise(SIGUSR1), 0);
    CHECK_EQ(hits, 1);
    CHECK_EQ(last_sig, SIGUSR1);
    CHECK(blocked_inside);
    CHECK(!is_blocked(SIGUSR1));              /* unblocked again after the return */
    CHECK_EQ(a, 37035);
    CHECK_EQ(b, 37042);
    CHECK_EQ(c, 37042 ^ 0x5555);
    CHECK_EQ(kill(getpid(), SIGUSR1), 0);
    CHECK_EQ(hits, 2);

    struct sigaction old;
    CHECK_EQ(sigaction(SIGUSR1, NULL, &old), 0);  /* read back */
    CHECK(old.sa_handler == counting_handler);
    restore_default(SIGUSR1);
}

static void siginfo_and_context(void)
{
    struct sigaction sa = { .sa_sigaction = info_handler, .sa_flags = SA_SIGINFO };
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR2, &sa, NULL);
    hits = 0;
    kill(getpid(), SIGUSR2);
    CHECK_EQ(hits, 1);
    CHECK_EQ(info_signo, SIGUSR2);
    CHECK_EQ(info_code, SI_USER);             /* sent by kill() */
    CHECK_EQ(info_pid, getpid());
    CHECK(info_rip != 0);                     /* where we were interrupted */
    raise(SIGUSR2);
    CHECK_EQ(info_code, SI_TKILL);            /* raise() uses tgkill */
    restore_default(SIGUSR2);
}

static void signal_and_ignore(void)
{
    hits = 0;
    CHECK(signal(SIGUSR1, counting_handler) == SIG_DFL);
    raise(SIGUSR1);
    raise(SIGUSR1);                           /* BSD semantics: still installed */
    CHECK_EQ(hits, 2);
    CHECK(signal(SIGUSR1, SIG_IGN) == counting_handler);
    raise(SIGUSR1);                           /* ignored: nothing happens */
    CHECK_EQ(hits, 2);
    CHECK(signal(SIGUSR1, SIG_DFL) == SIG_IGN);
    errno = 0;
    CHECK(signal(SIGKILL, counting_handler) == SIG_ERR);
    CHECK_EQ(errno, EINVAL);
    CHECK(signal(0, SIG_IGN) == SIG_ERR);
}

static void reset_hand(void)
{
    struct sigaction sa = { .sa_handler = counting_handler, .sa_flags = SA_RESETHAND };
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    hits = 0;
    raise(SIGUSR1);
    CHECK_EQ(hits, 1);
    struct sigaction now;
    sigaction(SIGUSR1, NULL, &now);
    CHECK(now.sa_handler == SIG_DFL);         /* one shot */
}

static void masks_and_pending(void)
{
    signal(SIGUSR1, counting_handler);
    hits = 0;
    sigset_t set, old, pend;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    CHECK_EQ(sigprocmask(SIG_BLOCK, &set, &old), 0);
    CHECK(!sigismember(&old, SIGUSR1));
    raise(SIGUSR1);
    CHECK_EQ(hits, 0);                        /* blocked: held back */
    CHECK_EQ(sigpending(&pend), 0);
    CHECK(sigismember(&pend, SIGUSR1));
    CHECK(!sigismember(&pend, SIGUSR2));
    CHECK_EQ(sigprocmask(SIG_SETMASK, &old, NULL), 0);
    CHECK_EQ(hits, 1);                        /* delivered on unblocking */
    sigpending(&pend);
    CHECK(!sigismember(&pend, SIGUSR1));

    /* sa_mask: more signals blocked while the handler runs. */
    struct sigaction sa = { .sa_handler = usr2_probe };
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    sigaction(SIGUSR1, &sa, NULL);
    blocked_inside = 0;
    raise(SIGUSR1);
    CHECK(blocked_inside);                    /* SIGUSR2 was blocked inside */
    CHECK(!is_blocked(SIGUSR2));              /* and is not after */
    restore_default(SIGUSR1);

    /* The set operations themselves. */
    sigfillset(&set);
    CHECK(sigismember(&set, SIGKILL) && sigismember(&set, 64));
    sigdelset(&set, SIGINT);
    CHECK(!sigismember(&set, SIGINT));
    CHECK_EQ(sigaddset(&set, 65), -1);
    CHECK_EQ(errno, EINVAL);
    CHECK_EQ(sigismember(&set, 0), -1);
}

static void alarm_handler(int sig) { (void)sig; hits++; }

/* sigsuspend: block, arm a timer, then atomically unblock and sleep. */
static void suspend_until_timer(void)
{
    signal(SIGALRM, alarm_handler);
    sigset_t block, old, wait_mask;
    sigemptyset(&block);
    sigaddset(&block, SIGALRM);
    sigprocmask(SIG_BLOCK, &block, &old);
    hits = 0;
    struct itimerval it = { { 0, 0 }, { 0, 20000 } };  /* 20 ms, once */
    CHECK_EQ(setitimer(ITIMER_REAL, &it, NULL), 0);
    wait_mask = old;
    sigdelset(&wait_mask, SIGALRM);
    CHECK_EQ(sigsuspend(&wait_mask), -1);
    CHECK_EQ(errno, EINTR);
    CHECK_EQ(hits, 1);
    CHECK(is_blocked(SIGALRM));               /* the old mask is back */
    sigprocmask(SIG_SETMASK, &old, NULL);

    hits = 0;
    alarm(1);
    CHECK_EQ(alarm(0), 1);                    /* cancel: 1 s was left */
    restore_default(SIGALRM);
}

static sigjmp_buf jump_env;
static volatile void *fault_addr;

static void segv_handler(int sig, siginfo_t *si, void *ctx)
{
    (void)sig;
    (void)ctx;
    fault_addr = si->si_addr;
    siglongjmp(jump_env, 1);                  /* out of the handler, mask restored */
}

static void longjmp_out_of_segv(void)
{
    struct sigaction sa = { .sa_sigaction = segv_handler, .sa_flags = SA_SIGINFO };
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    volatile int round = 0;
    if (sigsetjmp(jump_env, 1) == 0) {
        round = 1;
        volatile int *volatile bad = (volatile int *)0x18;
        *bad = 1;                             /* fault: nothing is mapped there */
        CHECK(0);                             /* not reached */
    }
    CHECK_EQ(round, 1);
    CHECK(fault_addr == (void *)0x18);
    CHECK(!is_blocked(SIGSEGV));              /* siglongjmp restored the mask */
    restore_default(SIGSEGV);
}

static jmp_buf plain_env;
static void jump_handler(int sig) { (void)sig; longjmp(plain_env, 7); }

static void setjmp_basics(void)
{
    volatile int n = 0;
    int r = setjmp(plain_env);
    n++;
    if (r == 0)
        longjmp(plain_env, 0);                /* 0 comes back as 1 */
    CHECK_EQ(r, 1);
    CHECK_EQ(n, 2);

    /* Plain longjmp out of a handler: we are back, but (as with glibc
     * and musl) the signal stays blocked, because the mask was not saved. */
    signal(SIGUSR2, jump_handler);
    if ((r = setjmp(plain_env)) == 0)
        raise(SIGUSR2);
    CHECK_EQ(r, 7);
    CHECK(is_blocked(SIGUSR2));
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR2);
    sigprocmask(SIG_UNBLOCK, &s, NULL);
    restore_default(SIGUSR2);
}

static char altstack[16384];
static volatile uintptr_t handler_sp;

static void stack_handler(int sig)
{
    volatile int local = sig;
    handler_sp = (uintptr_t)&local;
}

static void alternate_stack(void)
{
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0 }, old;
    CHECK_EQ(sigaltstack(&ss, &old), 0);
    struct sigaction sa = { .sa_handler = stack_handler, .sa_flags = SA_ONSTACK };
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    CHECK(handler_sp >= (uintptr_t)altstack && handler_sp < (uintptr_t)altstack + sizeof altstack);
    stack_t now;
    sigaltstack(NULL, &now);
    CHECK(now.ss_sp == altstack);
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);
    restore_default(SIGUSR1);
}

static void child_signals(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGTERM, SIG_IGN);             /* ignored, so only SIGKILL works */
        kill(getpid(), SIGTERM);
        _exit(4);
    }
    int st;
    waitpid(pid, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 4);

    pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        for (;;)
            pause();
    }
    setpgid(pid, pid);                        /* both sides, to avoid a race */
    CHECK_EQ(killpg(pid, SIGKILL), 0);
    waitpid(pid, &st, 0);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
    CHECK_STREQ(strsignal(SIGKILL), "Killed");
}

static const struct check_case cases[] = {
    CASE(handler_runs_and_returns), CASE(siginfo_and_context), CASE(signal_and_ignore),
    CASE(reset_hand), CASE(masks_and_pending), CASE(suspend_until_timer),
    CASE(longjmp_out_of_segv), CASE(setjmp_basics), CASE(alternate_stack),
    CASE(child_signals),
};

int main(int argc, char **argv)
{
    return RUN("signal", cases);
}
