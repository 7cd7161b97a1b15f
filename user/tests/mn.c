/*
 * mn.c: the M:N runtime (libc/mn, <mn.h>), claims C4 and T5: many tasks
 * run on one worker thread per CPU, so the process has N+1 threads
 * however many tasks there are; and a task blocked in a system call
 * blocks only its own worker.
 */
#include <dirent.h>
#include <errno.h>
#include <mn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "t.h"
#include "t_proc.h"
#include "t_time.h"

/* ---- 10,000 tasks on N workers ------------------------------------------------- */

enum { TASKS = 10000 };
static struct mn_chan *results;
static int threads_seen = -2;
static long finished;

static void worker_task(void *arg)
{
    intptr_t i = (intptr_t)arg;
    for (int k = 0; k < 3; k++)
        mn_yield();
    mn_chan_send(results, (void *)(i + 1));     /* 1..TASKS: 0 would look like NULL */
    mn_yield();
    mn_chan_send(results, (void *)(intptr_t)1);
    __atomic_add_fetch(&finished, 1, __ATOMIC_SEQ_CST);
}

static void collector(void *arg)
{
    long long *sum = arg;
    void *v;
    for (int got = 0; got < 2 * TASKS && mn_chan_recv(results, &v); got++) {
        *sum += (intptr_t)v;
        if (got == TASKS)                       /* well into the run */
            threads_seen = count_threads();
    }
}

static void test_ten_thousand_tasks(void)
{
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    int before = count_threads();
    CHECK(mn_init(0) == 0);
    CHECK(mn_workers() == ncpu);
    CHECK(mn_init(0) == -1 && errno == EBUSY);
    results = mn_chan_new(64);
    CHECK(results != NULL);
    long long sum = 0;
    finished = 0;
    CHECK(mn_spawn(collector, &sum) == 0);
    for (intptr_t i = 0; i < TASKS; i++)
        CHECKF(mn_spawn(worker_task, (void *)i) == 0, "spawn %ld: %s", (long)i, strerror(errno));
    CHECK(mn_run() == 0);
    CHECK(mn_workers() == 0);
    long long want = (long long)TASKS * (TASKS + 1) / 2 + TASKS;
    CHECKF(finished == TASKS, "%ld tasks finished", finished);
    CHECKF(sum == want, "sum %lld, expected %lld", sum, want);
    printf("note: %d tasks on %ld workers; /proc/self/task had %d entries while they ran\n",
           TASKS, ncpu, threads_seen);
    CHECKF(threads_seen == before + ncpu,
           "%d threads while 10,000 tasks ran; expected main + %ld workers", threads_seen, ncpu);
    CHECKF(count_threads() == before, "%d threads after mn_run", count_threads());
    mn_chan_free(results);
}

/* ---- channels ---------------------------------------------------------------------- */

static struct mn_chan *ping, *pong;

static void ponger(void *arg)
{
    (void)arg;
    void *v;
    while (mn_chan_recv(ping, &v))
        mn_chan_send(pong, (void *)((intptr_t)v + 1));
    mn_chan_close(pong);
}

static void test_unbuffered_and_close(void)
{
    CHECK(mn_init(2) == 0);
    ping = mn_chan_new(0);
    pong = mn_chan_new(0);
    CHECK(ping && pong);
    CHECK(mn_spawn(ponger, NULL) == 0);
    /* The main thread is not a task: it may still use channels (it
     * sleeps on a futex instead of parking). */
    CHECK(!mn_in_task());
    for (intptr_t i = 0; i < 100; i++) {
        void *v = NULL;
        CHECK(mn_chan_send(ping, (void *)i) == 0);
        CHECK(mn_chan_recv(pong, &v) == 1);
        CHECKF(v == (void *)(i + 1), "round %ld: got %ld", (long)i, (long)(intptr_t)v);
    }
    mn_chan_close(ping);
    void *v;
    CHECK(mn_chan_recv(pong, &v) == 0);         /* closed by the ponger */
    CHECK(mn_chan_send(ping, NULL) == -1 && errno == EPIPE);
    CHECK(mn_run() == 0);
    mn_chan_free(ping);
    mn_chan_free(pong);

    /* A buffered channel keeps order, and a receiver gets what is left
     * after the close, then 0. */
    struct mn_chan *ch = mn_chan_new(4);
    for (intptr_t i = 1; i <= 4; i++)
        CHECK(mn_chan_send(ch, (void *)i) == 0);
    mn_chan_close(ch);
    for (intptr_t i = 1; i <= 4; i++)
        CHECK(mn_chan_recv(ch, &v) == 1 && v == (void *)i);
    CHECK(mn_chan_recv(ch, &v) == 0);
    mn_chan_free(ch);
}

/* ---- a task blocked in read() blocks its worker only ------------------------------- */

static int block_fds[2];
static long others_done;
static int reader_done;

static void reader(void *arg)
{
    (void)arg;
    char c;
    if (read(block_fds[0], &c, 1) == 1)         /* blocks the whole worker thread */
        __atomic_store_n(&reader_done, 1, __ATOMIC_SEQ_CST);
}

static void other(void *arg)
{
    (void)arg;
    for (int k = 0; k < 5; k++)
        mn_yield();
    __atomic_add_fetch(&others_done, 1, __ATOMIC_SEQ_CST);
}

static void blocking_run(int workers, long *done_while_blocked)
{
    others_done = 0;
    reader_done = 0;
    if (pipe(block_fds) < 0 || mn_init(workers) < 0)
        return;
    mn_spawn(reader, NULL);                     /* first in the queue */
    for (int i = 0; i < 100; i++)
        mn_spawn(other, NULL);
    if (workers == 1)                           /* nothing can move: give it time */
        sleep_ms(200);
    for (int i = 0; workers > 1 && i < 200 && __atomic_load_n(&others_done, __ATOMIC_SEQ_CST) < 100;
         i++)
        sleep_ms(i < 50 ? 10 : 50);             /* at most ~8 s */
    *done_while_blocked = __atomic_load_n(&others_done, __ATOMIC_SEQ_CST);
    write(block_fds[1], "x", 1);                /* release the reader */
    mn_run();
    close(block_fds[0]);
    close(block_fds[1]);
}

static void test_blocking_read_two_workers(void)
{
    /* weft has one CPU: ask for two workers explicitly. */
    long during = -1;
    blocking_run(2, &during);
    CHECKF(during == 100, "only %ld of 100 tasks ran while one task was blocked in read()",
           during);
    CHECK(reader_done == 1 && others_done == 100);
}

static void test_blocking_read_one_worker(void)
{
    /* The trade-off: with a single worker, the blocked read stops every
     * task until it returns (Go would hand the P to another thread). */
    long during = -1;
    blocking_run(1, &during);
    CHECKF(during == 0, "%ld tasks ran on the one worker while it was blocked in read()",
           during);
    CHECK(reader_done == 1 && others_done == 100);
}

/* ---- a task moves between workers, safely ------------------------------------------ */

static long hops;

static void hopper(void *arg)
{
    long *moves = arg;
    pid_t last = gettid();
    for (int k = 0; k < 200; k++) {
        mn_yield();
        pid_t now = gettid();
        if (now != last)
            (*moves)++;
        last = now;
    }
    __atomic_add_fetch(&hops, *moves, __ATOMIC_SEQ_CST);
}

static void test_tasks_migrate(void)
{
    static long moves[8];
    hops = 0;
    CHECK(mn_init(3) == 0);
    for (int i = 0; i < 8; i++)
        CHECK(mn_spawn(hopper, &moves[i]) == 0);
    CHECK(mn_run() == 0);
    printf("note: 8 tasks x 200 yields on 3 workers: %ld moves between workers\n", hops);
    CHECK(mn_run() == 0);                       /* again, with nothing to run */
}

int main(int argc, char **argv)
{
    T_INIT("mn", argc, argv);
    RUN(test_ten_thousand_tasks);
    RUN(test_unbuffered_and_close);
    RUN(test_blocking_read_two_workers);
    RUN(test_blocking_read_one_worker);
    RUN(test_tasks_migrate);
    return T_DONE();
}
