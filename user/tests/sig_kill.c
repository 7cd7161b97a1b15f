/*
 * sig_kill.c: sending signals: who can be named, with what, and a storm.
 *
 *  - bad targets: ESRCH (no such pid, a thread of another process, a
 *    reaped child); bad signal numbers: EINVAL (65, -1);
 *  - signal 0 sends nothing, only checks that the target exists (a zombie
 *    still does);
 *  - kill(-pgid) reaches every process of the group;
 *  - SIGPIPE for a write to a pipe without readers (EPIPE if ignored);
 *  - a storm of 10,000 SIGUSR1s leaves the receiver and the kernel sound.
 *
 * Never kill(-1, ...) here: it would reach every process, the test runner
 * included.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "t.h"
#include "t_child.h"
#include "t_errno.h"
#include "t_time.h"

static long tgkill(int tgid, int tid, int sig)
{
    return syscall(SYS_tgkill, tgid, tid, sig);
}

static void test_bad_targets_ESRCH(void)
{
    int me = getpid();
    pid_t child = idle_child();
    CHECK(FAILS_WITH(kill(99999, SIGTERM)) == ESRCH);
    CHECK(FAILS_WITH(kill(-99999, SIGTERM)) == ESRCH);
    CHECK(FAILS_WITH(tgkill(99999, 99999, SIGUSR1)) == ESRCH);
    CHECK(FAILS_WITH(syscall(SYS_tkill, 99999, SIGUSR1)) == ESRCH);
    /* The tid exists, but not in that thread group. */
    int e1 = FAILS_WITH(tgkill(me, child, SIGTERM));
    int e2 = FAILS_WITH(tgkill(child, me, SIGTERM));
    kill(child, SIGKILL);
    reap(child);
    CHECKF(e1 == ESRCH, "tgkill(me, child): errno %d", e1);
    CHECKF(e2 == ESRCH, "tgkill(child, me): errno %d", e2);
    CHECK(FAILS_WITH(kill(child, SIGTERM)) == ESRCH);      /* reaped: gone */
}

static void test_bad_signal_numbers_EINVAL(void)
{
    int me = getpid(), tid = (int)syscall(SYS_gettid);
    CHECK(FAILS_WITH(kill(me, 65)) == EINVAL);
    CHECK(FAILS_WITH(kill(me, -1)) == EINVAL);
    CHECK(FAILS_WITH(kill(me, 1000)) == EINVAL);
    CHECK(FAILS_WITH(tgkill(me, tid, 65)) == EINVAL);
    CHECK(FAILS_WITH(tgkill(me, tid, -1)) == EINVAL);
    CHECK(FAILS_WITH(tgkill(0, tid, SIGUSR1)) == EINVAL);
    CHECK(FAILS_WITH(tgkill(me, 0, SIGUSR1)) == EINVAL);
    CHECK(FAILS_WITH(tgkill(me, -5, SIGUSR1)) == EINVAL);
}

static void test_signal_0_probes(void)
{
    CHECK(kill(getpid(), 0) == 0);
    CHECK(kill(0, 0) == 0);                                /* my own group */
    CHECK(tgkill(getpid(), (int)syscall(SYS_gettid), 0) == 0);
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    CHECK(kill(pid, 0) == 0);
    sleep_ms(50);                                          /* a zombie by now */
    CHECK(kill(pid, 0) == 0);
    reap(pid);
    CHECK(FAILS_WITH(kill(pid, 0)) == ESRCH);
}

/* kill(-pgid): a child leads a new group with two children of its own. */
static void test_kill_process_group(void)
{
    int fds[2];
    CHECK(pipe(fds) == 0);
    pid_t leader = fork();
    if (leader == 0) {
        setpgid(0, 0);
        pid_t kids[2];
        for (int i = 0; i < 2; i++) {
            kids[i] = fork();
            if (kids[i] == 0)
                for (;;)
                    pause();
        }
        write(fds[1], kids, sizeof kids);
        for (;;)
            pause();
    }
    setpgid(leader, leader);                               /* no race either way */
    pid_t kids[2];
    CHECK(read(fds[0], kids, sizeof kids) == sizeof kids);
    close(fds[0]), close(fds[1]);
    CHECK(getpgid(kids[0]) == leader && getpgid(kids[1]) == leader);
    CHECK(kill(-leader, SIGTERM) == 0);
    int status = reap(leader);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
    /* The grandchildren died too; init reaps them (Linux's init may be slow). */
    long long end = now_ms() + 5000;
    while ((kill(kids[0], 0) == 0 || kill(kids[1], 0) == 0) && now_ms() < end)
        sleep_ms(5);
    CHECK(FAILS_WITH(kill(kids[0], 0)) == ESRCH);
    CHECK(FAILS_WITH(kill(kids[1], 0)) == ESRCH);
    CHECK(FAILS_WITH(kill(-leader, SIGTERM)) == ESRCH);    /* the group is empty */
}

/* Writing to a pipe nobody reads: SIGPIPE, whose default action kills;
 * ignored, the write fails with EPIPE instead. */
static void test_sigpipe(void)
{
    for (int ignore = 0; ignore < 2; ignore++) {
        int fds[2];
        CHECK(pipe(fds) == 0);
        pid_t pid = fork();
        if (pid == 0) {
            if (ignore)
                signal(SIGPIPE, SIG_IGN);
            close(fds[0]);
            ssize_t n = write(fds[1], "x", 1);
            _exit(n == -1 && errno == EPIPE ? 0 : 1);
        }
        close(fds[0]), close(fds[1]);
        int status = reap(pid);
        if (ignore)
            CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0, "ignored: status %#x", status);
        else
            CHECKF(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE, "status %#x", status);
    }
}

/* --- The storm ------------------------------------------------------------- */

static volatile int storm_count, storm_ack;
static int result_fd, ack_fd;

static void on_usr1(int sig)
{
    (void)sig;
    storm_count++;
    if (storm_ack)
        write(ack_fd, "a", 1);
}

static void on_usr2(int sig)
{
    (void)sig;
    int n = storm_count;
    write(result_fd, &n, sizeof n);
}

static _Noreturn void storm_child(int cmd_rd)
{
    struct sigaction sa = { 0 };
    sa.sa_flags = SA_RESTART;
    sa.sa_handler = on_usr1;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);        /* the handlers never nest */
    sigaction(SIGUSR1, &sa, NULL);
    sa.sa_handler = on_usr2;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR1);
    sigaction(SIGUSR2, &sa, NULL);
    write(result_fd, "R", 1);               /* handlers in place */
    char c;
    while (read(cmd_rd, &c, 1) == 1) {      /* restarted after each handler */
        if (c == 'a') {
            storm_ack = 1;
            write(result_fd, "A", 1);
        }
        if (c == 'q')
            _exit(0);
    }
    _exit(1);                               /* read failed: EINTR despite SA_RESTART? */
}

/*
 * Phase 1: 10,000 SIGUSR1s as fast as kill() goes. Standard signals do
 * not queue, so the child counts between 1 and 10,000 of them. Then a
 * SIGUSR2: its handler reports the count. SIGUSR2 is sent last and both
 * handlers block each other, so the count is final: every SIGUSR1 sent
 * before has been handled or merged into one that has.
 * Phase 2: 1,000 more, each sent only after the child acknowledged the
 * previous one from its handler: none can merge, so the count must grow
 * by exactly 1,000. Consistent means: phase 1 in [1, 10000], phase 2
 * exact, the child's read() never failed (SA_RESTART), it exits 0 when
 * told, and the kernel still forks afterwards.
 */
static void test_signal_storm(void)
{
    enum { STORM = 10000, ACKED = 1000 };
    int cmd[2], res[2], ack[2];
    CHECK(pipe(cmd) == 0 && pipe(res) == 0 && pipe(ack) == 0);
    pid_t pid = fork();
    if (pid == 0) {
        result_fd = res[1];
        ack_fd = ack[1];
        close(cmd[1]);
        storm_child(cmd[0]);
    }
    close(cmd[0]), close(res[1]), close(ack[1]);
    char c = 0;
    CHECK(read(res[0], &c, 1) == 1 && c == 'R');

    long long t0 = now_ms();
    int sent = 0;
    for (int i = 0; i < STORM; i++)
        sent += kill(pid, SIGUSR1) == 0;
    kill(pid, SIGUSR2);
    int count1 = -1;
    CHECK(read(res[0], &count1, sizeof count1) == sizeof count1);
    long long t1 = now_ms();

    CHECK(write(cmd[1], "a", 1) == 1);
    CHECK(read(res[0], &c, 1) == 1 && c == 'A');
    int acked = 0;
    for (int i = 0; i < ACKED; i++) {
        kill(pid, SIGUSR1);
        if (read(ack[0], &c, 1) != 1)
            break;
        acked++;
    }
    kill(pid, SIGUSR2);
    int count2 = -1;
    CHECK(read(res[0], &count2, sizeof count2) == sizeof count2);
    long long t2 = now_ms();
    write(cmd[1], "q", 1);
    int status = reap(pid);
    close(cmd[1]), close(res[0]), close(ack[0]);
    printf("  %d SIGUSR1s sent in %lld ms, %d handled; then %d acknowledged one by one in "
           "%lld ms\n", sent, t1 - t0, count1, acked, t2 - t1);
    CHECK(sent == STORM);
    CHECKF(count1 >= 1 && count1 <= STORM, "phase 1 count %d", count1);
    CHECK(acked == ACKED);
    CHECKF(count2 - count1 == ACKED, "phase 2: %d handled for %d sent", count2 - count1, ACKED);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %#x", status);
    pid_t again = fork();                   /* the kernel is still fine */
    if (again == 0)
        _exit(7);
    status = reap(again);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7);
}

int main(int argc, char **argv)
{
    T_INIT("sig_kill", argc, argv);
    RUN(test_bad_targets_ESRCH);
    RUN(test_bad_signal_numbers_EINVAL);
    RUN(test_signal_0_probes);
    RUN(test_kill_process_group);
    RUN(test_sigpipe);
    RUN(test_signal_storm);
    return T_DONE();
}
