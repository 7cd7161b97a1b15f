/*
 * supervisor: processes isolate faults (claim T6; docs/processes.md).
 *
 *      supervisor [N]      run until worker 2 has crashed and been
 *                          restarted N times (default 3), then stop
 *
 * Three worker processes count, and report each step to the supervisor
 * through a pipe. Worker 2 is buggy: about once a second it writes through
 * a NULL pointer, and the kernel kills it with SIGSEGV. The supervisor
 * learns of the death from wait(), says so, and starts a new worker 2.
 * Workers 1 and 3 never notice: each process has its own address space,
 * so a bad pointer in one cannot touch another. (The threaded version of
 * this story, where one bad thread kills them all, is `threadcrash`.)
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "demo.h"

#define NWORKERS 3
#define BAD 2                       /* the worker that crashes */
#define STEP_MS 100                 /* a worker counts one step per STEP_MS */
#define CRASH_AFTER 10              /* the bad worker's steps before it crashes */

struct report {                     /* one step: 8 bytes, written atomically */
    int worker;
    int count;
};

static _Noreturn void worker(int id, int out)
{
    struct timespec step = { 0, STEP_MS * 1000000L };
    struct rlimit nocore = { 0, 0 };
    setrlimit(RLIMIT_CORE, &nocore);        /* no core file on Linux */
    for (int n = 1;; n++) {
        struct report r = { id, n };
        if (write(out, &r, sizeof r) != sizeof r)
            _exit(1);                       /* the supervisor is gone */
        nanosleep(&step, NULL);
        if (id == BAD && n == CRASH_AFTER) {
            volatile int *p = NULL;
            *p = n;                         /* the bug: SIGSEGV */
        }
    }
}

static pid_t start(int id, int out)
{
    pid_t pid = fork();
    if (pid == 0)
        worker(id, out);
    if (pid < 0)
        perror("supervisor: fork");
    return pid;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    int want = argc > 1 ? atoi(argv[1]) : 3;
    if (argc > 2 || want < 1 || want > 100) {
        fprintf(stderr, "usage: supervisor [restarts (1-100, default 3)]\n");
        return 2;
    }
    int fds[2];
    if (pipe(fds) < 0) {
        perror("supervisor: pipe");
        return 1;
    }
    pid_t pid[NWORKERS + 1];
    int count[NWORKERS + 1] = { 0 }, at_crash[NWORKERS + 1] = { 0 };
    int crashes = 0, non_segv = 0, good_died = 0;
    for (int i = 1; i <= NWORKERS; i++)
        pid[i] = start(i, fds[1]);
    printf("supervisor (pid %d): workers 1, 2, 3 are pids %d, %d, %d; each counts one step\n"
           "every %d ms. Worker 2 writes through a NULL pointer after %d steps.\n",
           getpid(), pid[1], pid[2], pid[3], STEP_MS, CRASH_AFTER);

    long long t0 = now_ms(), stop_at = 0, give_up = t0 + want * 3000LL + 5000;
    while (stop_at == 0 || now_ms() < stop_at) {
        struct pollfd pfd = { fds[0], POLLIN, 0 };
        if (poll(&pfd, 1, 50) > 0) {
            struct report r[32];
            ssize_t n = read(fds[0], r, sizeof r);
            for (ssize_t i = 0; i < n / (ssize_t)sizeof r[0]; i++)
                if (r[i].worker >= 1 && r[i].worker <= NWORKERS)
                    count[r[i].worker] = r[i].count;
        }
        int status;
        pid_t dead;
        while ((dead = waitpid(-1, &status, WNOHANG)) > 0) {
            int id = 0;
            for (int i = 1; i <= NWORKERS; i++)
                if (pid[i] == dead)
                    id = i;
            if (!id)
                continue;
            char why[64];
            if (WIFSIGNALED(status))
                snprintf(why, sizeof why, "%s", strsignal(WTERMSIG(status)));
            else
                snprintf(why, sizeof why, "exited with status %d", WEXITSTATUS(status));
            if (id != BAD)
                good_died++;
            if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGSEGV)
                non_segv++;
            crashes++;
            for (int i = 1; i <= NWORKERS; i++)
                at_crash[i] = count[i];
            printf("[%5lld ms] worker %d (pid %d) died: %s; restarting\n", now_ms() - t0, id,
                   dead, why);
            printf("           meanwhile worker 1 is at step %d, worker 3 at step %d: still "
                   "counting\n", count[1], count[3]);
            pid[id] = start(id, fds[1]);
            count[id] = 0;
            if (crashes == want)
                stop_at = now_ms() + 600;   /* watch a little longer, then stop */
        }
        if (now_ms() > give_up) {
            printf("supervisor: gave up waiting for %d crashes (saw %d)\n", want, crashes);
            break;
        }
    }

    for (int i = 1; i <= NWORKERS; i++)
        kill(pid[i], SIGTERM);
    for (int i = 1; i <= NWORKERS; i++)
        waitpid(pid[i], NULL, 0);
    /* The last reports may still be in the pipe. */
    struct report r[64];
    close(fds[1]);
    ssize_t n;
    while ((n = read(fds[0], r, sizeof r)) > 0)
        for (ssize_t i = 0; i < n / (ssize_t)sizeof r[0]; i++)
            if (r[i].worker >= 1 && r[i].worker <= NWORKERS && r[i].worker != BAD)
                count[r[i].worker] = r[i].count;

    int kept_going = count[1] > at_crash[1] && count[3] > at_crash[3];
    printf("\nsupervisor: summary after %lld ms\n", now_ms() - t0);
    printf("  worker 1 (pid %d): %d steps, never restarted\n", pid[1], count[1]);
    printf("  worker 2: crashed %d times, restarted %d times (%s)\n", crashes, crashes,
           non_segv ? "not always by SIGSEGV!" : "each time by SIGSEGV");
    printf("  worker 3 (pid %d): %d steps, never restarted\n", pid[3], count[3]);
    printf("  Each worker is a process with its own address space: worker 2's bad pointer\n"
           "  killed worker 2 only, and workers 1 and 3 %s counting through every crash.\n"
           "  (Threads share one address space and so share fate: see threadcrash.)\n",
           kept_going ? "kept" : "did NOT keep");
    int ok = crashes == want && non_segv == 0 && good_died == 0 && kept_going;
    printf("supervisor: %s\n", ok ? "ok" : "UNEXPECTED");
    return ok ? 0 : 1;
}
