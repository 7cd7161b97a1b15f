/*
 * proc.c: the process core seen from user space.
 *
 *   fork, exec, exit and wait: long chains, many children at once, exit
 *   statuses and signals, WNOHANG, ECHILD, zombies, orphans, frame leaks;
 *   execve's failures, with hand-made hostile ELF files, and "#!" scripts;
 *   EFAULT from every system call that takes a pointer; preemption of
 *   CPU-bound processes; sleeping and the clocks; vfork and clone; brk and
 *   anonymous mmap.
 *
 * System calls go through syscall() where the point is what the kernel
 * does with a bad argument, so that the C library checks nothing first.
 *
 * This program re-executes itself (argv[0]) in helper modes, so that it
 * needs nothing else on the file system:
 *
 *      proc --child-exit N          exit(N) at once
 *      proc --child-wait-fd FD      read one byte from FD, exit 5 if it is 'x'
 *      proc --script-echo ...       print argc and each argv[i], exit 0
 *      proc /tmp/proc_script...     the same (a script without interpreter
 *                                   argument runs us with its own path first)
 *
 * The same binary runs on Linux (make, then run build/rootfs/test/proc
 * there): a way to check that a test expects what Linux does. Four cases
 * fail on Linux by design, where weft is stricter or simply different:
 * uname (sysname "weft"), the frame-leak checks (Linux's free memory moves
 * on its own), exec_bad_programs (Linux loads several of those files and
 * lets them crash later; weft refuses them before the point of no return)
 * and exec_bad_arguments (weft's 128 KiB limit on all strings together).
 * The comments at those cases say which is which.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "t.h"

static const char *self = "/test/proc";     /* our own path, for re-exec */
static char *const no_env[] = { NULL };

/* --- small helpers ----------------------------------------------------------- */

/*
 * Leak checks compare free physical frames (t_free_frames, t.h) before and
 * after. weft keeps some memory in kmalloc slabs and caches that are
 * reused rather than returned at once, so a few pages of difference are
 * allowed: LEAK_SLACK (32 KiB).
 */
#define LEAK_SLACK 8

static long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

/* waitpid without EINTR; the status, or -1 if pid was not the one reaped. */
static int wait_status(pid_t pid)
{
    int status = -1;
    pid_t r;
    while ((r = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
        ;
    return r == pid ? status : -1;
}

/* Describe a wait status for a failure message. */
static const char *status_str(int st)
{
    static char buf[64];
    if (st == -1)
        snprintf(buf, sizeof buf, "no status");
    else if (WIFEXITED(st))
        snprintf(buf, sizeof buf, "exited %d", WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        snprintf(buf, sizeof buf, "killed by signal %d", WTERMSIG(st));
    else
        snprintf(buf, sizeof buf, "status 0x%x", st);
    return buf;
}

static int write_file(const char *path, const void *data, size_t len, mode_t mode)
{
    unlink(path);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    if (fd < 0)
        return -1;
    ssize_t n = write(fd, data, len);
    close(fd);
    if (n != (ssize_t)len)
        return -1;
    return chmod(path, mode);               /* the umask may have cut bits */
}

/* Run path with argv/envp in a child, stdout to a pipe; collect what it
 * printed (NUL-terminated) and its wait status. */
static int run_capture(const char *path, char *const argv[], char *const envp[], char *out,
                       size_t size)
{
    int fds[2];
    if (pipe(fds) < 0)
        return -1;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        syscall(SYS_execve, path, argv, envp);
        _exit(127);
    }
    close(fds[1]);
    size_t used = 0;
    ssize_t n;
    while (used + 1 < size && (n = read(fds[0], out + used, size - 1 - used)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        used += (size_t)n;
    }
    out[used] = '\0';
    close(fds[0]);
    return wait_status(pid);
}

/*
 * Try an execve in a child (it might succeed where it should not, and must
 * not replace this program). The child reports a failed exec's errno
 * through a close-on-exec pipe, which a successful exec closes unwritten.
 * Returns that errno, or EXEC_RAN + exit code / EXEC_KILLED + signal if
 * the program ran.
 */
#define EXEC_RAN    1000
#define EXEC_KILLED 2000
static int exec_errno(const char *path, char *const argv[], char *const envp[])
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) < 0)
        return -1;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        syscall(SYS_execve, path, argv, envp);
        int e = errno;
        write(fds[1], &e, sizeof e);
        _exit(126);
    }
    close(fds[1]);
    int e = 0;
    ssize_t n;
    while ((n = read(fds[0], &e, sizeof e)) < 0 && errno == EINTR)
        ;
    close(fds[0]);
    if (pid < 0)
        return -1;
    int st = wait_status(pid);
    if (n == (ssize_t)sizeof e)
        return e;
    if (WIFEXITED(st))
        return EXEC_RAN + WEXITSTATUS(st);
    return EXEC_KILLED + WTERMSIG(st);
}

static const char *exec_result_str(int r)
{
    static char buf[64];
    if (r >= EXEC_KILLED)
        snprintf(buf, sizeof buf, "ran and was killed by signal %d", r - EXEC_KILLED);
    else if (r >= EXEC_RAN)
        snprintf(buf, sizeof buf, "ran and exited %d", r - EXEC_RAN);
    else
        snprintf(buf, sizeof buf, "errno %d (%s)", r, strerror(r));
    return buf;
}

/* s with newlines and tabs shown as \\n and \\t, for one-line messages. */
static const char *esc(const char *s)
{
    static char bufs[2][512];
    static int which;
    char *out = bufs[which ^= 1];
    size_t n = 0;
    for (; *s && n + 3 < sizeof bufs[0]; s++) {
        if (*s == '\n' || *s == '\t') {
            out[n++] = '\\';
            out[n++] = *s == '\n' ? 'n' : 't';
        } else {
            out[n++] = *s;
        }
    }
    out[n] = '\0';
    return out;
}

/* A list of what went wrong, for cases that check many things in a row
 * and report them all at once. */
static char bad_list[1200];
static int bad_count;

static void bad_reset(void)
{
    bad_list[0] = '\0';
    bad_count = 0;
}

static void bad_add(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void bad_add(const char *fmt, ...)
{
    size_t n = strlen(bad_list);
    if (n + 8 >= sizeof bad_list)
        return;
    if (bad_count++ > 0)
        n += (size_t)snprintf(bad_list + n, sizeof bad_list - n, "; ");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(bad_list + n, sizeof bad_list - n, fmt, ap);
    va_end(ap);
}

/* --- 1. fork / exec / wait ------------------------------------------------------ */

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
        int st = wait_status(pid);
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
        int st = wait_status(pid);
        CHECKF(WIFEXITED(st) && !WIFSIGNALED(st) && WEXITSTATUS(st) == code,
               "exit(%d) gave %s", code, status_str(st));
    }
    static const int odd[][2] = { { 256, 0 }, { 257, 1 }, { -1, 255 }, { 0x12345, 0x45 } };
    for (unsigned i = 0; i < sizeof odd / sizeof odd[0]; i++) {
        pid_t pid = fork();
        if (pid == 0)
            syscall(SYS_exit_group, odd[i][0]);
        int st = wait_status(pid);
        CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == odd[i][1], "exit_group(%d) gave %s",
               odd[i][0], status_str(st));
    }
    /* exit (not exit_group) of the only thread ends the process too. */
    pid_t pid = fork();
    if (pid == 0)
        syscall(SYS_exit, 77);
    int st = wait_status(pid);
    CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 77, "SYS_exit(77) gave %s", status_str(st));
}

static pid_t fork_pauser(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        for (;;)
            pause();
    }
    return pid;
}

static void test_killed_by_signal(void)
{
    static const int sigs[] = { SIGKILL, SIGTERM, SIGINT, SIGUSR1 };
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        pid_t pid = fork_pauser();
        CHECK(pid > 0);
        CHECK(kill(pid, sigs[i]) == 0);
        int st = wait_status(pid);
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
    int st = wait_status(pid);
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
    st = wait_status(pid);
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

/* --- zombies, orphans, leaks -------------------------------------------------- */

/* The state letter in /proc/PID/stat ("pid (comm) S ..."), or 0. */
static char proc_state(pid_t pid)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    if (t_read_file(path, buf, sizeof buf) <= 0)
        return 0;
    char *p = strrchr(buf, ')');
    return p && p[1] == ' ' ? p[2] : 0;
}

/* A child that exited stays (a zombie) until its parent waits. */
static void test_zombie_until_waited(void)
{
    int fds[2];
    CHECK(pipe(fds) == 0);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        _exit(3);                               /* closes fds[1] on the way out */
    }
    CHECK(pid > 0);
    close(fds[1]);
    char c;
    CHECK(read(fds[0], &c, 1) == 0);            /* it is exiting */
    close(fds[0]);
    int have_proc = access("/proc/self/stat", R_OK) == 0;
    if (have_proc) {
        long long deadline = now_ns() + 5000000000LL;
        while (proc_state(pid) != 'Z' && now_ns() < deadline)
            sleep_ms(2);
        CHECKF(proc_state(pid) == 'Z', "/proc/%d/stat state '%c', want Z", pid, proc_state(pid));
    }
    sleep_ms(50);                               /* long done with exiting ... */
    CHECK(kill(pid, 0) == 0);                   /* ... yet still there */
    if (have_proc)
        CHECKF(proc_state(pid) == 'Z', "/proc/%d/stat state '%c', want Z", pid, proc_state(pid));
    int st;
    CHECK(waitpid(pid, &st, 0) == pid);
    CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 3, "%s", status_str(st));
    errno = 0;
    CHECK(kill(pid, 0) == -1 && errno == ESRCH);   /* reaped: gone */
    if (have_proc) {
        char path[64];
        snprintf(path, sizeof path, "/proc/%d", pid);
        CHECK(access(path, F_OK) == -1);
    }
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

    pid = fork_pauser();
    CHECK(pid > 0);
    kill(pid, SIGKILL);
    memset(&si, 0x55, sizeof si);
    r = syscall(SYS_waitid, P_ALL, 0, &si, WEXITED, NULL);
    CHECKF(r == 0, "waitid(P_ALL): %ld errno %d (%s)", r, errno, strerror(errno));
    CHECK(si.si_pid == pid && si.si_code == CLD_KILLED && si.si_status == SIGKILL);
    /* Nothing to report: WNOHANG gives 0 and si_pid 0; no children: ECHILD. */
    pid = fork_pauser();
    memset(&si, 0x55, sizeof si);
    CHECK(syscall(SYS_waitid, P_PID, pid, &si, WEXITED | WNOHANG, NULL) == 0 && si.si_pid == 0);
    kill(pid, SIGKILL);
    wait_status(pid);
    errno = 0;
    CHECK(syscall(SYS_waitid, P_ALL, 0, &si, WEXITED, NULL) == -1 && errno == ECHILD);
}


static void fork_exit_wait(int n)
{
    for (int i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid == 0)
            _exit(0);
        wait_status(pid);
    }
}

static void test_no_frame_leak_fork_exit(void)
{
    CHECKF(t_free_frames() > 0, "cannot read the free frame count");
    fork_exit_wait(10);                         /* warm-up: caches, slabs */
    long long before = t_free_frames();
    fork_exit_wait(200);
    long long after = t_free_frames();
    CHECKF(after >= before - LEAK_SLACK,
           "free frames %lld before 200 fork/exit/wait, %lld after: %lld leaked", before, after,
           before - after);
    /* And with some memory touched in the child (copy-on-write copies). */
    static char data[64 * 1024];
    memset(data, 1, sizeof data);
    before = t_free_frames();
    for (int i = 0; i < 20; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            memset(data, 2, sizeof data);
            char *m = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (m != MAP_FAILED)
                memset(m, 3, 65536);
            _exit(0);
        }
        wait_status(pid);
    }
    after = t_free_frames();
    CHECKF(after >= before - LEAK_SLACK,
           "free frames %lld before 20 children writing 128 KiB, %lld after", before, after);
}

/* A child forks a grandchild and exits: init (pid 1) adopts the grandchild
 * and reaps it when it exits. */
static void test_orphan_adopted_by_init(void)
{
    int fds[2];
    CHECK(pipe(fds) == 0);
    pid_t child = fork();
    if (child == 0) {
        pid_t me = getpid();
        pid_t g = fork();
        if (g == 0) {
            long long deadline = now_ns() + 5000000000LL;
            while (getppid() == me && now_ns() < deadline)
                sleep_ms(1);
            int ids[2] = { getpid(), getppid() };
            write(fds[1], ids, sizeof ids);
            _exit(0);
        }
        _exit(g > 0 ? 0 : 1);
    }
    close(fds[1]);
    int st = wait_status(child);
    CHECKF(st == 0, "middle child: %s", status_str(st));
    int ids[2] = { 0, 0 };
    CHECK(read(fds[0], ids, sizeof ids) == (ssize_t)sizeof ids);
    close(fds[0]);
    CHECKF(ids[1] == 1, "orphan %d has parent %d, want 1 (init)", ids[0], ids[1]);
    /* Not ours to wait for ... */
    errno = 0;
    CHECK(waitpid(ids[0], &st, WNOHANG) == -1 && errno == ECHILD);
    /* ... and init reaps it. */
    long long deadline = now_ns() + 5000000000LL;
    while (kill(ids[0], 0) == 0 && now_ns() < deadline)
        sleep_ms(2);
    errno = 0;
    CHECKF(kill(ids[0], 0) == -1 && errno == ESRCH, "orphan %d still exists after 5 s", ids[0]);
}

/* A zombie whose parent exits is adopted by init, which reaps it: init
 * must learn of a child that was already dead when it arrived. */
static void test_orphaned_zombie_reaped_by_init(void)
{
    int fds[2];
    CHECK(pipe(fds) == 0);
    pid_t child = fork();
    if (child == 0) {
        close(fds[0]);
        int gfds[2];
        if (pipe(gfds) < 0)
            _exit(1);
        pid_t g = fork();
        if (g == 0)
            _exit(0);                           /* a zombie: nobody waits */
        close(gfds[1]);
        sleep_ms(50);                           /* let it die */
        write(fds[1], &g, sizeof g);
        _exit(g > 0 ? 0 : 1);                   /* and leave it to init */
    }
    close(fds[1]);
    pid_t g = 0;
    CHECK(read(fds[0], &g, sizeof g) == (ssize_t)sizeof g);
    close(fds[0]);
    int st = wait_status(child);
    CHECKF(st == 0, "middle child: %s", status_str(st));
    long long deadline = now_ns() + 5000000000LL;
    while (kill(g, 0) == 0 && now_ns() < deadline)
        sleep_ms(2);
    errno = 0;
    CHECKF(kill(g, 0) == -1 && errno == ESRCH, "orphaned zombie %d still exists after 5 s", g);
}

/* --- execve failures ------------------------------------------------------------ */

/* A minimal ELF executable written by hand: one PT_LOAD R+X segment at
 * 0x400000 holding the whole file, whose code is exit(42). Each hostile
 * variant changes one field of it. */
typedef struct {
    unsigned char e_ident[16];
    uint16_t e_type, e_machine;
    uint32_t e_version;
    uint64_t e_entry, e_phoff, e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
} Elf64_Ehdr;

typedef struct {
    uint32_t p_type, p_flags;
    uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
} Elf64_Phdr;

struct tiny_elf {
    Elf64_Ehdr eh;
    Elf64_Phdr ph;
    unsigned char code[32];
} __attribute__((packed));

#define TINY_BASE 0x400000ul
#define PT_LOAD 1
#define PT_NOTE 4
#define PF_X 1
#define PF_W 2
#define PF_R 4

static struct tiny_elf tiny_elf(void)
{
    struct tiny_elf e;
    memset(&e, 0, sizeof e);
    memcpy(e.eh.e_ident, "\177ELF\2\1\1", 7);  /* 64-bit, little-endian, version 1 */
    e.eh.e_type = 2;                            /* ET_EXEC */
    e.eh.e_machine = 62;                        /* EM_X86_64 */
    e.eh.e_version = 1;
    e.eh.e_entry = TINY_BASE + offsetof(struct tiny_elf, code);
    e.eh.e_phoff = sizeof e.eh;
    e.eh.e_ehsize = sizeof e.eh;
    e.eh.e_phentsize = sizeof e.ph;
    e.eh.e_phnum = 1;
    e.ph.p_type = PT_LOAD;
    e.ph.p_flags = PF_R | PF_X;
    e.ph.p_offset = 0;
    e.ph.p_vaddr = e.ph.p_paddr = TINY_BASE;
    e.ph.p_filesz = e.ph.p_memsz = sizeof e;
    e.ph.p_align = 0x1000;
    /* mov $42, %edi; mov $60, %eax (exit); syscall */
    static const unsigned char code[] = { 0xbf, 42, 0, 0, 0, 0xb8, 60, 0, 0, 0, 0x0f, 0x05 };
    memcpy(e.code, code, sizeof code);
    return e;
}

/*
 * What the loader builds: a program of two segments, text (R+X) at
 * 0x400000 and data (R+W) whose file part is 8 bytes followed in the file
 * by 0xff garbage, with memsz two pages longer (bss). Its code checks
 *   - the initial rsp is 16-byte aligned and argc (at rsp) is 1
 *   - the 8 data bytes are there; the garbage after them reads as zero
 *     (bss starts mid-page, the loader clears the rest of that page)
 *   - the last bss page is zero, and bss is writable
 * and exits 0, or 1..6 naming the check that failed.
 */
static const unsigned char loader_code[] = {
    0x40, 0xf6, 0xc4, 0x0f,                     /* test $15, %spl      */
    0x75, 0x50,                                 /* jnz fail2           */
    0x48, 0x83, 0x3c, 0x24, 0x01,               /* cmpq $1, (%rsp)     */
    0x75, 0x50,                                 /* jne fail3           */
    0x48, 0xbb, 0, 0, 0, 0, 0, 0, 0, 0,         /* movabs $data, %rbx (patched) */
    0x48, 0x8b, 0x03,                           /* mov (%rbx), %rax    */
    0x48, 0xb9, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, /* movabs $0x1122.., %rcx */
    0x48, 0x39, 0xc8,                           /* cmp %rcx, %rax      */
    0x75, 0x26,                                 /* jne fail            */
    0x48, 0x8b, 0x43, 0x08,                     /* mov 8(%rbx), %rax   */
    0x48, 0x85, 0xc0,                           /* test %rax, %rax     */
    0x75, 0x32,                                 /* jne fail4           */
    0x48, 0x8b, 0x83, 0xf0, 0x1f, 0x00, 0x00,   /* mov 0x1ff0(%rbx), %rax */
    0x48, 0x85, 0xc0,                           /* test %rax, %rax     */
    0x75, 0x2d,                                 /* jne fail5           */
    0x48, 0xc7, 0x43, 0x10, 0x05, 0, 0, 0,      /* movq $5, 16(%rbx)   */
    0x31, 0xff,                                 /* xor %edi, %edi      */
    0xb8, 0x3c, 0, 0, 0, 0x0f, 0x05,            /* exit(0)             */
    0xbf, 0x01, 0, 0, 0, 0xeb, 0x1a,            /* fail:  edi = 1      */
    0xbf, 0x02, 0, 0, 0, 0xeb, 0x13,            /* fail2: edi = 2      */
    0xbf, 0x03, 0, 0, 0, 0xeb, 0x0c,            /* fail3: edi = 3      */
    0xbf, 0x04, 0, 0, 0, 0xeb, 0x05,            /* fail4: edi = 4      */
    0xbf, 0x06, 0, 0, 0,                        /* fail5: edi = 6      */
    0xb8, 0x3c, 0, 0, 0, 0x0f, 0x05,            /* exit(edi)           */
};

static void test_loader_segments(void)
{
    enum { CODE = 2 * sizeof(Elf64_Phdr) + sizeof(Elf64_Ehdr), DATA = 0x130, END = DATA + 24 };
    static unsigned char file[END];
    _Static_assert(CODE + sizeof loader_code <= DATA, "code overlaps data");
    memset(file, 0, sizeof file);
    Elf64_Ehdr eh = tiny_elf().eh;
    eh.e_entry = TINY_BASE + CODE;
    eh.e_phnum = 2;
    Elf64_Phdr text = { PT_LOAD, PF_R | PF_X, 0, TINY_BASE, TINY_BASE,
                        CODE + sizeof loader_code, CODE + sizeof loader_code, 0x1000 };
    uint64_t data_va = 0x600000 + DATA;
    Elf64_Phdr data = { PT_LOAD, PF_R | PF_W, DATA, data_va, data_va, 8, 0x2000, 0x1000 };
    memcpy(file, &eh, sizeof eh);
    memcpy(file + sizeof eh, &text, sizeof text);
    memcpy(file + sizeof eh + sizeof text, &data, sizeof data);
    memcpy(file + CODE, loader_code, sizeof loader_code);
    memcpy(file + CODE + 15, &data_va, 8);
    uint64_t magic = 0x1122334455667788ull;
    memcpy(file + DATA, &magic, 8);
    memset(file + DATA + 8, 0xff, 16);          /* past p_filesz: must read as 0 */
    CHECK(write_file("/tmp/proc_loader", file, sizeof file, 0755) == 0);

    char *argv[] = { "loader", NULL };
    for (int round = 0; round < 2; round++) {   /* twice: the page cache is unharmed */
        int r = exec_errno("/tmp/proc_loader", argv, no_env);
        static const char *what[] = { "", "data bytes wrong", "rsp not 16-byte aligned",
                                      "argc not 1", "bytes past p_filesz not zero", "",
                                      "last bss page not zero" };
        CHECKF(r == EXEC_RAN + 0, "round %d: %s%s%s", round, exec_result_str(r),
               r > EXEC_RAN && r <= EXEC_RAN + 6 ? ": " : "",
               r > EXEC_RAN && r <= EXEC_RAN + 6 ? what[r - EXEC_RAN] : "");
    }
    /* Clearing the bss part of the data page made a private copy: the
     * file (its page-cache page) still holds the garbage. */
    unsigned char back[16];
    int fd = open("/tmp/proc_loader", O_RDONLY);
    CHECK(fd >= 0);
    CHECK(pread(fd, back, sizeof back, DATA + 8) == (ssize_t)sizeof back);
    close(fd);
    for (unsigned i = 0; i < sizeof back; i++)
        CHECKF(back[i] == 0xff, "file byte %u after the data is %#x: the loader wrote to the "
               "page cache", DATA + 8 + i, back[i]);
}

/* Text is read-only: a program writing to its own code dies of SIGSEGV. */
static void test_loader_text_read_only(void)
{
    struct tiny_elf e = tiny_elf();
    static const unsigned char code[] = {
        0x48, 0xbb, 0, 0, 0x40, 0, 0, 0, 0, 0,  /* movabs $0x400000, %rbx */
        0xc6, 0x03, 0x00,                       /* movb $0, (%rbx) */
        0x31, 0xff, 0xb8, 0x3c, 0, 0, 0, 0x0f, 0x05,   /* exit(0) */
    };
    _Static_assert(sizeof code <= sizeof e.code, "code too long");
    memcpy(e.code, code, sizeof code);
    CHECK(write_file("/tmp/proc_writes_text", &e, sizeof e, 0755) == 0);
    char *argv[] = { "w", NULL };
    int r = exec_errno("/tmp/proc_writes_text", argv, no_env);
    CHECKF(r == EXEC_KILLED + SIGSEGV, "%s", exec_result_str(r));
    /* And the file's first byte is still the ELF magic. */
    char head[4];
    int fd = open("/tmp/proc_writes_text", O_RDONLY);
    CHECK(fd >= 0 && read(fd, head, 4) == 4);
    close(fd);
    CHECK(memcmp(head, "\177ELF", 4) == 0);
}

struct bad_exec {
    const char *name;
    const char *path;
    int want;
};

#define BAD_MAX 24
static struct bad_exec bad_execs[BAD_MAX];
static int n_bad_execs;

static void add_bad_elf(const char *name, struct tiny_elf e, int want)
{
    static char paths[BAD_MAX][48];
    char *path = paths[n_bad_execs];
    snprintf(path, sizeof paths[0], "/tmp/proc_elf_%s", name);
    if (write_file(path, &e, sizeof e, 0755) < 0)
        printf("proc: cannot write %s: %s\n", path, strerror(errno));
    bad_execs[n_bad_execs++] = (struct bad_exec){ name, path, want };
}

/* Write every broken program into /tmp once; the list of what each must give. */
static int make_bad_execs(void)
{
    if (n_bad_execs)
        return 0;
    struct tiny_elf e;

    /* The unbroken one first: it must run, so that the variants below
     * fail for the one reason each was made for. */
    add_bad_elf("good", tiny_elf(), EXEC_RAN + 42);

    e = tiny_elf(), e.eh.e_machine = 3;         /* EM_386 */
    add_bad_elf("em_386", e, ENOEXEC);
    /* Linux checks only e_machine here and runs these two; weft also
     * checks the class and byte order it is going to read the file in. */
    e = tiny_elf(), e.eh.e_ident[4] = 1;        /* ELFCLASS32 */
    add_bad_elf("class32", e, ENOEXEC);
    e = tiny_elf(), e.eh.e_ident[5] = 2;        /* big-endian */
    add_bad_elf("big_endian", e, ENOEXEC);
    e = tiny_elf(), e.eh.e_type = 1;            /* ET_REL: an object file */
    add_bad_elf("et_rel", e, ENOEXEC);
    e = tiny_elf(), e.eh.e_phoff = 0x10000;     /* program headers past the end */
    add_bad_elf("phdr_past_eof", e, ENOEXEC);
    e = tiny_elf(), e.eh.e_phoff = ~0ull - 8;   /* ... and wrapping */
    add_bad_elf("phoff_wraps", e, ENOEXEC);
    e = tiny_elf(), e.eh.e_phnum = 60000;
    add_bad_elf("phnum_60000", e, ENOEXEC);
    e = tiny_elf(), e.eh.e_phnum = 0;
    add_bad_elf("phnum_0", e, ENOEXEC);
    e = tiny_elf(), e.eh.e_phentsize = 32;
    add_bad_elf("phentsize_32", e, ENOEXEC);
    /* Linux maps the file and lets the access past the end fault later;
     * weft refuses up front. */
    e = tiny_elf(), e.ph.p_filesz = e.ph.p_memsz = 0x100000;
    add_bad_elf("load_past_eof", e, ENOEXEC);
    e = tiny_elf(), e.ph.p_offset = 0x1000, e.ph.p_vaddr = TINY_BASE + 0x1000,
    e.eh.e_entry = e.ph.p_vaddr + 120;
    add_bad_elf("load_offset_past_eof", e, ENOEXEC);
    e = tiny_elf(), e.ph.p_offset = ~0ull - 0xfff, e.ph.p_vaddr = TINY_BASE + 0xfffff000ull,
    e.ph.p_filesz = e.ph.p_memsz = 0x2000, e.eh.e_entry = e.ph.p_vaddr + 120;
    add_bad_elf("load_offset_wraps", e, ENOEXEC);
    /* Linux fails these after the point of no return (the process dies);
     * weft checks before and returns ENOEXEC. */
    e = tiny_elf(), e.ph.p_vaddr = 0xffff800000000000ull, e.eh.e_entry = e.ph.p_vaddr + 120;
    add_bad_elf("load_kernel_half", e, ENOEXEC);
    e = tiny_elf(), e.ph.p_vaddr = 0x00007ffffffff000ull, e.ph.p_memsz = 0x2000,
    e.eh.e_entry = e.ph.p_vaddr + 120;
    add_bad_elf("load_crosses_user_top", e, ENOEXEC);
    e = tiny_elf(), e.ph.p_vaddr = 0xfffffffffffff000ull, e.ph.p_memsz = 0x2000,
    e.eh.e_entry = e.ph.p_vaddr + 120;
    add_bad_elf("load_wraps", e, ENOEXEC);
    e = tiny_elf(), e.ph.p_memsz = 124;         /* filesz (132) > memsz; entry (120) inside */
    add_bad_elf("filesz_over_memsz", e, ENOEXEC);
    e = tiny_elf(), e.eh.e_entry = 0x500000;    /* in no segment */
    add_bad_elf("entry_outside", e, ENOEXEC);
    e = tiny_elf(), e.ph.p_flags = PF_R | PF_W; /* entry in a non-executable segment */
    add_bad_elf("entry_not_executable", e, ENOEXEC);
    e = tiny_elf(), e.ph.p_type = PT_NOTE;      /* nothing to load */
    add_bad_elf("no_load_segment", e, ENOEXEC);

    /* Not ELF files at all. */
    static const char text[] = "echo this is not a program\n";
    write_file("/tmp/proc_text", text, sizeof text - 1, 0755);
    bad_execs[n_bad_execs++] = (struct bad_exec){ "text_file", "/tmp/proc_text", ENOEXEC };
    write_file("/tmp/proc_empty", "", 0, 0755);
    bad_execs[n_bad_execs++] = (struct bad_exec){ "empty_file", "/tmp/proc_empty", ENOEXEC };

    /* The first 100 bytes of a real program: its headers are cut. */
    char head[100];
    int fd = open(self, O_RDONLY);
    if (fd < 0 || read(fd, head, sizeof head) != (ssize_t)sizeof head)
        printf("proc: cannot read %s\n", self);
    close(fd);
    write_file("/tmp/proc_truncated", head, sizeof head, 0755);
    bad_execs[n_bad_execs++] = (struct bad_exec){ "truncated", "/tmp/proc_truncated", ENOEXEC };

    e = tiny_elf();                             /* fine, but not executable */
    write_file("/tmp/proc_noexec", &e, sizeof e, 0644);
    bad_execs[n_bad_execs++] = (struct bad_exec){ "mode_0644", "/tmp/proc_noexec", EACCES };
    return 0;
}

/* Every hostile or broken program fails with its errno; the caller (a
 * child, so that a wrong success cannot replace us) lives on. */
static void test_exec_bad_programs(void)
{
    make_bad_execs();
    bad_reset();
    char *argv[] = { "bad", NULL };
    for (int i = 0; i < n_bad_execs; i++) {
        int r = exec_errno(bad_execs[i].path, argv, no_env);
        if (r != bad_execs[i].want)
            bad_add("%s: %s, want %s", bad_execs[i].name, exec_result_str(r),
                    bad_execs[i].want >= EXEC_RAN ? "exit 42" : strerror(bad_execs[i].want));
    }
    CHECKF(bad_count == 0, "%d wrong: %.900s", bad_count, bad_list);
}

static void test_exec_bad_paths(void)
{
    char *argv[] = { "x", NULL };
    char under_file[300];
    snprintf(under_file, sizeof under_file, "%s/x", self);
    mkdir("/tmp/proc_dir", 0755);
    struct {
        const char *path;
        int want;
    } cases[] = {
        { "/tmp/proc_does_not_exist", ENOENT },
        { "/tmp/proc_no_dir/prog", ENOENT },
        { "", ENOENT },
        { "/tmp/proc_dir", EACCES },           /* a directory */
        { "/tmp", EACCES },
        { "/tmp/proc_dir/", EACCES },
        { under_file, ENOTDIR },               /* a file used as a directory */
    };
    bad_reset();
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        errno = 0;
        long r = syscall(SYS_execve, cases[i].path, argv, no_env);
        if (r != -1 || errno != cases[i].want)
            bad_add("\"%s\": %ld errno %d, want %d", cases[i].path, r, errno, cases[i].want);
    }
    CHECKF(bad_count == 0, "%.900s", bad_list);
}

/* Bad argument vectors: EFAULT; too long: E2BIG. Run through the real
 * target (this program, --child-exit 0) so a wrong success shows as "ran". */
static void test_exec_bad_arguments(void)
{
    bad_reset();
    char *bad_str[] = { (char *)self, "--child-exit", (char *)0x1000, NULL };
    char *kstr[] = { (char *)self, (char *)0xffffffff80000000ul, NULL };
    char *ok[] = { (char *)self, "--child-exit", "0", NULL };
    struct {
        const char *name;
        char *const *argv, *const *envp;
        int want;
    } cases[] = {
        { "argv_unmapped", (char **)0x1000, no_env, EFAULT },
        { "argv_kernel", (char **)0xffffffff80000000ul, no_env, EFAULT },
        { "argv_noncanonical", (char **)0x8000000000000000ul, no_env, EFAULT },
        { "argv_string_unmapped", bad_str, no_env, EFAULT },
        { "argv_string_kernel", kstr, no_env, EFAULT },
        { "envp_unmapped", ok, (char **)0x1000, EFAULT },
        { "envp_string_unmapped", ok, bad_str + 2, EFAULT },
        { "sane", ok, no_env, EXEC_RAN + 0 },
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int r = exec_errno(self, cases[i].argv, cases[i].envp);
        if (r != cases[i].want)
            bad_add("%s: %s", cases[i].name, exec_result_str(r));
    }

    /* One string longer than 128 KiB: E2BIG (Linux: MAX_ARG_STRLEN). */
    size_t big = 140 * 1024;
    char *s = malloc(big + 1);
    CHECK(s != NULL);
    memset(s, 'a', big);
    s[big] = '\0';
    char *one[] = { (char *)self, "--child-exit", "0", s, NULL };
    int r = exec_errno(self, one, no_env);
    if (r != E2BIG)
        bad_add("one 140 KiB argument: %s", exec_result_str(r));
    /* weft: 128 KiB is also the limit of all strings together (ARG_MAX in
     * exec.c; Linux allows a quarter of the stack limit). */
    s[50 * 1024] = '\0';
    char *three[] = { (char *)self, "--child-exit", "0", s, s, s, NULL };
    r = exec_errno(self, three, no_env);
    if (r != E2BIG)
        bad_add("three 50 KiB arguments: %s", exec_result_str(r));
    char *env3[] = { s, s, s, NULL };
    r = exec_errno(self, ok, env3);
    if (r != E2BIG)
        bad_add("three 50 KiB environment strings: %s", exec_result_str(r));
    /* Just under: runs. */
    s[40 * 1024] = '\0';
    r = exec_errno(self, three, no_env);
    if (r != EXEC_RAN + 0)
        bad_add("three 40 KiB arguments: %s, want it to run", exec_result_str(r));
    free(s);
    CHECKF(bad_count == 0, "%.900s", bad_list);
}

/* 50 failing execs leak no memory. They run in a child (see above), which
 * exits with the number of wrong answers. */
static void failing_execs(int n)
{
    char *argv[] = { (char *)self, "--child-exit", "0", NULL };
    char *bad_str[] = { (char *)self, (char *)0x1000, NULL };
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int wrong = 0;
        for (int i = 0; i < n; i++) {
            int k = i % (n_bad_execs + 2);
            long r;
            int want;
            errno = 0;
            if (k == n_bad_execs) {
                r = syscall(SYS_execve, self, bad_str, no_env), want = EFAULT;
            } else if (k == n_bad_execs + 1) {
                r = syscall(SYS_execve, "/tmp/proc_missing", argv, no_env), want = ENOENT;
            } else {
                if (bad_execs[k].want >= EXEC_RAN)
                    continue;                   /* the good one: it would run */
                r = syscall(SYS_execve, bad_execs[k].path, argv, no_env);
                want = bad_execs[k].want;
            }
            wrong += r != -1 || errno != want;
        }
        _exit(wrong);
    }
    int st = wait_status(pid);
    if (st != 0)
        printf("proc: failing_execs: %s\n", status_str(st));
}

static void test_exec_failures_leak_nothing(void)
{
    make_bad_execs();
    CHECKF(t_free_frames() > 0, "cannot read the free frame count");
    failing_execs(n_bad_execs + 2);             /* warm-up: page cache, slabs */
    long long before = t_free_frames();
    failing_execs(50);
    long long after = t_free_frames();
    CHECKF(after >= before - LEAK_SLACK, "free frames %lld before 50 failing execs, %lld after",
           before, after);
}

/* --- "#!" scripts ------------------------------------------------------------- */

/* argv as Linux builds it for a script started as
 *     execve(path, { a0, a1, ... }, envp)
 * with first line "#!interp arg": { interp, arg, path, a1, ... }. */
static void test_script_argv(void)
{
    char line[300], out[1024], want[1024];
    snprintf(line, sizeof line, "#!%s --script-echo\nthis line is not read\n", self);
    CHECK(write_file("/tmp/proc_script", line, strlen(line), 0755) == 0);
    char *argv[] = { "name-ignored", "a1", "two words", "", NULL };
    int st = run_capture("/tmp/proc_script", argv, no_env, out, sizeof out);
    CHECKF(st == 0, "%s; printed \"%.400s\"", status_str(st), esc(out));
    snprintf(want, sizeof want, "argc=6\n[%s]\n[--script-echo]\n[/tmp/proc_script]\n[a1]\n"
                                "[two words]\n[]\n", self);
    CHECKF(strcmp(out, want) == 0, "printed \"%.400s\", want \"%.400s\"", esc(out), esc(want));
}

/* No interpreter argument; a relative script path is passed as given. */
static void test_script_without_argument(void)
{
    char line[300], out[1024], want[1024];
    snprintf(line, sizeof line, "#!%s\n", self);
    CHECK(write_file("/tmp/proc_script_noarg", line, strlen(line), 0755) == 0);
    char *argv[] = { "x", "y", NULL };
    int st = run_capture("/tmp/proc_script_noarg", argv, no_env, out, sizeof out);
    CHECKF(st == 0, "%s; printed \"%.400s\"", status_str(st), esc(out));
    snprintf(want, sizeof want, "argc=3\n[%s]\n[/tmp/proc_script_noarg]\n[y]\n", self);
    CHECKF(strcmp(out, want) == 0, "printed \"%.400s\", want \"%.400s\"", esc(out), esc(want));
}

/* Blanks around the interpreter and its argument: leading and trailing
 * ones go, inner ones stay (the rest of the line is one argument). */
static void test_script_whitespace(void)
{
    char line[300], out[1024], want[1024];
    snprintf(line, sizeof line, "#! \t%s  \t--script-echo  x\ty  \t \n", self);
    CHECK(write_file("/tmp/proc_script_ws", line, strlen(line), 0755) == 0);
    char *argv[] = { "x", NULL };
    int st = run_capture("/tmp/proc_script_ws", argv, no_env, out, sizeof out);
    CHECKF(st == 0, "%s; printed \"%.400s\"", status_str(st), esc(out));
    snprintf(want, sizeof want, "argc=3\n[%s]\n[--script-echo  x\ty]\n[/tmp/proc_script_ws]\n",
             self);
    CHECKF(strcmp(out, want) == 0, "printed \"%.400s\", want \"%.400s\"", esc(out), esc(want));
}

/* A file that is only "#!interp arg", with no newline at all. */
static void test_script_without_newline(void)
{
    char line[300], out[1024], want[1024];
    snprintf(line, sizeof line, "#!%s --script-echo", self);
    CHECK(write_file("/tmp/proc_script_nonl", line, strlen(line), 0755) == 0);
    char *argv[] = { "x", NULL };
    int st = run_capture("/tmp/proc_script_nonl", argv, no_env, out, sizeof out);
    CHECKF(st == 0, "%s; printed \"%.400s\"", status_str(st), esc(out));
    snprintf(want, sizeof want, "argc=3\n[%s]\n[--script-echo]\n[/tmp/proc_script_nonl]\n", self);
    CHECKF(strcmp(out, want) == 0, "printed \"%.400s\", want \"%.400s\"", esc(out), esc(want));
}

/* A script whose interpreter is a script (one level). */
static void test_script_nested_once(void)
{
    char line[300], out[1024], want[1024];
    snprintf(line, sizeof line, "#!%s --script-echo\n", self);
    CHECK(write_file("/tmp/proc_script_inner", line, strlen(line), 0755) == 0);
    static const char outer[] = "#!/tmp/proc_script_inner\n";
    CHECK(write_file("/tmp/proc_script_outer", outer, sizeof outer - 1, 0755) == 0);
    char *argv[] = { "x", "a1", NULL };
    int st = run_capture("/tmp/proc_script_outer", argv, no_env, out, sizeof out);
    CHECKF(st == 0, "%s; printed \"%.400s\"", status_str(st), esc(out));
    snprintf(want, sizeof want,
             "argc=5\n[%s]\n[--script-echo]\n[/tmp/proc_script_inner]\n[/tmp/proc_script_outer]\n"
             "[a1]\n", self);
    CHECKF(strcmp(out, want) == 0, "printed \"%.400s\", want \"%.400s\"", esc(out), esc(want));
}

static void test_script_errors(void)
{
    char *argv[] = { "x", NULL };
    static const char missing[] = "#!/tmp/proc_no_such_interpreter\n";
    CHECK(write_file("/tmp/proc_script_missing", missing, sizeof missing - 1, 0755) == 0);
    int r = exec_errno("/tmp/proc_script_missing", argv, no_env);
    CHECKF(r == ENOENT, "missing interpreter: %s", exec_result_str(r));
    static const char blank[] = "#!   \n";
    CHECK(write_file("/tmp/proc_script_blank", blank, sizeof blank - 1, 0755) == 0);
    r = exec_errno("/tmp/proc_script_blank", argv, no_env);
    CHECKF(r == ENOEXEC, "no interpreter named: %s", exec_result_str(r));
    char line[300];
    snprintf(line, sizeof line, "#!%s --script-echo\n", self);
    CHECK(write_file("/tmp/proc_script_0644", line, strlen(line), 0644) == 0);
    r = exec_errno("/tmp/proc_script_0644", argv, no_env);
    CHECKF(r == EACCES, "script without x bit: %s", exec_result_str(r));
}

/* --- EFAULT from every system call that takes a pointer ------------------------- */

static int efault_fd = -1, efault_dirfd = -1, efault_tty = -1;
static void *efault_page = MAP_FAILED;     /* a mapped page, for mincore */

static void efault_setup(void)
{
    if (efault_fd >= 0)
        return;
    static char data[4096];
    memset(data, 'd', sizeof data);
    write_file("/tmp/proc_efault", data, sizeof data, 0644);
    efault_fd = open("/tmp/proc_efault", O_RDWR);
    efault_dirfd = open("/", O_RDONLY | O_DIRECTORY);
    efault_page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    unlink("/tmp/proc_link");
    symlink("/test", "/tmp/proc_link");
    for (int fd = 0; fd < 3 && efault_tty < 0; fd++)
        if (isatty(fd))
            efault_tty = fd;
    if (efault_tty < 0)
        efault_tty = open("/dev/console", O_RDWR | O_NOCTTY);
    if (efault_tty < 0)
        efault_tty = open("/dev/tty", O_RDWR | O_NOCTTY);
}

/* The call must return -1 with errno EFAULT. */
#define EF(call)                                                                  \
    do {                                                                          \
        errno = 0;                                                                \
        long _r = (long)(call);                                                   \
        if (_r != -1 || errno != EFAULT)                                          \
            bad_add("%s -> %ld errno %d", #call, _r, errno);                      \
    } while (0)

/* Every pointer-taking call with pointer b (never valid). */
static void efault_all(void *b)
{
    int fd = efault_fd;
    char buf[256];
    struct iovec iov = { b, 16 };
    char *argv[] = { "x", NULL };

    CHECKF(fd >= 0 && efault_dirfd >= 0, "setup: %s", strerror(errno));
    /* Data transfer: the file has data, so a read must copy. */
    lseek(fd, 0, SEEK_SET);
    EF(syscall(SYS_read, fd, b, 16));
    EF(syscall(SYS_write, fd, b, 16));
    EF(syscall(SYS_readv, fd, b, 1));
    EF(syscall(SYS_readv, fd, &iov, 1));
    EF(syscall(SYS_writev, fd, b, 1));
    EF(syscall(SYS_writev, fd, &iov, 1));
    EF(syscall(SYS_pread64, fd, b, 16, 0));
    EF(syscall(SYS_pwrite64, fd, b, 16, 0));
    /* Path names. */
    EF(syscall(SYS_open, b, O_RDONLY));
    EF(syscall(SYS_openat, AT_FDCWD, b, O_RDONLY));
    EF(syscall(SYS_stat, b, buf));
    EF(syscall(SYS_lstat, b, buf));
    EF(syscall(SYS_newfstatat, AT_FDCWD, b, buf, 0));
    EF(syscall(SYS_access, b, F_OK));
    EF(syscall(SYS_mkdir, b, 0755));
    EF(syscall(SYS_unlink, b));
    EF(syscall(SYS_rmdir, b));
    EF(syscall(SYS_rename, b, "/tmp/proc_renamed"));
    EF(syscall(SYS_rename, "/tmp/proc_efault", b));
    EF(syscall(SYS_chdir, b));
    EF(syscall(SYS_execve, b, argv, no_env));
    EF(syscall(SYS_readlink, b, buf, sizeof buf));
    EF(syscall(SYS_statfs, b, buf));
    /* Result buffers. */
    EF(syscall(SYS_stat, "/tmp/proc_efault", b));
    EF(syscall(SYS_lstat, "/tmp/proc_efault", b));
    EF(syscall(SYS_newfstatat, AT_FDCWD, "/tmp/proc_efault", b, 0));
    EF(syscall(SYS_fstat, fd, b));
    EF(syscall(SYS_getcwd, b, 4096));
    EF(syscall(SYS_readlink, "/tmp/proc_link", b, 64));
    EF(syscall(SYS_statfs, "/", b));
    lseek(efault_dirfd, 0, SEEK_SET);
    EF(syscall(SYS_getdents64, efault_dirfd, b, 4096));
    EF(syscall(SYS_uname, b));
    EF(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, b));
    EF(syscall(SYS_clock_gettime, CLOCK_REALTIME, b));
    EF(syscall(SYS_gettimeofday, b, NULL));
    EF(syscall(SYS_getrlimit, RLIMIT_NOFILE, b));
    EF(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, b));
    EF(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, b, NULL));
    EF(syscall(SYS_getrusage, RUSAGE_SELF, b));
    EF(syscall(SYS_getrusage, RUSAGE_CHILDREN, b));
    EF(syscall(SYS_sysinfo, b));
    EF(syscall(SYS_times, b));
    EF(syscall(SYS_getrandom, b, 16, 0));
    EF(syscall(SYS_sched_getaffinity, 0, 128, b));
    EF(syscall(SYS_arch_prctl, ARCH_GET_FS, b));
    if (efault_tty >= 0) {
        EF(syscall(SYS_ioctl, efault_tty, TCGETS, b));
        EF(syscall(SYS_ioctl, efault_tty, TIOCGWINSZ, b));
    } else {
        bad_add("no terminal to try ioctl on");
    }
    /* Arguments read by the kernel. */
    EF(syscall(SYS_nanosleep, b, NULL));
    EF(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, b, NULL));
    EF(syscall(SYS_rt_sigaction, SIGUSR1, b, NULL, 8));
    EF(syscall(SYS_rt_sigaction, SIGUSR1, NULL, b, 8));
    EF(syscall(SYS_rt_sigprocmask, SIG_BLOCK, b, NULL, 8));
    EF(syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, b, 8));
    EF(syscall(SYS_sigaltstack, b, NULL));
    EF(syscall(SYS_sigaltstack, NULL, b));
    EF(syscall(SYS_poll, b, 1, 0));
    struct timeval tv0 = { 0, 0 };
    EF(syscall(SYS_select, 1, b, NULL, NULL, &tv0));
    EF(syscall(SYS_select, 1, NULL, b, NULL, &tv0));
    EF(syscall(SYS_select, 0, NULL, NULL, NULL, b));
    struct timespec ms1 = { 0, 1000000 };       /* a wrong wait ends with ETIMEDOUT */
    EF(syscall(SYS_futex, b, FUTEX_WAIT, 0, &ms1, NULL, 0));
    EF(syscall(SYS_futex, b, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, &ms1, NULL, 0));
    int zero = 0;
    EF(syscall(SYS_futex, &zero, FUTEX_WAIT, 0, b, NULL, 0));   /* bad timeout */
    if (efault_page != MAP_FAILED)
        EF(syscall(SYS_mincore, efault_page, 4096, b));
    else
        bad_add("no page for mincore");

    /* pipe: the descriptors it made are gone again (no leak). */
    int probe = open("/dev/null", O_RDONLY);
    close(probe);
    EF(syscall(SYS_pipe, b));
    EF(syscall(SYS_pipe2, b, 0));
    int again = open("/dev/null", O_RDONLY);
    close(again);
    if (again != probe)
        bad_add("pipe(bad) leaked descriptors: next free fd %d, was %d", again, probe);

    /* wait4: Linux reaps the child, then fails to store the status. */
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    EF(syscall(SYS_wait4, pid, b, 0, NULL));
    errno = 0;
    if (waitpid(pid, NULL, WNOHANG) != -1 || errno != ECHILD) {
        bad_add("wait4(pid, bad) did not reap the child");
        waitpid(pid, NULL, 0);
    }
    pid = fork();
    if (pid == 0)
        _exit(0);
    int st;
    EF(syscall(SYS_wait4, pid, &st, 0, b));             /* bad rusage */
    waitpid(pid, NULL, WNOHANG);
}

static void efault_check(void *b)
{
    efault_setup();
    bad_reset();
    efault_all(b);
    CHECKF(bad_count == 0, "with %p: %d wrong: %.900s", b, bad_count, bad_list);
}

static void test_efault_kernel_address(void)
{
    efault_check((void *)0xffffffff80000000ul);
}

static void test_efault_kernel_direct_map(void)
{
    efault_check((void *)0xffff888000100000ul);
}

static void test_efault_unmapped_low(void)
{
    efault_check((void *)0x1000);
}

/* A hole left by munmap between two mapped pages (which stay mapped, so
 * that no mmap in between reuses the hole). */
static void test_efault_munmapped_page(void)
{
    char *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    memset(p, 1, 3 * 4096);
    CHECK(munmap(p + 4096, 4096) == 0);
    efault_check(p + 4096);
    munmap(p, 3 * 4096);
}

static void test_efault_noncanonical(void)
{
    efault_check((void *)0x0000800000000000ul);
    if (t_why[0])
        return;
    efault_check((void *)0x8000000000000000ul);
}

/* The top page of user space (weft and Linux leave it unmapped). */
static void test_efault_top_of_user_space(void)
{
    efault_check((void *)0x00007ffffffff000ul);
}

/* Ranges that start in user space and run out of it or wrap around. */
static void test_efault_lengths(void)
{
    efault_setup();
    bad_reset();
    int fd = efault_fd;
    static char buf[64];
    lseek(fd, 0, SEEK_SET);
    EF(syscall(SYS_write, fd, (void *)0x7ffffffff000ul, 0x2000));
    EF(syscall(SYS_write, fd, (void *)0x7fffffffe000ul, 0x3000));
    EF(syscall(SYS_write, fd, buf, 0xffffffffffff0000ul));
    EF(syscall(SYS_read, fd, buf, 0xffffffffffff0000ul));
    EF(syscall(SYS_read, fd, (void *)0x7ffffffff000ul, 0x2000));
    EF(syscall(SYS_pread64, fd, buf, 0xffffffffffff0000ul, 0));
    /* getcwd copies only the name ("/...", 2 bytes or more): from the
     * last user byte on, it crosses the end. */
    EF(syscall(SYS_getcwd, (void *)0x7ffffffff000ul - 1, 4096));
    CHECKF(bad_count == 0, "%d wrong: %.900s", bad_count, bad_list);
    /* And good calls still work after all that. */
    CHECK(pread(fd, buf, 4, 0) == 4 && memcmp(buf, "dddd", 4) == 0);
}

/* --- preemption, sleeping, clocks ------------------------------------------------ */

/* Two CPU-bound processes that never make a system call both make
 * progress: the timer takes the CPU from each in turn. */
static void test_preemption_two_spinners(void)
{
    volatile unsigned long *count =
        mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECKF(count != MAP_FAILED, "mmap(MAP_SHARED|MAP_ANONYMOUS): %s", strerror(errno));
    count[0] = count[8] = 0;
    pid_t pids[2];
    for (int i = 0; i < 2; i++) {
        pids[i] = fork();
        if (pids[i] == 0) {
            volatile unsigned long *c = &count[i * 8];  /* own cache line */
            for (;;)
                (*c)++;
        }
        CHECK(pids[i] > 0);
    }
    unsigned long last[2] = { 0, 0 };
    char why[128] = "";
    for (int round = 0; round < 4 && !why[0]; round++) {
        sleep_ms(250);
        unsigned long c[2] = { count[0], count[8] };
        for (int i = 0; i < 2; i++)
            if (c[i] <= last[i])
                snprintf(why, sizeof why, "spinner %d made no progress in round %d (%lu -> %lu)",
                         i, round, last[i], c[i]);
        last[0] = c[0];
        last[1] = c[1];
    }
    for (int i = 0; i < 2; i++)
        kill(pids[i], SIGKILL);
    for (int i = 0; i < 2; i++) {
        int st = wait_status(pids[i]);
        CHECKF(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "spinner %d: %s", i, status_str(st));
    }
    munmap((void *)count, 4096);
    CHECKF(!why[0], "%s", why);
}

static void test_sched_yield(void)
{
    for (int i = 0; i < 10; i++)
        CHECK(syscall(SYS_sched_yield) == 0);
}

static void test_nanosleep(void)
{
    long long t0 = now_ns();
    struct timespec req = { 0, 50000000 }, rem = { 7, 7 };
    CHECK(syscall(SYS_nanosleep, &req, &rem) == 0);
    long long slept = now_ns() - t0;
    CHECKF(slept >= 50000000LL, "nanosleep(50 ms) returned after %lld ns", slept);
    CHECKF(slept < 5000000000LL, "nanosleep(50 ms) returned after %lld ns", slept);

    struct timespec bad[] = { { 0, 1000000000 }, { 0, -1 }, { -1, 0 }, { 0, 2000000000 } };
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        errno = 0;
        long r = syscall(SYS_nanosleep, &bad[i], NULL);
        CHECKF(r == -1 && errno == EINVAL, "nanosleep {%ld, %ld}: %ld errno %d", bad[i].tv_sec,
               bad[i].tv_nsec, r, errno);
    }
    /* Zero sleeps return at once. */
    struct timespec z = { 0, 0 };
    CHECK(syscall(SYS_nanosleep, &z, NULL) == 0);
    /* clock_nanosleep, relative and absolute. */
    t0 = now_ns();
    req.tv_sec = 0, req.tv_nsec = 20000000;
    CHECK(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &req, NULL) == 0);
    CHECK(now_ns() - t0 >= 20000000LL);
    struct timespec abs;
    clock_gettime(CLOCK_MONOTONIC, &abs);
    abs.tv_nsec += 20000000;
    if (abs.tv_nsec >= 1000000000)
        abs.tv_sec++, abs.tv_nsec -= 1000000000;
    CHECK(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 1 /* TIMER_ABSTIME */, &abs, NULL) == 0);
    struct timespec after;
    clock_gettime(CLOCK_MONOTONIC, &after);
    CHECK(after.tv_sec > abs.tv_sec || (after.tv_sec == abs.tv_sec && after.tv_nsec >= abs.tv_nsec));
    errno = 0;
    CHECK(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &bad[0], NULL) == -1 &&
          errno == EINVAL);
}

static void test_clocks(void)
{
    struct timespec rt, m1, m2;
    CHECK(syscall(SYS_clock_gettime, CLOCK_REALTIME, &rt) == 0);
    CHECKF(rt.tv_sec > 1577836800L, "CLOCK_REALTIME %ld is before 2020", rt.tv_sec);
    CHECK(rt.tv_nsec >= 0 && rt.tv_nsec < 1000000000L);
    struct timeval tv;
    CHECK(syscall(SYS_gettimeofday, &tv, NULL) == 0);
    CHECKF(tv.tv_sec >= rt.tv_sec && tv.tv_sec <= rt.tv_sec + 10, "gettimeofday %ld vs %ld",
           tv.tv_sec, rt.tv_sec);
    CHECK(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &m1) == 0);
    CHECK(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &m2) == 0);
    CHECK(m2.tv_sec > m1.tv_sec || (m2.tv_sec == m1.tv_sec && m2.tv_nsec >= m1.tv_nsec));
    errno = 0;
    CHECK(syscall(SYS_clock_gettime, 12345, &m1) == -1 && errno == EINVAL);
}

static void test_uname(void)
{
    struct utsname u;
    memset(&u, 'x', sizeof u);
    CHECK(syscall(SYS_uname, &u) == 0);
    CHECKF(strcmp(u.sysname, "weft") == 0, "sysname \"%.20s\"", u.sysname);
    CHECKF(strcmp(u.machine, "x86_64") == 0, "machine \"%.20s\"", u.machine);
    CHECK(memchr(u.release, '\0', sizeof u.release) != NULL);
    CHECK(memchr(u.nodename, '\0', sizeof u.nodename) != NULL);
}

/* --- vfork and clone ---------------------------------------------------------- */

/*
 * vfork() by hand: the child shares our stack until it execs or exits,
 * so it runs only this assembly and never returns into C. mode 0: set
 * *flag = 1, sleep 50 ms, set *flag = 2, _exit(0). mode 1: set *flag = 1,
 * execve(path, argv, envp), _exit(127) if that failed.
 */
static long raw_vfork(long mode, volatile int *flag, const char *path, char *const *argv,
                      char *const *envp, const struct timespec *ts)
{
    long ret;
    __asm__ volatile("mov $58, %%eax\n\t"           /* vfork */
                     "syscall\n\t"
                     "test %%rax, %%rax\n\t"
                     "jnz 1f\n\t"
                     "movl $1, (%[flag])\n\t"
                     "test %[mode], %[mode]\n\t"
                     "jz 2f\n\t"
                     "mov %[path], %%rdi\n\t"
                     "mov %[argv], %%rsi\n\t"
                     "mov %[envp], %%rdx\n\t"
                     "mov $59, %%eax\n\t"           /* execve */
                     "syscall\n\t"
                     "mov $127, %%edi\n\t"
                     "mov $231, %%eax\n\t"          /* exit_group */
                     "syscall\n"
                     "2:\n\t"
                     "mov %[ts], %%rdi\n\t"
                     "xor %%esi, %%esi\n\t"
                     "mov $35, %%eax\n\t"           /* nanosleep */
                     "syscall\n\t"
                     "movl $2, (%[flag])\n\t"
                     "xor %%edi, %%edi\n\t"
                     "mov $231, %%eax\n\t"
                     "syscall\n"
                     "1:"
                     : "=&a"(ret)
                     : [flag] "r"(flag), [mode] "r"(mode), [path] "r"(path), [argv] "r"(argv),
                       [envp] "r"(envp), [ts] "r"(ts)
                     : "rcx", "r11", "rdi", "rsi", "rdx", "memory");
    return ret;
}

/* The parent sleeps until the vfork child exits. */
static void test_vfork_parent_waits_for_exit(void)
{
    static volatile int flag;
    flag = 0;
    struct timespec ts = { 0, 50000000 };
    long pid = raw_vfork(0, &flag, NULL, NULL, NULL, &ts);
    CHECKF(pid > 0, "vfork: %ld", pid);
    /* Shared memory, and we ran only after the child's _exit. */
    CHECKF(flag == 2, "flag %d after vfork: the parent ran before the child exited", flag);
    int st = wait_status((pid_t)pid);
    CHECKF(st == 0, "%s", status_str(st));
}

/* The parent resumes once the child has exec'd, while it still runs. */
static void test_vfork_parent_resumes_at_exec(void)
{
    static volatile int flag;
    flag = 0;
    int fds[2];
    CHECK(pipe(fds) == 0);
    char fdnum[12];
    snprintf(fdnum, sizeof fdnum, "%d", fds[0]);
    char *argv[] = { (char *)self, "--child-wait-fd", fdnum, NULL };
    long pid = raw_vfork(1, &flag, self, argv, no_env, NULL);
    CHECKF(pid > 0, "vfork: %ld", pid);
    CHECK(flag == 1);
    int st;
    CHECKF(waitpid((pid_t)pid, &st, WNOHANG) == 0, "the child is not running (%s)", status_str(st));
    CHECK(write(fds[1], "x", 1) == 1);
    close(fds[0]);
    close(fds[1]);
    st = wait_status((pid_t)pid);
    CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 5, "%s", status_str(st));

    /* A failed exec: the child's _exit(127) lets us go on too. */
    char *argv2[] = { "x", NULL };
    pid = raw_vfork(1, &flag, "/tmp/proc_missing", argv2, no_env, NULL);
    CHECK(pid > 0);
    st = wait_status((pid_t)pid);
    CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 127, "%s", status_str(st));
}

/* clone(SIGCHLD) is fork. */
static void test_clone_is_fork(void)
{
    static int value = 1;
    pid_t me = getpid();
    long pid = syscall(SYS_clone, SIGCHLD, 0, NULL, NULL, 0);
    if (pid == 0) {
        value = 2;                              /* our copy only */
        _exit(getppid() == me ? 42 : 1);
    }
    CHECKF(pid > 0, "clone: %s", strerror(errno));
    int st = wait_status((pid_t)pid);
    CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 42, "%s", status_str(st));
    CHECK(value == 1);
    /* exit signal 0: still a child we can wait for (with __WALL, as Linux). */
    pid = syscall(SYS_clone, 0, 0, NULL, NULL, 0);
    if (pid == 0)
        _exit(43);
    CHECK(pid > 0);
    int r;
    while ((r = (int)wait4((pid_t)pid, &st, __WALL, NULL)) < 0 && errno == EINTR)
        ;
    CHECK(r == pid);
    CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 43, "%s", status_str(st));
}

/* clone with flags, by hand: if it wrongly succeeds, the child exits at
 * once (SYS_exit, touching no memory) and we reap it. */
static long raw_clone_or_exit(unsigned long flags)
{
    long ret;
    __asm__ volatile("xor %%r10d, %%r10d\n\t"     /* child_tid */
                     "xor %%r8d, %%r8d\n\t"       /* tls */
                     "mov $56, %%eax\n\t"         /* clone */
                     "syscall\n\t"
                     "test %%rax, %%rax\n\t"
                     "jnz 1f\n\t"
                     "xor %%edi, %%edi\n\t"
                     "mov $60, %%eax\n\t"
                     "syscall\n"
                     "1:"
                     : "=&a"(ret)
                     : "D"(flags), "S"(0L), "d"(0L)
                     : "rcx", "r11", "r10", "r8", "memory");
    return ret;
}

static void test_clone_rejects_bad_flags(void)
{
    static const struct {
        const char *name;
        unsigned long flags;
    } cases[] = {
        { "THREAD without SIGHAND", CLONE_THREAD | CLONE_VM },
        { "SIGHAND without VM", CLONE_SIGHAND | SIGCHLD },
        { "THREAD|SIGHAND without VM", CLONE_THREAD | CLONE_SIGHAND },
    };
    bad_reset();
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        long r = raw_clone_or_exit(cases[i].flags);
        if (r != -EINVAL)
            bad_add("%s: returned %ld, want -EINVAL", cases[i].name, r);
        if (r > 0)
            waitpid((pid_t)r, NULL, __WALL);
    }
    CHECKF(bad_count == 0, "%.900s", bad_list);
}

/* --- brk and mmap --------------------------------------------------------------- */

/* Does touching p kill a child with SIGSEGV? */
static int segfaults(volatile char *p, int write)
{
    pid_t pid = fork();
    if (pid == 0) {
        if (write)
            *p = 1;
        else
            (void)*p;
        _exit(0);
    }
    int st = wait_status(pid);
    return WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV;
}

static void test_brk_up_and_down(void)
{
    uintptr_t cur = (uintptr_t)syscall(SYS_brk, 0);
    CHECK(cur > 0 && cur < 0x00007ffffffff000ul);
    uintptr_t base = (cur + 4095) & ~4095ul;    /* the first whole page above */
    CHECK((uintptr_t)syscall(SYS_brk, base + 65536) == base + 65536);
    CHECK((uintptr_t)syscall(SYS_brk, 0) == base + 65536);
    char *p = (char *)base;
    for (int i = 0; i < 65536; i++)
        CHECKF(p[i] == 0, "new heap byte %d is %d", i, p[i]);
    memset(p, 0xab, 65536);
    /* Down to one page: the rest is gone. */
    CHECK((uintptr_t)syscall(SYS_brk, base + 4096) == base + 4096);
    CHECK((unsigned char)p[4095] == 0xab);
    CHECK(segfaults(p + 8192, 0));
    CHECK(!segfaults(p + 100, 1));
    /* Up again: fresh zero pages, not the old contents. */
    CHECK((uintptr_t)syscall(SYS_brk, base + 65536) == base + 65536);
    CHECKF(p[8192] == 0 && p[65535] == 0, "regrown heap holds old bytes");
    /* A request into the kernel half fails: brk stays. */
    CHECK((uintptr_t)syscall(SYS_brk, 0xffff800000000000ul) == base + 65536);
    CHECK((uintptr_t)syscall(SYS_brk, cur) == cur);
}

static void test_mmap_anonymous(void)
{
    char *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    CHECK(((uintptr_t)p & 4095) == 0);
    for (int i = 0; i < 3 * 4096; i++)
        CHECKF(p[i] == 0, "new page byte %d is %d", i, p[i]);
    memset(p, 0x5a, 3 * 4096);
    CHECK(munmap(p + 4096, 4096) == 0);
    CHECK(segfaults(p + 4096, 0));
    CHECK(p[0] == 0x5a && p[2 * 4096] == 0x5a && p[3 * 4096 - 1] == 0x5a);
    CHECK(munmap(p, 3 * 4096) == 0);            /* a hole inside is fine */
    CHECK(segfaults(p, 0));
    CHECK(segfaults(p + 2 * 4096, 0));
    /* Read-only mapping: reading is fine, writing faults. */
    char *r = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(r != MAP_FAILED);
    CHECK(r[10] == 0);
    CHECK(segfaults(r, 1));
    CHECK(munmap(r, 4096) == 0);
    /* Bad arguments. */
    errno = 0;
    CHECK(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED &&
          errno == EINVAL);
    errno = 0;
    CHECK(munmap((void *)0x1001, 4096) == -1 && errno == EINVAL);
}

/* --- helper modes and main -------------------------------------------------------- */

static int helper_main(int argc, char **argv)
{
    if (strcmp(argv[1], "--child-exit") == 0)
        return argc > 2 ? atoi(argv[2]) : 0;
    if (strcmp(argv[1], "--child-wait-fd") == 0) {
        char c = 0;
        ssize_t n;
        while ((n = read(atoi(argv[2]), &c, 1)) < 0 && errno == EINTR)
            ;
        return n == 1 && c == 'x' ? 5 : 6;
    }
    /* --script-echo, or a script path: print the arguments. */
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++)
        printf("[%s]\n", argv[i]);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && (strncmp(argv[1], "--child-", 8) == 0 ||
                     strncmp(argv[1], "--script-echo", 13) == 0 ||
                     strncmp(argv[1], "/tmp/proc_script", 16) == 0))
        return helper_main(argc, argv);
    if (argv[0] && argv[0][0] == '/')
        self = argv[0];

    T_INIT("proc", argc, argv);
    RUN(test_exec_chain_100);
    RUN(test_exec_passes_exit_code);
    RUN(test_twenty_at_once);
    RUN(test_exit_status_all_values);
    RUN(test_killed_by_signal);
    RUN(test_wnohang_while_running);
    RUN(test_echild);
    RUN(test_waitpid_specific);
    RUN(test_wait4_rusage);
    RUN(test_zombie_until_waited);
    RUN(test_waitid);
    RUN(test_no_frame_leak_fork_exit);
    RUN(test_orphan_adopted_by_init);
    RUN(test_orphaned_zombie_reaped_by_init);
    RUN(test_loader_segments);
    RUN(test_loader_text_read_only);
    RUN(test_exec_bad_programs);
    RUN(test_exec_bad_paths);
    RUN(test_exec_bad_arguments);
    RUN(test_exec_failures_leak_nothing);
    RUN(test_script_argv);
    RUN(test_script_without_argument);
    RUN(test_script_whitespace);
    RUN(test_script_without_newline);
    RUN(test_script_nested_once);
    RUN(test_script_errors);
    RUN(test_efault_kernel_address);
    RUN(test_efault_kernel_direct_map);
    RUN(test_efault_unmapped_low);
    RUN(test_efault_munmapped_page);
    RUN(test_efault_noncanonical);
    RUN(test_efault_top_of_user_space);
    RUN(test_efault_lengths);
    RUN(test_preemption_two_spinners);
    RUN(test_sched_yield);
    RUN(test_nanosleep);
    RUN(test_clocks);
    RUN(test_uname);
    RUN(test_vfork_parent_waits_for_exit);
    RUN(test_vfork_parent_resumes_at_exec);
    RUN(test_clone_is_fork);
    RUN(test_clone_rejects_bad_flags);
    RUN(test_brk_up_and_down);
    RUN(test_mmap_anonymous);
    return T_DONE();
}
