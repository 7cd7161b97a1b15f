/*
 * sig_inherit.c: what fork and execve do to a process's signal state
 * (POSIX; Linux's fork(2), execve(2) and signal(7)):
 *
 *                         fork (the child)        execve (the new program)
 *   handlers              inherited               caught ones reset to SIG_DFL
 *   SIG_IGN               inherited               kept
 *   signal mask           inherited               kept
 *   pending signals       cleared                 kept
 *   alarm / ITIMER_REAL   cleared                 kept
 *   alternate stack       inherited               cleared
 *
 * The execve half runs this same program again with "--after-exec", which
 * checks what it was handed and exits with a code naming the first thing
 * that was wrong.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "t.h"
#include "t_child.h"
#include "t_sig.h"

static volatile sig_atomic_t caught;
static void handler(int sig)
{
    (void)sig;
    caught++;
}

static char altstack[16384];

/* Put the state the tables above talk about in place. */
static void set_up(void)
{
    struct sigaction sa = { 0 };
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);          /* caught */
    signal(SIGUSR2, SIG_IGN);               /* ignored */
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGTERM);
    sigaddset(&s, SIGHUP);
    sigprocmask(SIG_BLOCK, &s, NULL);       /* blocked */
    raise(SIGHUP);                          /* pending (blocked) */
    alarm(30);                              /* armed */
    stack_t ss = { altstack, 0, sizeof altstack };
    sigaltstack(&ss, NULL);
}

static void tear_down(void)
{
    alarm(0);
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGHUP);
    signal(SIGHUP, SIG_IGN);                /* drops the pending one */
    signal(SIGHUP, SIG_DFL);
    sigemptyset(&s);
    sigprocmask(SIG_SETMASK, &s, NULL);
    signal(SIGUSR1, SIG_DFL);
    signal(SIGUSR2, SIG_DFL);
    stack_t ss = { NULL, SS_DISABLE, 0 };
    sigaltstack(&ss, NULL);
}

static int handler_of(int sig, void (*h)(int))
{
    struct sigaction now;
    sigaction(sig, NULL, &now);
    return now.sa_handler == h;
}

static int pending(int sig)
{
    sigset_t p;
    sigpending(&p);
    return sigismember(&p, sig);
}

static int on_altstack_configured(void)
{
    stack_t now;
    sigaltstack(NULL, &now);
    return !(now.ss_flags & SS_DISABLE) && now.ss_size != 0;
}

/* The child of fork: exit codes 1-6 name what was wrong. */
static int check_after_fork(void)
{
    if (!handler_of(SIGUSR1, handler))
        return 1;
    if (!handler_of(SIGUSR2, SIG_IGN))
        return 2;
    if (!is_blocked(SIGTERM) || !is_blocked(SIGHUP))
        return 3;
    if (pending(SIGHUP))
        return 4;                           /* pending signals are the parent's */
    if (alarm(0) != 0)
        return 5;                           /* so is the alarm */
    if (!on_altstack_configured())
        return 6;
    return 0;
}

/* The new program after execve: exit codes 11-16. */
static int check_after_exec(void)
{
    if (!handler_of(SIGUSR1, SIG_DFL))
        return 11;                          /* a handler's address means nothing now */
    if (!handler_of(SIGUSR2, SIG_IGN))
        return 12;
    if (!is_blocked(SIGTERM) || !is_blocked(SIGHUP))
        return 13;
    if (!pending(SIGHUP))
        return 14;
    unsigned left = alarm(0);
    if (left == 0 || left > 30)
        return 15;
    if (on_altstack_configured())
        return 16;
    return 0;
}

static const char *why(int code)
{
    switch (code) {
    case 1: return "fork lost the handler";
    case 2: return "fork lost SIG_IGN";
    case 3: return "fork lost the mask";
    case 4: return "the child inherited a pending signal";
    case 5: return "the child inherited the alarm";
    case 6: return "fork lost the alternate stack";
    case 11: return "execve kept a caught signal's handler";
    case 12: return "execve reset an ignored signal";
    case 13: return "execve lost the mask";
    case 14: return "execve lost a pending signal";
    case 15: return "execve lost the alarm";
    case 16: return "execve kept the alternate stack";
    default: return "?";
    }
}

static void test_fork_inherits_handlers_mask_not_pending(void)
{
    set_up();
    pid_t pid = fork();
    if (pid == 0)
        _exit(check_after_fork());
    int status = reap(pid);
    int still_pending = pending(SIGHUP), left = (int)alarm(0);
    tear_down();
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x: %s", status,
           why(WEXITSTATUS(status)));
    CHECK(still_pending);                   /* the parent's own is untouched */
    CHECK(left > 0);
    CHECK(caught == 0);
}

static const char *self;

static void test_exec_resets_handlers_keeps_mask_and_pending(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        set_up();                           /* in the process that execs */
        execl(self, self, "--after-exec", NULL);
        _exit(99);
    }
    int status = reap(pid);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x: %s", status,
           why(WEXITSTATUS(status)));
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--after-exec") == 0)
        return check_after_exec();
    self = argv[0];
    T_INIT("sig_inherit", argc, argv);
    RUN(test_fork_inherits_handlers_mask_not_pending);
    RUN(test_exec_resets_handlers_keeps_mask_and_pending);
    return T_DONE();
}
