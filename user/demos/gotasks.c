/*
 * gotasks: Go-style M:N scheduling, many tasks on a few kernel threads
 * (claims C4 and T5; libc/include/mn.h; docs/threads.md).
 *
 *      gotasks
 *
 * 1. 10,000 tasks on N threads. The runtime (libc/mn) starts one worker
 *    thread per CPU, N = sysconf(_SC_NPROCESSORS_ONLN). We spawn 10,000
 *    tasks in a chain, Go's classic "daisy chain": task i receives a
 *    number on channel i and sends it plus one on channel i+1. While all
 *    10,000 are alive (each waiting on its channel), we ask the kernel how
 *    many threads we have: /proc/self/task, and `ps -L`. It says N+1 (the
 *    workers and the main thread): the tasks are coroutines, invisible to
 *    the kernel. Then main sends 0 into the chain and receives 10,000 at
 *    the other end: every task ran and passed its number on, and every
 *    hand-over was a user-mode switch on one of the N workers.
 *
 * 2. The rule for blocking system calls. The kernel schedules threads, not
 *    tasks: a task that blocks in read() blocks its worker thread. With 2
 *    workers, one task reads an empty pipe (main fills it after 300 ms);
 *    the other tasks finish on the other worker meanwhile. With 1 worker,
 *    they all wait for the read: that is the trade-off (Go avoids it by
 *    handing the blocked thread's work to a fresh thread; mn.h explains).
 *
 * The last line is "gotasks: ok" (exit 0) or "gotasks: FAILED: why".
 */
#include <dirent.h>
#include <errno.h>
#include <mn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "demo.h"

#define NTASKS 10000
#define NOTHERS 8                   /* part 2: tasks besides the reader */
#define FILL_MS 300                 /* when main fills the reader's pipe */

/* The tids in /proc/self/task, into tids[]; returns how many. */
static int list_threads(int *tids, int max)
{
    DIR *d = opendir("/proc/self/task");
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.' && n < max)
            tids[n++] = atoi(e->d_name);
    closedir(d);
    return n;
}

/* Run `ps -L` and print its header and our own lines; returns how many
 * lines it had for us (-1 if ps could not run). */
static int ps_our_threads(void)
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
        execl("/bin/ps", "ps", "-L", (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    static char out[16384];
    size_t got = 0;
    ssize_t n;
    while (got < sizeof out - 1 && (n = read(fds[0], out + got, sizeof out - 1 - got)) > 0)
        got += (size_t)n;
    out[got] = '\0';
    close(fds[0]);
    waitpid(pid, NULL, 0);

    int mine = 0, me = getpid();
    for (char *line = out; *line;) {
        size_t len = strcspn(line, "\n");
        if (line == out || atoi(line) == me) {  /* the header, and PID == ours */
            printf("    %.*s\n", (int)len, line);
            mine += line != out;
        }
        line += len + (line[len] == '\n');
    }
    return got ? mine : -1;
}

/* ---- 1. the daisy chain ---------------------------------------------------- */

static struct mn_chan *chan[NTASKS + 1];

static void link_task(void *arg)
{
    long i = (long)arg;
    void *v;
    if (mn_chan_recv(chan[i], &v) == 1)         /* parks until the left one sends */
        mn_chan_send(chan[i + 1], (void *)((intptr_t)v + 1));
}

static int daisy_chain(char *why, size_t whylen)
{
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    if (mn_init(0) < 0) {
        snprintf(why, whylen, "mn_init: %s", strerror(errno));
        return -1;
    }
    int workers = mn_workers();
    for (int i = 0; i <= NTASKS; i++)
        if (!(chan[i] = mn_chan_new(0))) {
            snprintf(why, whylen, "mn_chan_new: %s", strerror(errno));
            return -1;
        }
    long long t0 = now_ms();
    for (long i = 0; i < NTASKS; i++)
        if (mn_spawn(link_task, (void *)i) < 0) {
            snprintf(why, whylen, "mn_spawn %ld: %s", i, strerror(errno));
            return -1;
        }
    long long t1 = now_ms();

    /* All 10,000 exist now (most are waiting on their channel). */
    int tids[64];
    int nthreads = list_threads(tids, 64);
    printf("Part 1: %d tasks spawned in %lld ms; the runtime has %d worker thread%s "
           "(one per CPU: %ld CPU%s).\n", NTASKS, t1 - t0, workers, workers == 1 ? "" : "s",
           ncpu, ncpu == 1 ? "" : "s");
    printf("  /proc/self/task lists %d threads:", nthreads);
    for (int i = 0; i < nthreads; i++)
        printf(" %d%s", tids[i], tids[i] == getpid() ? " (main)" : "");
    printf("\n  `ps -L`, our lines:\n");
    int ps_lines = ps_our_threads();

    void *v = NULL;
    mn_chan_send(chan[0], (void *)0);           /* into the chain ... */
    mn_chan_recv(chan[NTASKS], &v);             /* ... and out at the end */
    long long t2 = now_ms();
    mn_run();
    for (int i = 0; i <= NTASKS; i++)
        mn_chan_free(chan[i]);

    printf("  main sent 0 into the chain and got %ld back: each task added one and passed it\n"
           "  on (%lld ms, all hand-overs user-mode switches on the workers).\n", (long)(intptr_t)v,
           t2 - t1);
    printf("%d tasks on %d worker threads; ps shows %d threads\n", NTASKS, workers,
           ps_lines >= 0 ? ps_lines : nthreads);

    if (workers != ncpu)
        snprintf(why, whylen, "%d workers for %ld CPUs", workers, ncpu);
    else if (nthreads != workers + 1)
        snprintf(why, whylen, "/proc/self/task lists %d threads, not %d", nthreads, workers + 1);
    else if (ps_lines >= 0 && ps_lines != workers + 1)
        snprintf(why, whylen, "ps -L shows %d threads, not %d", ps_lines, workers + 1);
    else if ((intptr_t)v != NTASKS)
        snprintf(why, whylen, "the chain gave %ld, not %d", (long)(intptr_t)v, NTASKS);
    return why[0] ? -1 : 0;
}

/* ---- 2. a task that blocks in the kernel ----------------------------------- */

static int block_fds[2];
static long long t_start, read_started, read_returned, finished[NOTHERS];

static void reader(void *arg)
{
    (void)arg;
    char c;
    read_started = now_ms() - t_start;
    read(block_fds[0], &c, 1);                  /* the whole worker sleeps here */
    read_returned = now_ms() - t_start;
}

static void other(void *arg)
{
    long i = (long)arg;
    for (int k = 0; k < 10; k++)                /* a little work, in steps */
        mn_yield();
    finished[i] = now_ms() - t_start;
}

/* Returns how many of the other tasks finished before read() returned. */
static int blocking_run(int workers)
{
    if (pipe(block_fds) < 0 || mn_init(workers) < 0)
        return -1;
    t_start = now_ms();
    mn_spawn(reader, NULL);                     /* first in the run queue */
    for (long i = 0; i < NOTHERS; i++)
        mn_spawn(other, (void *)i);
    sleep_ms(FILL_MS);
    write(block_fds[1], "x", 1);                /* now the read can return */
    long long filled = now_ms() - t_start;
    mn_run();
    close(block_fds[0]);
    close(block_fds[1]);

    int before = 0;
    printf("  %d worker%s: the reader task called read() at +%lld ms, main filled the pipe at\n"
           "  +%lld ms, read() returned at +%lld ms. The %d other tasks finished at (ms):\n   ",
           workers, workers == 1 ? "" : "s", read_started, filled, read_returned, NOTHERS);
    for (int i = 0; i < NOTHERS; i++) {
        printf(" +%lld", finished[i]);
        before += finished[i] < read_returned;
    }
    printf("\n");
    return before;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    char why[200] = "";
    if (daisy_chain(why, sizeof why) < 0) {
        printf("gotasks: FAILED: %s\n", why);
        return 1;
    }

    printf("Part 2: a task that blocks in a system call blocks its worker thread.\n");
    int two = blocking_run(2);
    printf("  -> %d of %d finished while the reader was blocked: its worker slept in the\n"
           "     kernel, the other worker ran them.\n", two, NOTHERS);
    int one = blocking_run(1);
    printf("  -> %d of %d finished while the reader was blocked: with one worker, nothing\n"
           "     runs until read() returns (keep blocking calls out of tasks, or run more\n"
           "     workers than CPUs; Go hands the blocked worker's queue to another thread).\n",
           one, NOTHERS);

    if (two != NOTHERS)
        snprintf(why, sizeof why, "2 workers: only %d of %d tasks ran during the read", two,
                 NOTHERS);
    else if (one != 0)
        snprintf(why, sizeof why, "1 worker: %d tasks ran during the read", one);
    if (why[0]) {
        printf("gotasks: FAILED: %s\n", why);
        return 1;
    }
    printf("gotasks: ok\n");
    return 0;
}
