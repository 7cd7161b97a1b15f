/*
 * sig_restart.c: what a signal does to a system call that sleeps in state
 * S (claim P3): the call is woken, the handler runs, and then the call
 * either fails with EINTR or is restarted, by Linux's rules:
 *
 *   read/write on a pipe, wait4, futex   EINTR; restarted under SA_RESTART
 *   nanosleep, pause                     EINTR even under SA_RESTART
 *   no handler ran (stop/continue)       restarted (nanosleep: the time left),
 *                                        poll and select included
 *   an ignored signal                    does not interrupt at all
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <weft/misc.h>                  /* FUTEX_WAIT */

#include "t.h"
#include "t_child.h"
#include "t_proc.h"
#include "t_sig.h"
#include "t_time.h"

/* Wait until pid sleeps (S). Without /proc, give it time to get there. */
static void wait_asleep(int pid)
{
    if (state_of(pid) == '?')
        sleep_ms(200);
    else
        wait_state(pid, 'S', 2000);
}

/* SIGSTOP pid (1 if it was seen stopped), SIGCONT it, and wait until its
 * call is asleep again. */
static int stop_and_continue(int pid)
{
    int status;
    kill(pid, SIGSTOP);
    int stopped = waitpid(pid, &status, WUNTRACED) == pid && WIFSTOPPED(status);
    kill(pid, SIGCONT);
    wait_asleep(pid);
    return stopped;
}

static volatile sig_atomic_t handled;
static int ack_fd = -1;

static void handler(int sig)
{
    (void)sig;
    handled++;
    if (ack_fd >= 0)
        write(ack_fd, "h", 1);          /* async-signal-safe: tell the parent */
}

static void catch(int sig, int flags)
{
    struct sigaction sa = { 0 };
    sa.sa_handler = handler;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
    handled = 0;
}

/* SIGALRM after ms milliseconds, once. */
static void alarm_ms(int ms)
{
    struct itimerval it = { { 0, 0 }, { ms / 1000, (ms % 1000) * 1000 } };
    setitimer(ITIMER_REAL, &it, NULL);
}

/* A child blocked in read() on a pipe gets SIGUSR1. Child exit codes:
 * 0 as expected; 1 read's result was wrong; 2 the handler did not run. */
static void test_pipe_read_eintr(void)
{
    int fds[2];
    CHECK(pipe(fds) == 0);
    pid_t pid = fork();
    if (pid == 0) {
        catch(SIGUSR1, 0);              /* no SA_RESTART */
        char c;
        close(fds[1]);
        ssize_t n = read(fds[0], &c, 1);
        _exit(n != -1 || errno != EINTR ? 1 : handled != 1 ? 2 : 0);
    }
    close(fds[0]);
    wait_asleep(pid);
    kill(pid, SIGUSR1);
    int status = reap(pid);
    close(fds[1]);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0,
           "child status %#x (1: read did not fail with EINTR, 2: no handler)", status);
}

static void test_pipe_read_restarts_with_SA_RESTART(void)
{
    int data[2], ack[2];
    CHECK(pipe(data) == 0 && pipe(ack) == 0);
    pid_t pid = fork();
    if (pid == 0) {
        ack_fd = ack[1];
        catch(SIGUSR1, SA_RESTART);
        char buf[16] = "";
        close(data[1]);
        ssize_t n = read(data[0], buf, sizeof buf);
        _exit(n != 5 || memcmp(buf, "hello", 5) != 0 ? 1 : handled != 1 ? 2 : 0);
    }
    close(data[0]);
    close(ack[1]);
    wait_asleep(pid);
    kill(pid, SIGUSR1);
    char c = 0;
    read(ack[0], &c, 1);                /* the handler ran */
    wait_asleep(pid);                   /* and the read is asleep again */
    write(data[1], "hello", 5);
    int status = reap(pid);
    close(data[1]);
    close(ack[0]);
    CHECK(c == 'h');
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0,
           "child status %#x (1: read did not return the data, 2: no handler)", status);
}

/* Stopped and continued in the middle of read(), with no handler: the
 * read goes on as if nothing happened. */
static void test_pipe_read_survives_stop_and_cont(void)
{
    int fds[2];
    CHECK(pipe(fds) == 0);
    pid_t pid = fork();
    if (pid == 0) {
        char buf[8] = "";
        close(fds[1]);
        ssize_t n = read(fds[0], buf, sizeof buf);
        _exit(n == 2 && memcmp(buf, "ok", 2) == 0 ? 0 : 1);
    }
    close(fds[0]);
    wait_asleep(pid);
    int stopped = stop_and_continue(pid);
    write(fds[1], "ok", 2);
    int status = reap(pid);
    close(fds[1]);
    CHECK(stopped);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %#x", status);
}

/* poll() and select() too: a stop and continue (no handler) are invisible.
 * Child exit codes: 0 the call reported the pipe readable; 1 it failed
 * (EINTR: it was not restarted); 2 something else. */
static void test_poll_and_select_survive_stop_and_cont(void)
{
    signal(SIGPIPE, SIG_IGN);               /* the child may be gone already */
    for (int use_select = 0; use_select < 2; use_select++) {
        int fds[2];
        CHECK(pipe(fds) == 0);
        pid_t pid = fork();
        if (pid == 0) {
            close(fds[1]);
            long r;
            if (use_select) {
                uint64_t in = 1ull << fds[0];   /* an fd_set of one word */
                r = syscall(SYS_select, fds[0] + 1, &in, NULL, NULL, NULL);
            } else {
                struct pollfd pfd = { fds[0], POLLIN, 0 };
                r = poll(&pfd, 1, -1);
            }
            _exit(r == 1 ? 0 : r < 0 ? 1 : 2);
        }
        close(fds[0]);
        wait_asleep(pid);
        int stopped = stop_and_continue(pid);
        write(fds[1], "x", 1);
        int status = reap(pid);
        close(fds[1]);
        if (!stopped || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
            signal(SIGPIPE, SIG_DFL);
        CHECK(stopped);
        CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0,
               "%s after SIGSTOP/SIGCONT: child status %#x (exit 1: it failed, EINTR)",
               use_select ? "select" : "poll", status);
    }
    signal(SIGPIPE, SIG_DFL);
}

/* Ignored signals (SIG_IGN, or ignored by default like SIGWINCH and
 * SIGCHLD) do not interrupt a sleep. */
static void test_ignored_signal_does_not_interrupt(void)
{
    int fds[2];
    CHECK(pipe(fds) == 0);
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGUSR1, SIG_IGN);
        char buf[8] = "";
        close(fds[1]);
        ssize_t n = read(fds[0], buf, sizeof buf);
        _exit(n == 2 ? 0 : 1);
    }
    close(fds[0]);
    wait_asleep(pid);
    kill(pid, SIGUSR1);
    kill(pid, SIGWINCH);
    kill(pid, SIGCHLD);
    sleep_ms(50);
    write(fds[1], "ok", 2);
    int status = reap(pid);
    close(fds[1]);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %#x", status);
}

static void test_pipe_write_eintr(void)
{
    int fds[2];
    CHECK(pipe(fds) == 0);
    int fl = fcntl(fds[1], F_GETFL);
    fcntl(fds[1], F_SETFL, fl | O_NONBLOCK);
    char block[512];
    memset(block, 'x', sizeof block);
    long total = 0;
    ssize_t n;
    while ((n = write(fds[1], block, sizeof block)) > 0 && total < (1 << 22))
        total += n;                     /* fill it up ... */
    while ((n = write(fds[1], block, 1)) == 1 && total < (1 << 22))
        total++;                        /* ... to the last byte */
    fcntl(fds[1], F_SETFL, fl);
    catch(SIGALRM, 0);
    alarm_ms(100);
    errno = 0;
    n = write(fds[1], block, 1);        /* full: sleeps until the alarm */
    int e = errno;
    set_default(SIGALRM);
    close(fds[0]);
    close(fds[1]);
    printf("  the pipe took %ld bytes\n", total);
    CHECKF(n == -1 && e == EINTR, "write to a full pipe returned %zd, errno %d", n, e);
    CHECK(handled == 1);
}

static void test_nanosleep_eintr_with_time_left(void)
{
    catch(SIGALRM, SA_RESTART);         /* nanosleep is never restarted after a handler */
    alarm_ms(200);
    struct timespec req = { 2, 0 }, rem = { -1, -1 };
    errno = 0;
    int r = nanosleep(&req, &rem);
    int e = errno;
    set_default(SIGALRM);
    long long left_ms = rem.tv_sec * 1000LL + rem.tv_nsec / 1000000;
    printf("  nanosleep(2 s) interrupted after ~200 ms: %lld ms left\n", left_ms);
    CHECKF(r == -1 && e == EINTR, "nanosleep returned %d, errno %d", r, e);
    CHECK(handled == 1);
    CHECKF(left_ms > 500 && left_ms < 2000, "time left %lld ms", left_ms);
}

/* Stop/continue with no handler: nanosleep resumes with the time left
 * (restart_syscall) and returns 0 after the full time. */
static void test_nanosleep_resumes_after_stop(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        long long t0 = now_ms();
        struct timespec req = { 0, 400 * 1000000L };
        int r = nanosleep(&req, NULL);
        long long took = now_ms() - t0;
        _exit(r != 0 ? 1 : took < 390 ? 2 : 0);
    }
    wait_asleep(pid);
    kill(pid, SIGSTOP);
    sleep_ms(100);
    kill(pid, SIGCONT);
    int status = reap(pid);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0,
           "child status %#x (1: nanosleep failed, 2: it slept too little)", status);
}

static void test_wait4_eintr(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        for (;;)
            pause();
    }
    catch(SIGALRM, 0);
    alarm_ms(100);
    int status;
    errno = 0;
    pid_t r = waitpid(pid, &status, 0);
    int e = errno;
    set_default(SIGALRM);
    kill(pid, SIGKILL);
    reap(pid);
    CHECKF(r == -1 && e == EINTR, "waitpid returned %d, errno %d", r, e);
    CHECK(handled == 1);
}

static void test_wait4_restarts_with_SA_RESTART(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        sleep_ms(300);
        _exit(5);
    }
    catch(SIGALRM, SA_RESTART);
    alarm_ms(100);
    int status = 0;
    pid_t r = waitpid(pid, &status, 0);
    set_default(SIGALRM);
    if (r != pid)
        reap(pid);
    CHECKF(r == pid, "waitpid returned %d, errno %d", r, errno);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 5);
    CHECK(handled == 1);
}

static void test_pause_eintr(void)
{
    catch(SIGALRM, SA_RESTART);         /* pause never restarts */
    alarm_ms(100);
    errno = 0;
    int r = pause();
    int e = errno;
    set_default(SIGALRM);
    CHECK(r == -1 && e == EINTR);
    CHECK(handled == 1);
}

static void test_futex_wait_eintr(void)
{
    static uint32_t word = 0;
    catch(SIGALRM, 0);
    alarm_ms(100);
    errno = 0;
    long r = syscall(SYS_futex, &word, FUTEX_WAIT, 0, NULL, NULL, 0);
    int e = errno;
    set_default(SIGALRM);
    CHECKF(r == -1 && e == EINTR, "futex wait returned %ld, errno %d", r, e);
    CHECK(handled == 1);
}

int main(int argc, char **argv)
{
    T_INIT("sig_restart", argc, argv);
    RUN(test_pipe_read_eintr);
    RUN(test_pipe_read_restarts_with_SA_RESTART);
    RUN(test_pipe_read_survives_stop_and_cont);
    RUN(test_poll_and_select_survive_stop_and_cont);
    RUN(test_ignored_signal_does_not_interrupt);
    RUN(test_pipe_write_eintr);
    RUN(test_nanosleep_eintr_with_time_left);
    RUN(test_nanosleep_resumes_after_stop);
    RUN(test_wait4_eintr);
    RUN(test_wait4_restarts_with_SA_RESTART);
    RUN(test_pause_eintr);
    RUN(test_futex_wait_eintr);
    return T_DONE();
}
