/*
 * pipes_eof.c: the ends of a pipe between processes (pipe(7) is the
 * specification).
 *
 *   end of file     read returns 0 once every write end is closed, in
 *                   every process (a forked child's copy counts, an
 *                   O_CLOEXEC one goes at exec)
 *   broken pipe     write with no reader left: SIGPIPE (which kills by
 *                   default), or -1/EPIPE when the signal is ignored,
 *                   caught or blocked; a writer asleep on a full pipe is
 *                   woken by the last reader's close
 *   sleeping        a reader (writer) blocked on an empty (full) pipe is
 *                   woken by another process's write (read); the other
 *                   process checks in /proc that we really were asleep
 *
 * (What goes through a pipe: pipes_data.c.)
 *
 * Anything that could block forever runs under guard() (t_time.h): a
 * hang is a failure with EINTR, not a stuck test.
 */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>

#include "t.h"
#include "t_child.h"
#include "t_proc.h"
#include "t_time.h"

#define PIPEBUF 4096

/* ---- end of file ---------------------------------------------------------------- */

static void test_eof_after_every_writer(void)
{
    int p[2], ctl[2];
    CHECK(pipe(p) == 0 && pipe(ctl) == 0);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {                     /* holds p[1] until ctl is closed */
        close(p[0]);
        close(ctl[1]);
        char c;
        read(ctl[0], &c, 1);
        _exit(0);
    }
    close(ctl[0]);
    CHECK(write(p[1], "data", 4) == 4);
    close(p[1]);
    char buf[8];
    guard(10);
    CHECK(read(p[0], buf, sizeof buf) == 4 && memcmp(buf, "data", 4) == 0);
    /* Our write end is closed, the child's is not: no end of file yet. */
    struct pollfd pf = { p[0], POLLIN, 0 };
    int r = poll(&pf, 1, 100);
    CHECKF(r == 0, "poll with the child still holding the writer: %d, revents %#x", r,
           pf.revents);
    CHECK(fcntl(p[0], F_SETFL, O_NONBLOCK) == 0);
    errno = 0;
    CHECK(read(p[0], buf, 1) == -1 && errno == EAGAIN);
    CHECK(fcntl(p[0], F_SETFL, 0) == 0);
    close(ctl[1]);                      /* the child exits, closing the last writer */
    long n = read(p[0], buf, sizeof buf);
    unguard();
    CHECKF(n == 0, "read after the last writer closed: %ld (%s)", n, strerror(errno));
    CHECK(reap_code(pid) == 0);
    CHECK(read(p[0], buf, sizeof buf) == 0);    /* and it stays at the end */
    close(p[0]);
}

/* ---- broken pipes ------------------------------------------------------------------ */

static void test_sigpipe_kills(void)
{
    int p[2];
    CHECK(pipe(p) == 0);
    close(p[0]);                        /* no reader anywhere */
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        signal(SIGPIPE, SIG_DFL);
        write(p[1], "x", 1);
        _exit(0);                       /* not reached: SIGPIPE kills */
    }
    close(p[1]);
    int st = reap_code(pid);
    CHECKF(st == 1000 + SIGPIPE, "writer's status %d, expected killed by SIGPIPE (1013)", st);
}

static volatile sig_atomic_t sigpipes;

static void on_sigpipe(int sig)
{
    (void)sig;
    sigpipes++;
}

static void test_epipe(void)
{
    int p[2];
    CHECK(pipe(p) == 0);
    close(p[0]);
    /* Ignored: write fails with EPIPE. */
    signal(SIGPIPE, SIG_IGN);
    errno = 0;
    CHECK(write(p[1], "x", 1) == -1 && errno == EPIPE);
    /* Caught: the handler runs, and write fails with EPIPE. */
    struct sigaction sa = { 0 };
    sa.sa_handler = on_sigpipe;
    sigaction(SIGPIPE, &sa, NULL);
    sigpipes = 0;
    errno = 0;
    CHECK(write(p[1], "x", 1) == -1 && errno == EPIPE);
    CHECKF(sigpipes == 1, "SIGPIPE handler ran %d times", (int)sigpipes);
    /* Blocked: write fails, the signal waits. */
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGPIPE);
    sigprocmask(SIG_BLOCK, &set, &old);
    errno = 0;
    long r = write(p[1], "x", 1);
    int e = errno;
    sigset_t pend;
    sigpending(&pend);
    int was_pending = sigismember(&pend, SIGPIPE);
    signal(SIGPIPE, SIG_IGN);           /* discards the pending one */
    sigprocmask(SIG_SETMASK, &old, NULL);
    CHECK(r == -1 && e == EPIPE);
    CHECK(was_pending);
    CHECK(sigpipes == 1);
    close(p[1]);
}

static void test_blocked_writer_gets_epipe(void)
{
    int p[2];
    CHECK(pipe2(p, O_NONBLOCK) == 0);
    static char block[PIPEBUF];
    while (write(p[1], block, sizeof block) > 0)
        ;
    CHECK(fcntl(p[1], F_SETFL, 0) == 0);        /* full; blocking again */
    signal(SIGPIPE, SIG_IGN);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {                     /* the last reader: leaves once we sleep */
        close(p[1]);
        int ok = parent_asleep();
        _exit(ok ? 0 : 3);
    }
    close(p[0]);
    guard(10);
    errno = 0;
    long r = write(p[1], block, 1);
    int e = errno;
    unguard();
    int st = reap_code(pid);
    CHECKF(r == -1 && e == EPIPE, "write on a full pipe whose reader left: %ld (%s)", r,
           strerror(e));
    CHECKF(st == 0, "the child did not see us asleep in write (status %d)", st);
    close(p[1]);
}

/* exec closes an O_CLOEXEC write end: the reader sees end of file while
 * the child still runs (here, sleep 5). */
static void test_eof_on_exec(void)
{
    int p[2];
    CHECK(pipe2(p, O_CLOEXEC) == 0);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        execl("/bin/sleep", "sleep", "5", (char *)NULL);
        _exit(127);
    }
    close(p[1]);
    char c;
    guard(3);
    long n = read(p[0], &c, 1);
    unguard();
    int still_running = waitpid(pid, NULL, WNOHANG) == 0;
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    close(p[0]);
    CHECKF(n == 0, "read returned %ld (%s), expected end of file at the exec", n,
           n < 0 ? strerror(errno) : "");
    CHECK(still_running);
}

/* ---- waking a sleeper in another process ---------------------------------------------------- */

static void test_blocked_reader_woken(void)
{
    int p[2];
    CHECK(pipe(p) == 0);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        close(p[0]);
        int ok = parent_asleep();       /* we are in read(), asleep */
        write(p[1], "wake", 4);
        _exit(ok ? 0 : 3);
    }
    close(p[1]);
    char buf[16];
    guard(10);
    long n = read(p[0], buf, sizeof buf);
    unguard();
    int st = reap_code(pid);
    close(p[0]);
    CHECKF(n == 4 && memcmp(buf, "wake", 4) == 0, "read returned %ld (%s)", n, strerror(errno));
    CHECKF(st == 0, "the writer did not see the reader asleep (state %c)", 'S');
}

static void test_blocked_writer_woken(void)
{
    int p[2];
    CHECK(pipe2(p, O_NONBLOCK) == 0);
    static char block[PIPEBUF];
    while (write(p[1], block, sizeof block) > 0)
        ;
    CHECK(fcntl(p[1], F_SETFL, 0) == 0);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        close(p[1]);
        int ok = parent_asleep();       /* we are in write(), asleep */
        char buf[PIPEBUF];
        _exit(ok && read(p[0], buf, sizeof buf) == sizeof buf ? 0 : 3);
    }
    guard(10);
    long n = write(p[1], block, sizeof block);
    unguard();
    int st = reap_code(pid);
    close(p[0]);
    close(p[1]);
    CHECKF(n == PIPEBUF, "write on a full pipe returned %ld (%s)", n, strerror(errno));
    CHECKF(st == 0, "the reader did not see the writer asleep");
}

int main(int argc, char **argv)
{
    T_INIT("pipes_eof", argc, argv);
    RUN(test_eof_after_every_writer);
    RUN(test_sigpipe_kills);
    RUN(test_epipe);
    RUN(test_blocked_writer_gets_epipe);
    RUN(test_eof_on_exec);
    RUN(test_blocked_reader_woken);
    RUN(test_blocked_writer_woken);
    return T_DONE();
}
