/*
 * sig_mask.c: blocked and pending signals, and how handlers nest.
 *
 *  - a blocked signal stays pending (sigpending) and is delivered as soon
 *    as it is unblocked; standard signals do not queue: three sends while
 *    blocked make one delivery;
 *  - while a handler runs its own signal is blocked (unless SA_NODEFER),
 *    and so is sa_mask; another signal's handler may nest inside it, and
 *    both return to the right place with the old mask back;
 *  - SA_RESETHAND makes a handler one-shot;
 *  - sigsuspend swaps the mask and sleeps in one step, so a signal cannot
 *    slip in between;
 *  - SIGKILL and SIGSTOP can be neither caught, ignored nor blocked;
 *  - SIG_IGN throws away what is pending.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "t.h"
#include "t_child.h"
#include "t_sig.h"
#include "t_time.h"

static void block(int sig, int how)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    sigprocmask(how, &s, NULL);
}

/* What the handlers saw. */
static volatile sig_atomic_t count[65], depth, max_depth, order_len;
static volatile int order[16];
static volatile int own_blocked, usr2_blocked, raise_once;  /* raise_once: a signal for
                                                             * USR1's handler to raise */

/* Record the order of events: sig for "a handler for sig starts". */
static void note(int sig)
{
    if (order_len < 16)
        order[order_len++] = sig;
}

static void handler(int sig)
{
    depth++;
    if (depth > max_depth)
        max_depth = depth;
    count[sig]++;
    note(sig);
    own_blocked = is_blocked(sig);
    usr2_blocked = is_blocked(SIGUSR2);
    if (raise_once && sig == SIGUSR1) {
        int s = raise_once;
        raise_once = 0;
        raise(s);
        note(-sig);                     /* marks "back in the USR1 handler" */
    }
    depth--;
}

static void install(int sig, int flags, int also_block)
{
    struct sigaction sa = { 0 };
    sa.sa_handler = handler;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    if (also_block)
        sigaddset(&sa.sa_mask, also_block);
    sigaction(sig, &sa, NULL);
}

static void reset(void)
{
    struct sigaction dfl = { 0 };
    dfl.sa_handler = SIG_DFL;
    sigaction(SIGUSR1, &dfl, NULL);
    sigaction(SIGUSR2, &dfl, NULL);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    memset((void *)count, 0, sizeof count);
    depth = max_depth = order_len = raise_once = 0;
}

static void test_blocked_stays_pending_until_unblocked(void)
{
    reset();
    install(SIGUSR1, 0, 0);
    block(SIGUSR1, SIG_BLOCK);
    raise(SIGUSR1);
    sigset_t pend;
    sigpending(&pend);
    CHECK(count[SIGUSR1] == 0);
    CHECK(sigismember(&pend, SIGUSR1));
    block(SIGUSR1, SIG_UNBLOCK);        /* delivered before sigprocmask returns */
    CHECK(count[SIGUSR1] == 1);
    sigpending(&pend);
    CHECK(!sigismember(&pend, SIGUSR1));
    reset();
}

static void test_standard_signals_do_not_queue(void)
{
    reset();
    install(SIGUSR1, 0, 0);
    block(SIGUSR1, SIG_BLOCK);
    for (int i = 0; i < 3; i++)
        kill(getpid(), SIGUSR1);
    block(SIGUSR1, SIG_UNBLOCK);
    CHECKF(count[SIGUSR1] == 1, "3 sends while blocked gave %d deliveries", count[SIGUSR1]);
    reset();
}

/* Real-time signals (SIGRTMIN..SIGRTMAX) queue: each send is delivered.
 * (Which handler runs first is not checked: Linux sets up a frame for
 * every deliverable signal before returning, so the last one set up, the
 * highest, runs first; weft runs one handler per return.) */
static void test_realtime_signals_queue(void)
{
    reset();
    install(SIGRTMIN, 0, 0);
    install(SIGRTMIN + 1, 0, 0);
    block(SIGRTMIN, SIG_BLOCK);
    block(SIGRTMIN + 1, SIG_BLOCK);
    for (int i = 0; i < 3; i++)
        kill(getpid(), SIGRTMIN + 1);
    for (int i = 0; i < 2; i++)
        kill(getpid(), SIGRTMIN);
    sigset_t both;
    sigemptyset(&both);
    sigaddset(&both, SIGRTMIN);
    sigaddset(&both, SIGRTMIN + 1);
    sigprocmask(SIG_UNBLOCK, &both, NULL);
    int n0 = count[SIGRTMIN], n1 = count[SIGRTMIN + 1];
    struct sigaction dfl = { 0 };
    dfl.sa_handler = SIG_DFL;
    sigaction(SIGRTMIN, &dfl, NULL);
    sigaction(SIGRTMIN + 1, &dfl, NULL);
    reset();
    CHECKF(n0 == 2 && n1 == 3, "SIGRTMIN sent 2, delivered %d; SIGRTMIN+1 sent 3, delivered %d",
           n0, n1);
}

/* sigpending shows only what is pending *and* blocked. */
static void test_sigpending_lists_blocked_ones(void)
{
    reset();
    install(SIGUSR1, 0, 0);
    install(SIGUSR2, 0, 0);
    block(SIGUSR2, SIG_BLOCK);
    raise(SIGUSR2);
    sigset_t pend;
    CHECK(sigpending(&pend) == 0);
    CHECK(sigismember(&pend, SIGUSR2) && !sigismember(&pend, SIGUSR1));
    CHECK(!sigismember(&pend, SIGTERM));
    block(SIGUSR2, SIG_UNBLOCK);
    CHECK(count[SIGUSR2] == 1 && count[SIGUSR1] == 0);
    reset();
}

static void test_own_signal_blocked_inside_handler(void)
{
    reset();
    install(SIGUSR1, 0, 0);
    raise_once = SIGUSR1;               /* the handler raises SIGUSR1 once more */
    raise(SIGUSR1);
    CHECK(own_blocked);
    CHECKF(count[SIGUSR1] == 2, "%d deliveries", count[SIGUSR1]);
    CHECKF(max_depth == 1, "the handler nested in itself (depth %d)", max_depth);
    CHECK(!is_blocked(SIGUSR1));        /* the old mask is back */
    reset();
}

static void test_SA_NODEFER_lets_it_nest(void)
{
    reset();
    install(SIGUSR1, SA_NODEFER, 0);
    raise_once = SIGUSR1;
    raise(SIGUSR1);
    CHECK(!own_blocked);
    CHECK(count[SIGUSR1] == 2);
    CHECKF(max_depth == 2, "depth %d, not 2", max_depth);
    reset();
}

/* USR1's handler raises USR2, whose handler runs inside it; both return
 * to where they were, locals intact, and the mask is restored. */
static void test_other_signal_nests_and_returns(void)
{
    reset();
    install(SIGUSR1, 0, 0);
    install(SIGUSR2, 0, 0);
    volatile long a = 1234567, b = -42;
    double d = 2.5;
    raise_once = SIGUSR2;
    raise(SIGUSR1);
    CHECKF(max_depth == 2, "depth %d", max_depth);
    /* order: USR1 enters, USR2 runs inside, back in USR1 (-USR1) */
    CHECKF(order_len == 3 && order[0] == SIGUSR1 && order[1] == SIGUSR2 && order[2] == -SIGUSR1,
           "order %d: %d %d %d", order_len, order[0], order[1], order[2]);
    CHECK(a == 1234567 && b == -42 && d * 2 == 5.0);
    CHECK(!is_blocked(SIGUSR1) && !is_blocked(SIGUSR2));
    reset();
}

/* sa_mask: USR2 is blocked while USR1's handler runs; it comes after. */
static void test_sa_mask_defers_the_other(void)
{
    reset();
    install(SIGUSR1, 0, SIGUSR2);
    install(SIGUSR2, 0, 0);
    raise_once = SIGUSR2;
    raise(SIGUSR1);
    CHECK(max_depth == 1);
    CHECKF(order_len == 3 && order[0] == SIGUSR1 && order[1] == -SIGUSR1 && order[2] == SIGUSR2,
           "order %d: %d %d %d", order_len, order[0], order[1], order[2]);
    reset();
}

static void test_SA_RESETHAND_is_one_shot(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        reset();
        install(SIGUSR1, SA_RESETHAND, 0);
        raise(SIGUSR1);                 /* the handler */
        struct sigaction now;
        sigaction(SIGUSR1, NULL, &now);
        if (count[SIGUSR1] != 1 || now.sa_handler != SIG_DFL)
            _exit(1);
        raise(SIGUSR1);                 /* the default: terminate */
        _exit(2);
    }
    int status = reap(pid);
    CHECKF(WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR1,
           "status %#x (exit 1: the handler was not reset, 2: the second one was caught)",
           status);
}

/* Block, test a flag, sigsuspend: no lost wake-up, and the mask comes back. */
static void test_sigsuspend_unblocks_and_waits(void)
{
    reset();
    install(SIGUSR1, 0, 0);
    block(SIGUSR1, SIG_BLOCK);
    pid_t pid = fork();
    if (pid == 0) {
        sleep_ms(50);
        kill(getppid(), SIGUSR1);
        _exit(0);
    }
    sigset_t empty;
    sigemptyset(&empty);
    int r = 0, e = 0;
    while (count[SIGUSR1] == 0) {       /* the classic loop */
        r = sigsuspend(&empty);
        e = errno;
    }
    int still_blocked = is_blocked(SIGUSR1);
    reap(pid);
    /* Already pending: sigsuspend returns at once. */
    raise(SIGUSR1);
    int r2 = sigsuspend(&empty);
    int n = count[SIGUSR1];
    reset();
    CHECK(r == -1 && e == EINTR);
    CHECK(still_blocked);
    CHECK(r2 == -1 && n == 2);
}

static void test_SIGKILL_SIGSTOP_cannot_be_caught_or_ignored(void)
{
    struct sigaction sa = { 0 }, old;
    sa.sa_handler = handler;
    errno = 0;
    CHECK(sigaction(SIGKILL, &sa, NULL) == -1 && errno == EINVAL);
    errno = 0;
    CHECK(sigaction(SIGSTOP, &sa, NULL) == -1 && errno == EINVAL);
    sa.sa_handler = SIG_IGN;
    errno = 0;
    CHECK(sigaction(SIGKILL, &sa, NULL) == -1 && errno == EINVAL);
    errno = 0;
    CHECK(sigaction(SIGSTOP, &sa, NULL) == -1 && errno == EINVAL);
    CHECK(sigaction(SIGKILL, NULL, &old) == 0 && old.sa_handler == SIG_DFL);
    errno = 0;
    CHECK(sigaction(0, NULL, &old) == -1 && errno == EINVAL);
    errno = 0;
    CHECK(sigaction(65, NULL, &old) == -1 && errno == EINVAL);
}

static void test_SIGKILL_SIGSTOP_cannot_be_blocked(void)
{
    sigset_t all, cur;
    sigfillset(&all);
    CHECK(sigprocmask(SIG_BLOCK, &all, NULL) == 0);   /* not an error ... */
    sigprocmask(SIG_BLOCK, NULL, &cur);
    int kill_blocked = sigismember(&cur, SIGKILL), stop_blocked = sigismember(&cur, SIGSTOP);
    int term_blocked = sigismember(&cur, SIGTERM);
    reset();
    CHECK(!kill_blocked && !stop_blocked);           /* ... but silently left out */
    CHECK(term_blocked);

    /* A child that blocks and ignores everything it can still stops and dies. */
    pid_t pid = fork();
    if (pid == 0) {
        sigprocmask(SIG_BLOCK, &all, NULL);
        for (int s = 1; s < 32; s++)
            signal(s, SIG_IGN);
        for (;;)
            pause();
    }
    sleep_ms(20);
    int status;
    kill(pid, SIGSTOP);
    CHECK(waitpid(pid, &status, WUNTRACED) == pid && WIFSTOPPED(status));
    kill(pid, SIGKILL);
    status = reap(pid);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

static void test_SIG_IGN_discards_pending(void)
{
    reset();
    install(SIGUSR1, 0, 0);
    block(SIGUSR1, SIG_BLOCK);
    raise(SIGUSR1);
    signal(SIGUSR1, SIG_IGN);
    sigset_t pend;
    sigpending(&pend);
    int still = sigismember(&pend, SIGUSR1);
    install(SIGUSR1, 0, 0);
    block(SIGUSR1, SIG_UNBLOCK);
    int n = count[SIGUSR1];
    reset();
    CHECK(!still);
    CHECK(n == 0);
}

/* The mask is per thread and inherited across fork; exec keeps it too. */
static void test_mask_inherited_by_fork(void)
{
    reset();
    block(SIGUSR2, SIG_BLOCK);
    pid_t pid = fork();
    if (pid == 0)
        _exit(is_blocked(SIGUSR2) && !is_blocked(SIGUSR1) ? 0 : 1);
    int status = reap(pid);
    reset();
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

int main(int argc, char **argv)
{
    T_INIT("sig_mask", argc, argv);
    RUN(test_blocked_stays_pending_until_unblocked);
    RUN(test_standard_signals_do_not_queue);
    RUN(test_realtime_signals_queue);
    RUN(test_sigpending_lists_blocked_ones);
    RUN(test_own_signal_blocked_inside_handler);
    RUN(test_SA_NODEFER_lets_it_nest);
    RUN(test_other_signal_nests_and_returns);
    RUN(test_sa_mask_defers_the_other);
    RUN(test_SA_RESETHAND_is_one_shot);
    RUN(test_sigsuspend_unblocks_and_waits);
    RUN(test_SIGKILL_SIGSTOP_cannot_be_caught_or_ignored);
    RUN(test_SIGKILL_SIGSTOP_cannot_be_blocked);
    RUN(test_SIG_IGN_discards_pending);
    RUN(test_mask_inherited_by_fork);
    return T_DONE();
}
