/*
 * threads_exit.c: how threads end, and take the process with them or
 * not: exit (exit_group) ends every thread, even blocked ones; one
 * thread's pthread_exit leaves the others running; main's leaves the
 * process to them (and to its signals); execve from a thread leaves the
 * new program alone in the process.
 *
 * The program that test_execve_from_thread runs is this one (argv[0]):
 *
 *      threads_exit --exec-child FD     write our pid and thread count to FD
 *
 * Runs on weft and natively on Linux (a static binary).
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>
#include <time.h>

#include "t.h"
#include "t_child.h"
#include "t_futex.h"
#include "t_proc.h"
#include "t_time.h"

static const char *self_path;           /* argv[0], for the execve case */

static int block_pipe[2];
static volatile int never;

static void *block_in_futex(void *arg)
{
    (void)arg;
    while (!never)
        futex(&never, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, NULL);
    return NULL;
}

static void *block_in_read(void *arg)
{
    (void)arg;
    char c;
    read(block_pipe[0], &c, 1);
    return NULL;
}

/* exit(code), after the others have had time to block. */
static void *exit_soon(void *code)
{
    sleep_ms(30);
    exit((int)(intptr_t)code);
}

static void test_exit_group_ends_blocked_threads(void)
{
    /* exit() (exit_group) in the main thread, with one thread in a futex
     * wait and one in a pipe read: the whole process ends, at once. */
    for (int from_thread = 0; from_thread < 2; from_thread++) {
        CHECK(pipe(block_pipe) == 0);
        long long t0 = now_ns();
        pid_t pid = fork();
        CHECK(pid >= 0);
        if (pid == 0) {
            pthread_t a, b, c;
            pthread_create(&a, NULL, block_in_futex, NULL);
            pthread_create(&b, NULL, block_in_read, NULL);
            if (from_thread) {          /* exit(7) from a third thread, main blocked */
                pthread_create(&c, NULL, exit_soon, (void *)7);
                block_in_read(NULL);
                _exit(99);
            }
            sleep_ms(30);               /* let them block */
            exit(7);
        }
        int status;
        CHECKF(wait_child(pid, &status, 10000) == 0, "the process did not end (%s)",
               from_thread ? "exit from a thread" : "exit from main");
        long long ms = (now_ns() - t0) / 1000000;
        close(block_pipe[0]);
        close(block_pipe[1]);
        CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 7, "status %#x", status);
        CHECKF(ms < 5000, "took %lld ms", ms);
    }
}

static pthread_t worker_thread;
static volatile int keep_going, progress;

static void *busy_worker(void *arg)
{
    (void)arg;
    while (__atomic_load_n(&keep_going, __ATOMIC_SEQ_CST)) {
        __atomic_add_fetch(&progress, 1, __ATOMIC_SEQ_CST);
        sleep_ms(1);
    }
    return (void *)(intptr_t)getpid();
}

static void *exit_early(void *arg)
{
    (void)arg;
    pthread_exit((void *)(intptr_t)getpid());
}

static void test_thread_exit_leaves_process(void)
{
    pid_t pid = getpid();
    keep_going = 1;
    progress = 0;
    CHECK(pthread_create(&worker_thread, NULL, busy_worker, NULL) == 0);
    void *res;
    pthread_t t;
    CHECK(pthread_create(&t, NULL, exit_early, NULL) == 0);
    CHECK(pthread_join(t, &res) == 0);
    CHECK(res == (void *)(intptr_t)pid);            /* same process */
    int p0 = __atomic_load_n(&progress, __ATOMIC_SEQ_CST);
    sleep_ms(30);
    int p1 = __atomic_load_n(&progress, __ATOMIC_SEQ_CST);
    __atomic_store_n(&keep_going, 0, __ATOMIC_SEQ_CST);
    CHECK(pthread_join(worker_thread, &res) == 0);
    CHECK(res == (void *)(intptr_t)pid);
    CHECK(getpid() == pid);
    CHECKF(p1 > p0, "the other thread stopped when one exited (%d -> %d)", p0, p1);
}

/* pthread_exit in main ends only main; when the last thread finishes,
 * the process exits with 0 and the atexit handlers run. */
static int marker_fd;

static void atexit_marker(void)
{
    write(marker_fd, "A", 1);
}

static void *outlive_main(void *arg)
{
    sleep_ms(50);
    write(marker_fd, (char *)arg, 1);
    return NULL;
}

static void test_main_pthread_exit(void)
{
    int fds[2];
    CHECK(pipe(fds) == 0);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        marker_fd = fds[1];
        atexit(atexit_marker);
        pthread_t t;
        pthread_create(&t, NULL, outlive_main, "T");
        pthread_exit(NULL);
    }
    close(fds[1]);
    int status;
    CHECK(wait_child(pid, &status, 10000) == 0);
    char buf[8] = "";
    ssize_t n = read(fds[0], buf, sizeof buf - 1);
    close(fds[0]);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
    CHECKF(n == 2 && strcmp(buf, "TA") == 0, "markers \"%s\": expected the thread, then atexit",
           buf);

    /* Two threads calling exit() at once: the handlers run once. */
    CHECK(pipe(fds) == 0);
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        marker_fd = fds[1];
        atexit(atexit_marker);
        pthread_t t[4];
        for (int i = 0; i < 4; i++)
            pthread_create(&t[i], NULL, exit_soon, (void *)3);
        exit_soon((void *)3);
    }
    close(fds[1]);
    CHECK(wait_child(pid, &status, 10000) == 0);
    memset(buf, 0, sizeof buf);
    n = read(fds[0], buf, sizeof buf - 1);
    close(fds[0]);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 3, "status %#x", status);
    CHECKF(n == 1, "atexit handler ran %zd times", n);
}

/* The process outlives its main thread, and still gets signals. */
static void on_usr1_exit(int sig)
{
    (void)sig;
    _exit(5);
}

static void *wait_for_signal(void *arg)
{
    (void)arg;
    for (;;)
        pause();
    return NULL;
}

static void test_signal_after_main_exited(void)
{
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        signal(SIGUSR1, on_usr1_exit);
        pthread_t t;
        pthread_create(&t, NULL, wait_for_signal, NULL);
        pthread_exit(NULL);             /* main goes; the thread stays */
    }
    sleep_ms(50);
    int status;
    CHECK(waitpid(pid, &status, WNOHANG) == 0);      /* still alive */
    CHECK(kill(pid, SIGUSR1) == 0);
    CHECK(wait_child(pid, &status, 10000) == 0);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 5, "status %#x", status);
}

/* ---- execve from a thread ------------------------------------------------------- */

static void *exec_from_thread(void *arg)
{
    char *argv[] = { (char *)self_path, "--exec-child", arg, NULL };
    execv(self_path, argv);
    return NULL;
}

static void test_execve_from_thread(void)
{
    int fds[2];
    CHECK(pipe(fds) == 0);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        char fdstr[16];
        snprintf(fdstr, sizeof fdstr, "%d", fds[1]);
        pthread_t t, other;
        pthread_create(&other, NULL, block_in_futex, NULL);     /* must vanish */
        pthread_create(&t, NULL, exec_from_thread, fdstr);
        for (;;)
            pause();
    }
    close(fds[1]);
    int reported[2] = { 0, 0 }, status;
    ssize_t n = read(fds[0], reported, sizeof reported);
    close(fds[0]);
    CHECK(wait_child(pid, &status, 10000) == 0);
    CHECKF(n == sizeof reported, "the new program did not report (%zd)", n);
    CHECKF(reported[0] == pid, "after execve from a thread: pid %d, expected %d", reported[0],
           pid);
    CHECKF(reported[1] == 1, "the new program has %d threads", reported[1]);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
}

int main(int argc, char **argv)
{
    self_path = argv[0];
    if (argc == 3 && strcmp(argv[1], "--exec-child") == 0) {
        /* The program execve'd by test_execve_from_thread: report our
         * pid and how many threads we have. */
        int report[2] = { getpid(), count_threads() };
        write(atoi(argv[2]), report, sizeof report);
        return 0;
    }
    T_INIT("threads_exit", argc, argv);
    RUN(test_exit_group_ends_blocked_threads);
    RUN(test_thread_exit_leaves_process);
    RUN(test_main_pthread_exit);
    RUN(test_signal_after_main_exited);
    RUN(test_execve_from_thread);
    return T_DONE();
}
