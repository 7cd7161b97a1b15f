/*
 * proc_wait.c: fork, exec, exit and wait: long chains, many children at
 * once, every exit status and death by signal, WNOHANG, ECHILD, waitpid
 * for one child among zombies, wait4's rusage, waitid's siginfo.
 * (Zombies and orphans: proc_zombie.c; execve's failures: proc_exec.c.)
 *
 * This program re-executes itself (argv[0]) as a child that exits at once:
 *
 *      proc_wait --child-exit N     exit(N)
 *
 * The same binary runs on Linux (make, then run build/rootfs/test/proc_wait
 * there), where exec_chain_100's frame-leak check fails by design: Linux's
 * free memory moves on its own.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "t.h"
#include "t_child.h"
#include "t_exec.h"
#include "t_time.h"

static const char *self = "/test/proc_wait";    /* our own path, for re-exec */

/*
 * Leak checks compare free physical frames (t_free_frames, t.h) before and
 * after. weft keeps some memory in kmalloc slabs and caches that are
 * reused rather than returned at once, so a few pages of difference are
 * allowed: LEAK_SLACK (32 KiB).
 */
#define LEAK_SLACK 8

/* 100 children one after the other, each re-executing this program, which
 * exits at once with status 0 (127 if the exec failed). The frames the
 * first 10 took (page cache, slabs) stay; the other 90 leak none. */
static void test_exec_chain_100(void)
{
    long long before = 0;
    for (int i = 0; i < 100; i++) {
        if (i == 10)
            before = t_free_frames();
        pid_t pid = fork();
        CHECKF(pid >= 0, "fork %d: %s", i, strerror(errno));
        if (pid == 0) {
            char *argv[] = { (char *)self, "--child-exit", "0", NULL };
            execve(self, argv, no_env);
            _exit(127);
        }
        int st = reap(pid);
        CHECKF(st == 0, "child %d (pid %d): %s", i, pid, status_str(st));
    }
    long long after = t_free_frames();
    errno = 0;
    CHECK(waitpid(-1, NULL, WNOHANG) == -1 && errno == ECHILD);
    CHECKF(before > 0 && after >= before - LEAK_SLACK,
           "free frames %lld before 90 fork/exec/exit, %lld after", before, after);
}

/* Exec passes arguments through: the exit code comes from argv. */
static void test_exec_passes_exit_code(void)
{
    for (int code = 1; code < 256; code += 63) {
        char num[8];
        snprintf(num, sizeof num, "%d", code);
        char *argv[] = { (char *)self, "--child-exit", num, NULL };
        int r = exec_errno(self, argv, no_env);
        CHECKF(r == EXEC_RAN + code, "exit %d: %s", code, exec_result_str(r));
    }
}

/* 20 children alive at once, all blocked on one pipe; closing our write
 * end releases them all; each is reaped exactly once. */
static void test_twenty_at_once(void)
{
    enum { N = 20 };
    int fds[2];
    CHECK(pipe(fds) == 0);
    pid_t pids[N];
    int reaped[N] = { 0 };
    for (int i = 0; i < N; i++) {
        pids[i] = fork();
        if (pids[i] == 0) {
            close(fds[1]);
            char c;
            ssize_t n;
            while ((n = read(fds[0], &c, 1)) < 0 && errno == EINTR)
                ;
            _exit(n == 0 ? 10 + i : 99);    /* EOF is what releases us */
        }
        CHECKF(pids[i] > 0, "fork %d: %s", i, strerror(errno));
    }
    /* None may have exited: they are all waiting for the pipe. */
    int st;
    CHECK(waitpid(-1, &st, WNOHANG) == 0);
    close(fds[0]);
    close(fds[1]);
    for (int k = 0; k < N; k++) {
        pid_t r;
        while ((r = wait(&st)) < 0 && errno == EINTR)
            ;
        CHECKF(r > 0, "wait number %d: %s", k, strerror(errno));
        int i = 0;
        while (i < N && pids[i] != r)
            i++;
        CHECKF(i < N, "wait returned %d, not one of our children", r);
        CHECKF(!reaped[i], "child %d (pid %d) reaped twice", i, r);
        reaped[i] = 1;
        CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 10 + i, "child %d: %s", i, status_str(st));
    }
    errno = 0;
    CHECK(wait(&st) == -1 && errno == ECHILD);
}

/* Every exit code 0..255 arrives intact; only the low 8 bits count. */
static void test_exit_status_all_values(void)
{
    for (int code = 0; code < 256; code++) {
        pid_t pid = fork();
        if (pid == 0)
            _exit(code);
        CHECKF(pid > 0, "fork: %s", strerror(errno));
        int st = reap(pid);
        CHECKF(WIFEXITED(st) && !WIFSIGNALED(st) && WEXITSTATUS(st) == code,
               "exit(%d) gave %s", code, status_str(st));
    }
    static const int odd[][2] = { { 256, 0 }, { 257, 1 }, { -1, 255 }, { 0x12345, 0x45 } };
    for (unsigned i = 0; i < sizeof odd / sizeof odd[0]; i++) {
        pid_t pid = fork();
        if (pid == 0)
            syscall(SYS_exit_group, odd[i][0]);
        int st = reap(pid);
        CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == odd[i][1], "exit_group(%d) gave %s",
               odd[i][0], status_str(st));
    }
    /* exit (not exit_group) of the only thread ends the process too. */
    pid_t pid = fork();
    if (pid == 0)
        syscall(SYS_exit, 77);
    int st = reap(pid);
    CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 77, "SYS_exit(77) gave %s", status_str(st));
}

static void test_killed_by_signal(void)
{
    static const int sigs[] = { SIGKILL, SIGTERM, SIGINT, SIGUSR1 };
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        pid_t pid = idle_child();
        CHECK(pid > 0);
        CHECK(kill(pid, sigs[i]) == 0);
        int st = reap(pid);
        CHECKF(WIFSIGNALED(st) && !WIFEXITED(st) && WTERMSIG(st) == sigs[i],
               "kill(%d) gave %s", sigs[i], status_str(st));
    }
    /* A fault the program does not handle: SIGSEGV (the core bit may be set). */
    pid_t pid = fork();
    if (pid == 0) {
        volatile int *volatile p = (volatile int *)8;
        *p = 1;
        _exit(0);
    }
    int st = reap(pid);
    CHECKF(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "write to 8: %s", status_str(st));
}

static void test_wnohang_while_running(void)
{
    int fds[2];
    CHECK(pipe(fds) == 0);
    pid_t pid = fork();
    if (pid == 0) {
        char c;
        close(fds[1]);
        read(fds[0], &c, 1);
        _exit(3);
    }
    close(fds[0]);
    int st = 12345;
    for (int i = 0; i < 3; i++) {
        CHECK(wait4(pid, &st, WNOHANG, NULL) == 0);
        CHECK(waitpid(-1, &st, WNOHANG) == 0);
        sched_yield();
    }
    CHECK(write(fds[1], "x", 1) == 1);
    close(fds[1]);
    st = reap(pid);
    CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 3, "%s", status_str(st));
    errno = 0;
    CHECK(wait4(pid, &st, WNOHANG, NULL) == -1 && errno == ECHILD);
}

static void test_echild(void)
{
    int st;
    errno = 0;
    CHECK(wait(&st) == -1 && errno == ECHILD);
    errno = 0;
    CHECK(waitpid(-1, &st, WNOHANG) == -1 && errno == ECHILD);
    errno = 0;
    CHECK(waitpid(1, &st, 0) == -1 && errno == ECHILD);           /* init is no child of ours */
    errno = 0;
    CHECK(waitpid(getpid(), &st, 0) == -1 && errno == ECHILD);    /* nor are we */
    errno = 0;
    CHECK(waitpid(99999, &st, 0) == -1 && errno == ECHILD);       /* no such process */
    errno = 0;
    CHECK(syscall(SYS_wait4, -1, &st, 0x4000 /* not an option */, NULL) == -1 && errno == EINVAL);
}

/* waitpid(pid) waits for that child even when others are already zombies. */
static void test_waitpid_specific(void)
{
    pid_t pids[3];
    for (int i = 0; i < 3; i++) {
        pids[i] = fork();
        if (pids[i] == 0) {
            if (i == 1)
                sleep_ms(50);               /* the one we ask for exits last */
            _exit(20 + i);
        }
        CHECK(pids[i] > 0);
    }
    int st;
    CHECK(waitpid(pids[1], &st, 0) == pids[1]);
    CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 21, "%s", status_str(st));
    CHECK(waitpid(pids[2], &st, 0) == pids[2]);
    CHECK(WEXITSTATUS(st) == 22);
    CHECK(waitpid(pids[0], &st, 0) == pids[0]);
    CHECK(WEXITSTATUS(st) == 20);
    errno = 0;
    CHECK(waitpid(pids[1], &st, 0) == -1 && errno == ECHILD);   /* reaped already */
}

/* wait4 fills the rusage of the child: it ran ~100 ms of CPU. */
static void test_wait4_rusage(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        long long end = now_ns() + 100000000LL;
        volatile unsigned long x = 0;
        while (now_ns() < end)
            for (int i = 0; i < 10000; i++)
                x++;
        _exit(4);
    }
    struct rusage ru;
    memset(&ru, 0xff, sizeof ru);
    int st;
    CHECK(wait4(pid, &st, 0, &ru) == pid);
    CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 4, "%s", status_str(st));
    long us = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000L + ru.ru_utime.tv_usec +
              ru.ru_stime.tv_usec;
    CHECKF(ru.ru_utime.tv_usec >= 0 && ru.ru_utime.tv_usec < 1000000 &&
           ru.ru_stime.tv_usec >= 0 && ru.ru_stime.tv_usec < 1000000,
           "rusage times not filled: utime %ld.%06ld stime %ld.%06ld", ru.ru_utime.tv_sec,
           ru.ru_utime.tv_usec, ru.ru_stime.tv_sec, ru.ru_stime.tv_usec);
    CHECKF(us > 0 && us < 60000000L, "child CPU time %ld us after 100 ms of work", us);
}

/* waitid: the siginfo of an exit and of a kill; WNOWAIT leaves the zombie
 * for a later wait. */
static void test_waitid(void)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(3);
    CHECK(pid > 0);
    siginfo_t si;
    memset(&si, 0x55, sizeof si);
    long r = syscall(SYS_waitid, P_PID, pid, &si, WEXITED | WNOWAIT, NULL);
    CHECKF(r == 0, "waitid(P_PID, %d, &si, WEXITED|WNOWAIT): %ld errno %d (%s)", pid, r, errno,
           strerror(errno));
    CHECKF(si.si_signo == SIGCHLD && si.si_pid == pid && si.si_code == CLD_EXITED &&
           si.si_status == 3, "siginfo signo %d pid %d code %d status %d", si.si_signo,
           si.si_pid, si.si_code, si.si_status);
    CHECK(kill(pid, 0) == 0);                   /* WNOWAIT: not reaped */
    memset(&si, 0x55, sizeof si);
    r = syscall(SYS_waitid, P_PID, pid, &si, WEXITED, NULL);
    CHECKF(r == 0, "waitid(P_PID, %d, &si, WEXITED): %ld errno %d (%s)", pid, r, errno,
           strerror(errno));
    CHECK(si.si_pid == pid && si.si_code == CLD_EXITED && si.si_status == 3);
    errno = 0;
    CHECK(waitpid(pid, NULL, WNOHANG) == -1 && errno == ECHILD);   /* reaped now */

    pid = idle_child();
    CHECK(pid > 0);
    kill(pid, SIGKILL);
    memset(&si, 0x55, sizeof si);
    r = syscall(SYS_waitid, P_ALL, 0, &si, WEXITED, NULL);
    CHECKF(r == 0, "waitid(P_ALL): %ld errno %d (%s)", r, errno, strerror(errno));
    CHECK(si.si_pid == pid && si.si_code == CLD_KILLED && si.si_status == SIGKILL);
    /* Nothing to report: WNOHANG gives 0 and si_pid 0; no children: ECHILD. */
    pid = idle_child();
    memset(&si, 0x55, sizeof si);
    CHECK(syscall(SYS_waitid, P_PID, pid, &si, WEXITED | WNOHANG, NULL) == 0 && si.si_pid == 0);
    kill(pid, SIGKILL);
    reap(pid);
    errno = 0;
    CHECK(syscall(SYS_waitid, P_ALL, 0, &si, WEXITED, NULL) == -1 && errno == ECHILD);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--child-exit") == 0)
        return argc > 2 ? atoi(argv[2]) : 0;
    if (argv[0] && argv[0][0] == '/')
        self = argv[0];

    T_INIT("proc_wait", argc, argv);
    RUN(test_exec_chain_100);
    RUN(test_exec_passes_exit_code);
    RUN(test_twenty_at_once);
    RUN(test_exit_status_all_values);
    RUN(test_killed_by_signal);
    RUN(test_wnohang_while_running);
    RUN(test_echild);
    RUN(test_waitpid_specific);
    RUN(test_wait4_rusage);
    RUN(test_waitid);
    return T_DONE();
}
