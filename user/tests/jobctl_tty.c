/*
 * jobctl_tty.c: process groups, sessions and the terminal's job control.
 *
 *  - setpgid/getpgid/getpgrp/setsid/getsid, and their errors;
 *  - ^C, ^Z and ^\ typed at the console (injected with TIOCSTI, "as if
 *    typed") become SIGINT, SIGTSTP and SIGQUIT for the terminal's
 *    foreground process group only (tcsetpgrp chooses it); a background
 *    group is not touched;
 *  - a background process that reads the terminal is stopped by SIGTTIN
 *    (EIO if it ignores SIGTTIN); one that calls tcsetpgrp gets SIGTTOU.
 *
 * The runner starts this program in its own process group, with the
 * console as stdin. The terminal's foreground group is put back as it was
 * after each case. Natively (no terminal on stdin), the terminal cases are
 * skipped; on weft they must run.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "t.h"
#include "t_child.h"
#include "t_errno.h"
#include "t_time.h"

/* waitpid with a time limit (polling): the pid, or 0 if nothing came. */
static pid_t wait_for(pid_t pid, int *status, int options, int ms)
{
    long long end = now_ms() + ms;
    pid_t r;
    while ((r = waitpid(pid, status, options | WNOHANG)) == 0 && now_ms() < end)
        sleep_ms(2);
    return r;
}

/* A child in process group 'pgid' (0: a new group of its own) that sleeps. */
static pid_t child_in_group(pid_t pgid)
{
    pid_t pid = fork();
    if (pid == 0) {
        setpgid(0, pgid);
        for (;;)
            pause();
    }
    setpgid(pid, pgid ? pgid : pid);        /* both sides: no race */
    return pid;
}

static void test_groups_and_sessions(void)
{
    CHECK(getpgrp() == getpgid(0) && getpgid(0) == getpgid(getpid()));
    CHECK(getsid(0) == getsid(getpid()) && getsid(0) > 0);
    pid_t a = child_in_group(0);
    pid_t b = child_in_group(a);            /* joins a's group */
    int ga = getpgid(a), gb = getpgid(b), sa = getsid(a);
    int e_nogroup = FAILS_WITH(setpgid(b, 99999));
    int e_nopid = FAILS_WITH(getpgid(99999));
    int e_nosid = FAILS_WITH(getsid(99999));
    int e_setnopid = FAILS_WITH(setpgid(99999, 0));
    int e_neg = FAILS_WITH(setpgid(0, -1));
    kill(a, SIGKILL), kill(b, SIGKILL);
    reap(a), reap(b);
    CHECKF(ga == a && gb == a, "groups %d %d, not %d", ga, gb, a);
    CHECK(sa == getsid(0));                 /* fork keeps the session */
    CHECKF(e_nogroup == EPERM, "setpgid to a group that does not exist: errno %d", e_nogroup);
    CHECK(e_nopid == ESRCH && e_nosid == ESRCH && e_setnopid == ESRCH);
    CHECK(e_neg == EINVAL);
}

/* Child exit codes: 0 fine; 1 setsid's result; 2 its group/session; 3 a
 * second setsid did not fail with EPERM; 4 tcsetpgrp in a new session. */
static int new_session_child(void)
{
    pid_t me = getpid();
    if (setsid() != me)
        return 1;
    if (getsid(0) != me || getpgrp() != me)
        return 2;
    if (setsid() != -1 || errno != EPERM)
        return 3;
    if (isatty(0) && (tcsetpgrp(0, me) != -1 || errno != ENOTTY))
        return 4;                           /* not our controlling terminal */
    return 0;
}

static void test_setsid(void)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(new_session_child());
    int status = reap(pid);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %#x", status);
    /* We lead our own group (the runner made it), so setsid must fail. */
    if (getpgrp() == getpid())
        CHECK(FAILS_WITH(setsid()) == EPERM);
    /* A session leader in another session cannot be moved. */
    int fds[2];
    CHECK(pipe(fds) == 0);
    pid = fork();
    if (pid == 0) {
        setsid();
        write(fds[1], "s", 1);
        for (;;)
            pause();
    }
    char c;
    read(fds[0], &c, 1);
    int e = FAILS_WITH(setpgid(pid, getpgrp()));
    kill(pid, SIGKILL);
    reap(pid);
    close(fds[0]), close(fds[1]);
    CHECKF(e == EPERM, "setpgid on a child in another session: errno %d", e);
}

/* After the child has called execve, its parent may no longer move it. */
static void test_setpgid_after_exec_EACCES(const char *self)
{
    int fds[2];
    CHECK(pipe(fds) == 0);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 3);
        execl(self, self, "--exec-and-wait", NULL);
        _exit(127);
    }
    char c = 0;
    read(fds[0], &c, 1);                    /* the new program runs */
    int e = FAILS_WITH(setpgid(pid, pid));
    kill(pid, SIGKILL);
    reap(pid);
    close(fds[0]), close(fds[1]);
    CHECK(c == 'e');
    CHECKF(e == EACCES, "setpgid on a child that has exec'd: errno %d, not EACCES", e);
}

/* --- The terminal ----------------------------------------------------------- */

static pid_t saved_fg = -1;

/* Can we drive the terminal on stdin? */
static int have_tty(void)
{
    return isatty(0) && tcgetpgrp(0) >= 0;
}

static void take_terminal(pid_t pgrp)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGTTOU);                 /* as shells do: we may be "background" */
    sigprocmask(SIG_BLOCK, &s, NULL);
    if (saved_fg < 0)
        saved_fg = tcgetpgrp(0);
    tcsetpgrp(0, pgrp);
}

static void give_back_terminal(void)
{
    if (saved_fg > 0)
        tcsetpgrp(0, saved_fg);
    saved_fg = -1;
}

/* "Type" c at the console. The terminal echoes ^C as "^C" with no newline
 * (as Linux does; a shell prints the newline): end the line here, so that
 * the next TEST line starts a line of its own. */
static int type(char c)
{
    int r = ioctl(0, TIOCSTI, &c);
    int e = errno;
    fflush(stdout);
    write(1, "\n", 1);
    errno = e;
    return r;
}

static void ctrl_c_body(void)
{
    pid_t fg1 = child_in_group(0), fg2 = child_in_group(fg1), bg = child_in_group(0);
    sleep_ms(20);
    take_terminal(fg1);
    CHECK(tcgetpgrp(0) == fg1);
    int injected = type(0x03);              /* ^C */
    int s1 = -1, s2 = -1, sb = -1;
    pid_t r1 = wait_for(fg1, &s1, 0, 2000), r2 = wait_for(fg2, &s2, 0, 2000);
    sleep_ms(50);
    pid_t rb = waitpid(bg, &sb, WNOHANG | WUNTRACED);
    give_back_terminal();
    kill(fg1, SIGKILL), kill(fg2, SIGKILL), kill(bg, SIGKILL);
    if (r1 == 0)
        reap(fg1);
    if (r2 == 0)
        reap(fg2);
    reap(bg);
    CHECKF(injected == 0, "TIOCSTI failed: errno %d", errno);
    CHECKF(r1 == fg1 && WIFSIGNALED(s1) && WTERMSIG(s1) == SIGINT, "foreground 1: %#x", s1);
    CHECKF(r2 == fg2 && WIFSIGNALED(s2) && WTERMSIG(s2) == SIGINT, "foreground 2: %#x", s2);
    CHECKF(rb == 0, "the background process was hit too: status %#x", sb);
}

static void test_ctrl_c_reaches_the_foreground_group_only(void)
{
    REQUIRE(have_tty(), "terminal on stdin");
    ctrl_c_body();
    give_back_terminal();
}

/* ^Z stops the foreground job; then "fg": SIGCONT and the terminal back
 * to it, and ^C ends it. The background job is untouched throughout. */
static void ctrl_z_body(void)
{
    pid_t fg = child_in_group(0), bg = child_in_group(0);
    sleep_ms(20);
    take_terminal(fg);
    type(0x1a);                             /* ^Z */
    int s = -1, sb = -1;
    pid_t r = wait_for(fg, &s, WUNTRACED, 2000);
    pid_t rb = waitpid(bg, &sb, WNOHANG | WUNTRACED);
    take_terminal(getpgrp());               /* the "shell" takes the terminal back */
    int s_cont = -1;
    take_terminal(fg);                      /* fg: give it the terminal, continue it */
    kill(-fg, SIGCONT);
    pid_t rc = wait_for(fg, &s_cont, WCONTINUED, 2000);
    type(0x03);
    int s_end = -1;
    pid_t re = wait_for(fg, &s_end, 0, 2000);
    give_back_terminal();
    kill(fg, SIGKILL), kill(bg, SIGKILL);
    if (re != fg)
        reap(fg);
    reap(bg);
    CHECKF(r == fg && WIFSTOPPED(s) && WSTOPSIG(s) == SIGTSTP, "after ^Z: %d, status %#x", r, s);
    CHECKF(rb == 0, "the background process was hit too: status %#x", sb);
    CHECKF(rc == fg && WIFCONTINUED(s_cont), "after SIGCONT: %d, status %#x", rc, s_cont);
    CHECKF(re == fg && WIFSIGNALED(s_end) && WTERMSIG(s_end) == SIGINT, "after ^C: status %#x",
           s_end);
}

static void test_ctrl_z_stops_the_foreground_group_only(void)
{
    REQUIRE(have_tty(), "terminal on stdin");
    ctrl_z_body();
    give_back_terminal();
}

static void ctrl_backslash_body(void)
{
    pid_t fg = child_in_group(0);
    sleep_ms(20);
    take_terminal(fg);
    type(0x1c);                             /* ^\ */
    int s = -1;
    pid_t r = wait_for(fg, &s, 0, 2000);
    give_back_terminal();
    if (r != fg) {
        kill(fg, SIGKILL);
        reap(fg);
    }
    CHECKF(r == fg && WIFSIGNALED(s) && WTERMSIG(s) == SIGQUIT, "after ^\\: status %#x", s);
    if (on_weft())
        CHECKF(WCOREDUMP(s), "SIGQUIT without the core flag: %#x", s);
}

static void test_ctrl_backslash_quits(void)
{
    REQUIRE(have_tty(), "terminal on stdin");
    ctrl_backslash_body();
    give_back_terminal();
}

/* A background process reads the terminal: SIGTTIN stops it; if it
 * ignores SIGTTIN, read fails with EIO instead. */
static void ttin_body(void)
{
    take_terminal(getpgrp());               /* we are the foreground */
    pid_t pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        char c;
        read(0, &c, 1);
        _exit(1);
    }
    setpgid(pid, pid);
    int s = -1;
    pid_t r = wait_for(pid, &s, WUNTRACED, 2000), first = pid;
    kill(pid, SIGKILL);
    reap(pid);
    pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        signal(SIGTTIN, SIG_IGN);
        char c;
        _exit(read(0, &c, 1) == -1 && errno == EIO ? 0 : 1);
    }
    setpgid(pid, pid);
    int s2 = -1;
    pid_t r2 = wait_for(pid, &s2, WUNTRACED, 2000);
    if (r2 != pid || !WIFEXITED(s2)) {
        kill(pid, SIGKILL);
        reap(pid);
    }
    give_back_terminal();
    CHECKF(r == first && WIFSTOPPED(s) && WSTOPSIG(s) == SIGTTIN, "a background read: %s%#x",
           r ? "status " : "still blocked in read, status ", s);
    CHECKF(r2 == pid && WIFEXITED(s2) && WEXITSTATUS(s2) == 0,
           "ignoring SIGTTIN: %s%#x", r2 ? "status " : "still blocked in read, status ", s2);
}

static void test_background_read_gets_SIGTTIN(void)
{
    REQUIRE(have_tty(), "terminal on stdin");
    ttin_body();
    give_back_terminal();
}

/* A background process that calls tcsetpgrp (SIGTTOU not blocked or
 * ignored) is stopped by SIGTTOU, and the terminal does not change hands. */
static void ttou_body(void)
{
    take_terminal(getpgrp());
    pid_t pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        tcsetpgrp(0, getpid());
        _exit(1);
    }
    setpgid(pid, pid);
    int s = -1;
    pid_t r = wait_for(pid, &s, WUNTRACED, 2000);
    pid_t owner = tcgetpgrp(0);
    kill(pid, SIGKILL);
    reap(pid);
    give_back_terminal();
    CHECKF(r == pid && WIFSTOPPED(s) && WSTOPSIG(s) == SIGTTOU,
           "a background tcsetpgrp: status %#x (exit 1: it succeeded)", s);
    CHECKF(owner == getpgrp(), "the terminal went to group %d", owner);
}

static void test_background_tcsetpgrp_gets_SIGTTOU(void)
{
    REQUIRE(have_tty(), "terminal on stdin");
    ttou_body();
    give_back_terminal();
}

static int hup_fd = -1;

static void on_hup(int sig)
{
    (void)sig;
    write(hup_fd, "H", 1);
}

/*
 * POSIX (and Linux): when a process group becomes orphaned -- no member
 * has a parent in another group of the same session (init does not count)
 * -- and one of its members is stopped, every member gets SIGHUP and then
 * SIGCONT: nobody is left who could continue it. Here a child C leads a
 * new group in our session; its child G stops itself; C exits. C was the
 * group's only link to us, so the group {G} is orphaned, with G stopped.
 * G catches SIGHUP ("H") and says when it runs again ("C").
 */
static void test_orphaned_stopped_group_gets_SIGHUP(void)
{
    int fds[2], rep[2];
    CHECK(pipe(fds) == 0 && pipe(rep) == 0);
    pid_t c = fork();
    if (c == 0) {
        setpgid(0, 0);
        pid_t g = fork();
        if (g == 0) {
            hup_fd = fds[1];
            signal(SIGHUP, on_hup);
            raise(SIGSTOP);
            write(fds[1], "C", 1);
            _exit(0);
        }
        int st;
        waitpid(g, &st, WUNTRACED);
        write(rep[1], &g, sizeof g);
        _exit(0);                           /* now {G} is an orphaned group */
    }
    setpgid(c, c);
    close(fds[1]), close(rep[1]);
    pid_t g = 0;
    read(rep[0], &g, sizeof g);
    reap(c);
    char got[8] = "";
    size_t n = 0;
    long long end = now_ms() + 3000;
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    while (n < 2 && now_ms() < end) {
        ssize_t k = read(fds[0], got + n, sizeof got - 1 - n);
        if (k > 0)
            n += (size_t)k;
        else
            sleep_ms(5);
    }
    if (n < 2 && g > 0)
        kill(g, SIGKILL);                   /* do not leave it stopped forever */
    close(fds[0]), close(rep[0]);
    CHECK(g > 0);
    CHECKF(strcmp(got, "HC") == 0, "the stopped process in the orphaned group said \"%s\", "
                                   "not \"HC\" (SIGHUP, then SIGCONT)", got);
}

static const char *self;

static void test_setpgid_after_exec(void)
{
    test_setpgid_after_exec_EACCES(self);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--exec-and-wait") == 0) {
        write(3, "e", 1);                   /* see test_setpgid_after_exec */
        for (;;)
            pause();
    }
    self = argv[0];
    T_INIT("jobctl_tty", argc, argv);
    RUN(test_groups_and_sessions);
    RUN(test_setsid);
    RUN(test_setpgid_after_exec);
    RUN(test_ctrl_c_reaches_the_foreground_group_only);
    RUN(test_ctrl_z_stops_the_foreground_group_only);
    RUN(test_ctrl_backslash_quits);
    RUN(test_background_read_gets_SIGTTIN);
    RUN(test_background_tcsetpgrp_gets_SIGTTOU);
    RUN(test_orphaned_stopped_group_gets_SIGHUP);
    return T_DONE();
}
