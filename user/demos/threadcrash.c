/*
 * threadcrash: threads share fate (claim T6; docs/processes.md).
 *
 *      threadcrash
 *
 * The threaded twin of `supervisor`. A child process runs three threads
 * that count and report each step through a pipe; thread 2 writes through
 * a NULL pointer after a few steps. The kernel sends SIGSEGV to the
 * faulting thread, and the default action of SIGSEGV ends the whole
 * process, every thread in it: threads 1 and 3, which did nothing wrong,
 * stop counting at once. This program watches from outside: it reads the
 * reports until the pipe reaches end of file (no thread is left to write),
 * then collects the child's wait status.
 *
 * The threads come from pthread_create(), which is clone() with the flags
 * that make a thread rather than a process: CLONE_VM | CLONE_FS |
 * CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD (libc/thread/pthread.c).
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "demo.h"

#define STEP_MS 100
#define CRASH_AFTER 5               /* thread 2's steps before its bug */

struct report {
    int thread;                     /* 1, 2, 3 */
    int tid;
    int count;
};

static int report_fd;

static void *count(void *arg)
{
    int id = (int)(long)arg;
    struct timespec step = { 0, STEP_MS * 1000000L };
    for (int n = 1;; n++) {
        struct report r = { id, (int)syscall(SYS_gettid), n };
        write(report_fd, &r, sizeof r);
        nanosleep(&step, NULL);
        if (id == 2 && n == CRASH_AFTER) {
            volatile int *p = NULL;
            *p = n;                         /* the bug */
        }
    }
    return NULL;
}

static _Noreturn void threaded_process(int fd)
{
    struct rlimit nocore = { 0, 0 };
    setrlimit(RLIMIT_CORE, &nocore);        /* no core file on Linux */
    report_fd = fd;
    for (long i = 2; i <= 3; i++) {
        pthread_t t;
        int err = pthread_create(&t, NULL, count, (void *)i);
        if (err) {
            fprintf(stderr, "threadcrash: pthread_create: %s\n", strerror(err));
            _exit(1);
        }
    }
    count((void *)1L);                      /* the main thread is thread 1 */
    _exit(0);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    int fds[2];
    if (pipe(fds) < 0) {
        perror("threadcrash: pipe");
        return 1;
    }
    long long t0 = now_ms();
    pid_t child = fork();
    if (child == 0) {
        close(fds[0]);
        threaded_process(fds[1]);
    }
    close(fds[1]);                          /* only the child's threads write now */
    printf("threadcrash: process %d runs threads 1, 2, 3, each counting a step every %d ms;\n"
           "thread 2 writes through a NULL pointer after %d steps.\n", child, STEP_MS,
           CRASH_AFTER);

    int last[4] = { 0 }, tid[4] = { 0 };
    long long last_ms[4] = { 0 };
    struct report r;
    while (read(fds[0], &r, sizeof r) == sizeof r) {
        if (r.thread < 1 || r.thread > 3)
            continue;
        last[r.thread] = r.count;
        tid[r.thread] = r.tid;
        last_ms[r.thread] = now_ms() - t0;
        if (r.thread == 1)
            printf("[%5lld ms] steps so far: thread 1: %d, thread 2: %d, thread 3: %d\n",
                   last_ms[1], last[1], last[2], last[3]);
    }
    /* End of file: no thread of the child holds the pipe any more. */
    long long eof_ms = now_ms() - t0;
    int status;
    waitpid(child, &status, 0);
    printf("[%5lld ms] the pipe reached end of file: no thread is left to write\n", eof_ms);
    for (int i = 1; i <= 3; i++)
        printf("  thread %d (tid %d): last step %d, reported at %lld ms%s\n", i, tid[i], last[i],
               last_ms[i], i == 2 ? "  <- the bad one" : "");

    int segv = WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV;
    if (WIFSIGNALED(status))
        printf("wait status: the process was killed by signal %d (%s)\n", WTERMSIG(status),
               strsignal(WTERMSIG(status)));
    else
        printf("wait status: the process exited with status %d\n", WEXITSTATUS(status));
    /* Did the good threads stop when thread 2 crashed, and not later? */
    int stopped = last[1] <= CRASH_AFTER + 2 && last[3] <= CRASH_AFTER + 2 && last[1] > 0 &&
                  last[3] > 0;
    printf("Threads 1 and 3 did nothing wrong, yet their progress %s at step %d and %d:\n"
           "one thread's bad pointer killed the whole process. SIGSEGV's default action\n"
           "ends the process, not the thread: the threads share one address space, so\n"
           "whatever the bad thread broke is the others' memory too. (Processes do not\n"
           "share fate: see supervisor.)\n",
           stopped ? "stopped" : "did NOT stop", last[1], last[3]);
    int ok = segv && stopped;
    printf("threadcrash: %s\n", ok ? "ok: the process died of SIGSEGV, all threads with it"
                                   : "UNEXPECTED");
    return ok ? 0 : 1;
}
