/*
 * review_fixes: regression tests for the defects a review of the kernel
 * found, each one a case that failed (or hung the machine) before its fix.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "t.h"
#include "t_child.h"
#include "t_time.h"

static void on_segv(int sig)
{
    (void)sig;
}

/* Recurse until the stack runs out (the depth check keeps the compiler
 * from calling it infinite; it is never reached). */
static int recurse(int n)
{
    volatile char pad[512];
    pad[0] = (char)n;
    return n > 1 << 30 ? 0 : recurse(n + 1) + pad[0];
}

/* With a SIGSEGV handler but no room left on the stack for its frame, the
 * process must die of SIGSEGV (it used to loop in the kernel forever,
 * interrupts off). */
static void test_stack_overflow_with_handler_dies(void)
{
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        signal(SIGSEGV, on_segv);           /* no sigaltstack: no room */
        recurse(0);
        _exit(0);
    }
    int st;
    CHECKF(wait_child(pid, &st, 10000) == 0, "the child did not die within 10 s");
    CHECKF(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "status %s", status_str(st));
}

/* A handler address outside user space is refused: SIGSEGV, not a kernel
 * crash at iretq. */
static void test_handler_outside_user_space(void)
{
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = (void (*)(int))0x800000000000ul;
        sigaction(SIGUSR1, &sa, NULL);
        raise(SIGUSR1);
        _exit(0);
    }
    int st;
    CHECK(wait_child(pid, &st, 5000) == 0);
    CHECKF(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "status %s", status_str(st));
}

static int poll_fds[2];

static void *close_both(void *arg)
{
    (void)arg;
    sleep_ms(100);
    close(poll_fds[0]);
    close(poll_fds[1]);
    return NULL;
}

/* Another thread closes a pipe while poll() watches it: poll must finish
 * (the pipe may be gone, but not under poll's feet). */
static void test_poll_survives_close_by_another_thread(void)
{
    CHECK(pipe(poll_fds) == 0);
    pthread_t t;
    CHECK(pthread_create(&t, NULL, close_both, NULL) == 0);
    struct pollfd p = { poll_fds[0], POLLIN, 0 };
    int r = poll(&p, 1, 400);
    CHECK(pthread_join(t, NULL) == 0);
    CHECKF(r >= 0, "poll returned %d", r);
    for (int i = 0; i < 20; i++) {          /* and the kernel still works */
        int q[2];
        CHECK(pipe(q) == 0);
        close(q[0]);
        close(q[1]);
    }
}

/* vfork with SIGCHLD ignored: the child is reaped at once, and the parent
 * must still wake up (it used to read the freed child). */
static void test_vfork_with_sigchld_ignored(void)
{
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        signal(SIGCHLD, SIG_IGN);
        /* vfork by hand: the child borrows our stack, so it may not return
         * from a C function; it exits straight from the assembly. */
        long c;
        __asm__ volatile("mov $58, %%eax\n\t"     /* vfork */
                         "syscall\n\t"
                         "test %%rax, %%rax\n\t"
                         "jnz 1f\n\t"
                         "xor %%edi, %%edi\n\t"
                         "mov $60, %%eax\n\t"     /* the child: exit(0) */
                         "syscall\n"
                         "1:"
                         : "=&a"(c)
                         :
                         : "rcx", "r11", "rdi", "memory");
        _exit(c > 0 ? 0 : 1);
    }
    int st;
    CHECKF(wait_child(pid, &st, 5000) == 0, "the vfork parent never woke up");
    CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 0, "status %s", status_str(st));
}

static void on_usr1(int sig)
{
    (void)sig;
}

/* Huge timeouts mean "a long time", not "already expired" (overflow). */
static void test_huge_timeouts_wait(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    pid_t me = getpid();
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        sleep_ms(300);
        kill(me, SIGUSR1);
        _exit(0);
    }
    long long t0 = now_ms();
    struct timespec ts = { LONG_MAX, 0 };
    int r = nanosleep(&ts, NULL);
    long long slept = now_ms() - t0;
    reap(pid);
    CHECKF(r == -1 && errno == EINTR, "nanosleep(LONG_MAX s) returned %d (errno %d)", r, errno);
    CHECKF(slept >= 200, "nanosleep(LONG_MAX s) returned after %lld ms", slept);

    /* ppoll with 2^62 s must wait for the data a child writes later. */
    int q[2];
    CHECK(pipe(q) == 0);
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        sleep_ms(300);
        _exit(write(q[1], "x", 1) == 1 ? 0 : 1);
    }
    struct pollfd p = { q[0], POLLIN, 0 };
    struct timespec big = { (long)1 << 62, 0 };
    long long t1 = now_ms();
    r = (int)syscall(SYS_ppoll, &p, 1, &big, NULL, 8);
    long long waited = now_ms() - t1;
    reap(pid);
    close(q[0]), close(q[1]);
    CHECKF(r == 1 && waited >= 200, "ppoll(2^62 s) returned %d after %lld ms", r, waited);
}

/* A new program starts with the default x87/SSE state (MXCSR 0x1f80). */
static void test_exec_resets_fpu(void)
{
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        unsigned mxcsr = 0x7f80;            /* round toward zero */
        __asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
        char *av[] = { "/test/review_fixes", "--mxcsr", NULL };
        execv(av[0], av);
        _exit(99);
    }
    CHECKF(reap_code(pid) == 0, "the new program saw a non-default MXCSR (%d)", reap_code(pid));
}

/* waitid(WSTOPPED) alone must not reap (or report) an exited child. */
static void test_waitid_without_wexited(void)
{
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0)
        _exit(3);
    sleep_ms(50);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    CHECK(waitid(P_PID, (id_t)pid, &si, WSTOPPED | WNOHANG) == 0);
    CHECKF(si.si_pid == 0, "waitid(WSTOPPED) reported the exited child");
    CHECKF(reap_code(pid) == 3, "the zombie was gone");
}

extern char __executable_start[];

/* Text may be made writable with mprotect (a private mapping: writes go to
 * a copy), as on Linux. */
static void test_mprotect_text_writable(void)
{
    uintptr_t page = (uintptr_t)test_mprotect_text_writable & ~(uintptr_t)4095;
    CHECKF(mprotect((void *)page, 4096, PROT_READ | PROT_WRITE | PROT_EXEC) == 0,
           "mprotect(text, RWX) failed");
    CHECK(mprotect((void *)page, 4096, PROT_READ | PROT_EXEC) == 0);
}

static int nb[2];

static void *blocked_reader(void *arg)
{
    (void)arg;
    char c;
    return (void *)(intptr_t)read(nb[0], &c, 1);    /* blocks until we write */
}

/* While one reader blocks on an empty pipe, a non-blocking read gets
 * EAGAIN at once (it used to wait behind the blocked one). */
static void test_nonblocking_reader_not_blocked(void)
{
    CHECK(pipe(nb) == 0);
    pthread_t t;
    CHECK(pthread_create(&t, NULL, blocked_reader, NULL) == 0);
    sleep_ms(100);
    /* O_NONBLOCK belongs to the open file, which the blocked reader shares
     * (a dup): set it for our read, and take it back afterwards. */
    int dupfd = dup(nb[0]);
    CHECK(dupfd >= 0);
    CHECK(fcntl(dupfd, F_SETFL, O_NONBLOCK) == 0);
    char c;
    long long t0 = now_ms();
    ssize_t r = read(dupfd, &c, 1);
    long long took = now_ms() - t0;
    fcntl(dupfd, F_SETFL, 0);
    CHECK(write(nb[1], "x", 1) == 1);
    void *res;
    CHECK(pthread_join(t, &res) == 0);
    close(dupfd), close(nb[0]), close(nb[1]);
    CHECKF(r == -1 && errno == EAGAIN, "non-blocking read returned %zd", r);
    CHECKF(took < 200, "non-blocking read took %lld ms", took);
}

/* utimensat with UTIME_OMIT leaves that time alone. */
static void test_utime_omit(void)
{
    const char *path = "/tmp/review_utime";
    int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
    CHECK(fd >= 0);
    close(fd);
    struct timespec set[2] = { { 1000, 0 }, { 2000, 0 } };
    CHECK(utimensat(AT_FDCWD, path, set, 0) == 0);
    struct timespec omit[2] = { { 0, UTIME_OMIT }, { 3000, 0 } };
    CHECK(utimensat(AT_FDCWD, path, omit, 0) == 0);
    struct stat st;
    CHECK(stat(path, &st) == 0);
    unlink(path);
    CHECKF(st.st_atime == 1000 && st.st_mtime == 3000, "atime %ld mtime %ld",
           (long)st.st_atime, (long)st.st_mtime);
}

/* Arithmetic on user-supplied sizes does not wrap. */
static void test_sizes_do_not_wrap(void)
{
    CHECK(syscall(SYS_munmap, 0x10000, (unsigned long)-4096) == -1 && errno == EINVAL);
    CHECK(syscall(SYS_mprotect, 0x10000, (unsigned long)-4096, PROT_READ) == -1 && errno == EINVAL);
    int fd = open("/tmp/review_lseek", O_CREAT | O_RDWR | O_TRUNC, 0644);
    CHECK(fd >= 0);
    CHECK(lseek(fd, LONG_MAX, SEEK_SET) == LONG_MAX);
    errno = 0;
    off_t r = lseek(fd, 1, SEEK_CUR);
    close(fd);
    unlink("/tmp/review_lseek");
    CHECKF(r == -1 && errno == EOVERFLOW, "lseek past LONG_MAX returned %ld (errno %d)", (long)r,
           errno);
    CHECK(kill(INT_MIN, 0) == -1 && errno == ESRCH);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--mxcsr") == 0) {
        unsigned m;
        __asm__ volatile("stmxcsr %0" : "=m"(m));
        return m == 0x1f80 ? 0 : 1;
    }
    T_INIT("review_fixes", argc, argv);
    RUN(test_stack_overflow_with_handler_dies);
    RUN(test_handler_outside_user_space);
    RUN(test_poll_survives_close_by_another_thread);
    RUN(test_vfork_with_sigchld_ignored);
    RUN(test_huge_timeouts_wait);
    RUN(test_exec_resets_fpu);
    RUN(test_waitid_without_wexited);
    RUN(test_mprotect_text_writable);
    RUN(test_nonblocking_reader_not_blocked);
    RUN(test_utime_omit);
    RUN(test_sizes_do_not_wrap);
    return T_DONE();
}
