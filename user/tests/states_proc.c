/*
 * states_proc.c: each process state (R S D T Z) is reached and left as
 * claimed (P2-P6), seen from outside through /proc/PID/stat (the third
 * field) and the State: line of /proc/PID/status, as on Linux.
 *
 * The D cases use /dev/slowdisk (weft only: skipped where it is missing,
 * e.g. when this binary runs natively on Linux). They change its delay and
 * put the default (2000 ms) back.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "t.h"
#include "t_child.h"
#include "t_proc.h"
#include "t_time.h"

/* --- Helpers ----------------------------------------------------------- */

/* The value of the State: line of /proc/PID/status ("S (sleeping)"). */
static const char *status_state(int pid)
{
    static char buf[2048];
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/status", pid);
    if (t_read_file(path, buf, sizeof buf) <= 0)
        return "(no /proc/PID/status)";
    return status_value(buf, "State");
}

/* A child that blocks reading 'fd' (a pipe), then spins (state R) if
 * 'spin_after', else exits 0 if it read a byte. */
static pid_t reader_child(int fds[2], int spin_after)
{
    pid_t pid = fork();
    if (pid == 0) {
        char c;
        close(fds[1]);
        ssize_t n = read(fds[0], &c, 1);
        if (spin_after)
            for (;;)
                ;
        _exit(n == 1 ? 0 : 1);
    }
    close(fds[0]);
    return pid;
}

/* --- The cases ---------------------------------------------------------- */

static void test_running_R(void)
{
    CHECK(state_of(getpid()) == 'R');           /* we are running as we read it */
    pid_t pid = fork();
    if (pid == 0)
        for (;;)
            ;
    char s = wait_state(pid, 'R', 2000);
    const char *st = status_state(pid);
    kill(pid, SIGKILL);
    int status = reap(pid);
    CHECKF(s == 'R', "a spinning child shows %c, not R", s);
    CHECKF(strcmp(st, "R (running)") == 0, "status says \"%s\"", st);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    CHECKF(state_of(pid) == '?', "/proc/%d still there after wait", pid);
}

static void test_sleeping_S_and_back(void)
{
    int fds[2];
    CHECK(pipe(fds) == 0);
    pid_t pid = reader_child(fds, 1);
    char s = wait_state(pid, 'S', 2000);
    const char *st = status_state(pid);
    char wchan[64] = "";
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/wchan", pid);
    t_read_file(path, wchan, sizeof wchan);
    printf("  a child blocked in read() on a pipe: %c, \"%s\", wchan \"%s\"\n", s, st, wchan);
    write(fds[1], "x", 1);                      /* the read returns; it spins */
    char after = wait_state(pid, 'R', 2000);
    kill(pid, SIGKILL);
    reap(pid);
    close(fds[1]);
    CHECKF(s == 'S', "blocked in read(): %c, not S", s);
    CHECKF(strcmp(st, "S (sleeping)") == 0, "status says \"%s\"", st);
    CHECKF(after == 'R', "after the read: %c, not R", after);
}

static void test_disk_D_and_back(void)
{
    REQUIRE(have_slowdisk(), "/dev/slowdisk");
    CHECK(set_slowdisk_ms(300) == 0);
    int fds[2];
    CHECK(pipe(fds) == 0);
    pid_t pid = fork();
    if (pid == 0) {
        char buf[64], c;
        close(fds[1]);
        int fd = open("/dev/slowdisk", O_RDONLY);
        ssize_t n = read(fd, buf, sizeof buf);  /* D for 300 ms */
        read(fds[0], &c, 1);                    /* then S */
        _exit(n > 0 ? 0 : 1);
    }
    close(fds[0]);
    char s = wait_state(pid, 'D', 1000);
    const char *st = status_state(pid);
    char st_copy[64];
    snprintf(st_copy, sizeof st_copy, "%s", st);
    char after = wait_state(pid, 'S', 2000);
    write(fds[1], "x", 1);
    close(fds[1]);
    int status = reap(pid);
    set_slowdisk_ms(2000);
    CHECKF(s == 'D', "reading /dev/slowdisk: %c, not D", s);
    CHECKF(strcmp(st_copy, "D (disk sleep)") == 0, "status says \"%s\"", st_copy);
    CHECKF(after == 'S', "after the slow read, blocked on a pipe: %c, not S", after);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %#x", status);
}

static void test_stopped_T_and_back(void)
{
    int fds[2];
    CHECK(pipe(fds) == 0);
    pid_t pid = reader_child(fds, 0);
    CHECK(wait_state(pid, 'S', 2000) == 'S');
    CHECK(kill(pid, SIGSTOP) == 0);
    int status;
    CHECK(waitpid(pid, &status, WUNTRACED) == pid && WIFSTOPPED(status));
    char s = state_of(pid);
    const char *st = status_state(pid);
    CHECKF(s == 'T', "after SIGSTOP: %c, not T", s);
    CHECKF(strcmp(st, "T (stopped)") == 0, "status says \"%s\"", st);
    CHECK(kill(pid, SIGCONT) == 0);
    CHECK(waitpid(pid, &status, WCONTINUED) == pid && WIFCONTINUED(status));
    char back = wait_state(pid, 'S', 2000);
    CHECKF(back == 'S', "after SIGCONT: %c, not S (back in its read)", back);
    write(fds[1], "x", 1);                      /* the read, restarted, gets it */
    close(fds[1]);
    status = reap(pid);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %#x", status);
}

static void test_zombie_Z_until_wait(void)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(3);
    char s = wait_state(pid, 'Z', 2000);
    const char *st = status_state(pid);
    char st_copy[64];
    snprintf(st_copy, sizeof st_copy, "%s", st);
    char z;
    int ppid = 0;
    read_stat(pid, &z, &ppid);
    CHECK(kill(pid, 0) == 0);                   /* a zombie still has its pid */
    int status = reap(pid);
    CHECKF(s == 'Z', "an exited, unwaited child: %c, not Z", s);
    CHECKF(strcmp(st_copy, "Z (zombie)") == 0, "status says \"%s\"", st_copy);
    CHECKF(ppid == getpid(), "zombie's ppid %d, not %d", ppid, getpid());
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 3);
    CHECKF(state_of(pid) == '?', "/proc/%d still there after wait", pid);
    errno = 0;
    CHECK(kill(pid, 0) == -1 && errno == ESRCH);
}

/* Claim P4: SIGKILL does not end a D sleep; it acts when the read ends. */
static void test_D_ignores_sigkill_until_read_ends(void)
{
    REQUIRE(have_slowdisk(), "/dev/slowdisk");
    CHECK(set_slowdisk_ms(500) == 0);
    int fds[2];
    CHECK(pipe(fds) == 0);
    pid_t pid = fork();
    if (pid == 0) {
        char buf[64];
        int fd = open("/dev/slowdisk", O_RDONLY);
        long long start = now_ms();
        write(fds[1], &start, sizeof start);    /* "the read starts now" */
        read(fd, buf, sizeof buf);
        _exit(0);                               /* never: SIGKILL is pending */
    }
    close(fds[1]);
    long long start = 0;
    CHECK(read(fds[0], &start, sizeof start) == sizeof start);
    close(fds[0]);
    char before = wait_state(pid, 'D', 1000);
    while (now_ms() < start + 100)
        sleep_ms(5);
    long long kill_ms = now_ms() - start;
    CHECK(kill(pid, SIGKILL) == 0);
    char after_kill = state_of(pid);
    int status = reap(pid);
    long long died_ms = now_ms() - start;
    set_slowdisk_ms(2000);
    printf("  SIGKILL at %lld ms into a 500 ms read; state right after: %c; died at %lld ms\n",
           kill_ms, after_kill, died_ms);
    CHECKF(before == 'D', "reading /dev/slowdisk: %c, not D", before);
    CHECKF(kill_ms < 400, "too slow to test: SIGKILL sent %lld ms into the read", kill_ms);
    CHECKF(after_kill == 'D', "right after SIGKILL the reader is %c, not still D", after_kill);
    CHECKF(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "status %#x", status);
    CHECKF(died_ms >= 450, "died %lld ms into a 500 ms uninterruptible read", died_ms);
}

/* SIGSTOP does not end a D sleep either: the reader stops after the read. */
static void test_D_then_stop(void)
{
    REQUIRE(have_slowdisk(), "/dev/slowdisk");
    CHECK(set_slowdisk_ms(300) == 0);
    pid_t pid = fork();
    if (pid == 0) {
        char buf[64];
        int fd = open("/dev/slowdisk", O_RDONLY);
        ssize_t n = read(fd, buf, sizeof buf);
        _exit(n > 0 ? 0 : 1);
    }
    char before = wait_state(pid, 'D', 1000);
    long long t0 = now_ms();
    kill(pid, SIGSTOP);
    char after_stop = state_of(pid);
    int status;
    pid_t r = waitpid(pid, &status, WUNTRACED);
    long long stopped_ms = now_ms() - t0;
    char stopped = state_of(pid);
    kill(pid, SIGCONT);
    int final = reap(pid);
    set_slowdisk_ms(2000);
    CHECKF(before == 'D', "reading /dev/slowdisk: %c, not D", before);
    CHECKF(after_stop == 'D', "right after SIGSTOP: %c, not still D", after_stop);
    CHECK(r == pid && WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP);
    CHECKF(stopped == 'T', "once the read ended: %c, not T", stopped);
    CHECKF(stopped_ms >= 100, "stopped only %lld ms after SIGSTOP", stopped_ms);
    CHECKF(WIFEXITED(final) && WEXITSTATUS(final) == 0, "the read failed: status %#x", final);
}

int main(int argc, char **argv)
{
    T_INIT("states_proc", argc, argv);
    if (state_of(getpid()) == '?') {
        printf("TEST START user/states_proc/proc_stat\n"
               "TEST FAIL user/states_proc/proc_stat: cannot read /proc/%d/stat\n", getpid());
        return 1;
    }
    RUN(test_running_R);
    RUN(test_sleeping_S_and_back);
    RUN(test_disk_D_and_back);
    RUN(test_stopped_T_and_back);
    RUN(test_zombie_Z_until_wait);
    RUN(test_D_ignores_sigkill_until_read_ends);
    RUN(test_D_then_stop);
    return T_DONE();
}
