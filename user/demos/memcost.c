/*
 * memcost: what one coroutine costs, and what one thread costs (claims C1
 * and C3; docs/threads.md).
 *
 *      memcost
 *
 * 1. Coroutines. We make 10,000 of them (coro_create) and resume each once,
 *    so that every one has really run and is now suspended in the middle
 *    of its function, with its registers saved on its own stack. Each is a
 *    single malloc'd block of about 8 KiB (coro_footprint says exactly),
 *    and VmRSS in /proc/self/status, the memory the process really uses,
 *    grows by at most that much per coroutine (a little less: the pages in
 *    the middle of a stack that nothing touched are never paged in, the
 *    same demand paging that makes a thread's big stack cheap). The kernel
 *    does not know they exist: /proc/self/status still says "Threads: 1"
 *    and /proc/self/task lists one entry.
 *
 * 2. Threads. We start 8 threads with pthread_create. Each touches 16 KiB
 *    of its stack and then waits on a condition variable, so all 8 are
 *    alive while we measure. Per thread:
 *      - VmSize grows by ~8 MiB: the stack's *address space*, reserved
 *        (Linux's default, `ulimit -s`), plus a guard page and the TLS;
 *      - VmRSS grows by a few pages only: the part of the stack the thread
 *        touched (demand paging: untouched pages cost nothing);
 *      - the machine's free page frames (/proc/weft, free_frames) drop by
 *        more than that: the kernel gives every thread a 16 KiB kernel
 *        stack, a struct thread, and page tables for the new mapping. A
 *        thread is a kernel object; a coroutine is not.
 *    Each thread appears in /proc/self/task, and "Threads:" says 9.
 *
 * The last line is "memcost: ok" (exit 0) or "memcost: FAILED: why".
 */
#include <coro.h>
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "demo.h"

#define NCORO 10000
#define NTHREADS 8
#define TOUCH (16 * 1024)           /* bytes of stack each thread touches */

/* free_frames from /proc/weft (weft's own counters), or -1 elsewhere. */
static long free_frames(void)
{
    char buf[2048];
    if (read_proc("/proc/weft", buf, sizeof buf) <= 0)
        return -1;
    return weft_counter(buf, "free_frames");
}

/* How many threads the kernel lists for us: the entries of /proc/self/task. */
static int task_entries(void)
{
    DIR *d = opendir("/proc/self/task");
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            n++;
    closedir(d);
    return n;
}

/* ---- coroutines ----------------------------------------------------------- */

static struct coro *coros[NCORO];

static void coro_body(void *arg)
{
    volatile char scratch[256];         /* use a little of its stack */
    scratch[0] = (char)(long)arg;
    coro_yield();                       /* suspended here while we measure */
    (void)scratch[0];
}

/* ---- threads -------------------------------------------------------------- */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int arrived, leave;

static void *thread_body(void *arg)
{
    (void)arg;
    volatile char stack_use[TOUCH];
    for (size_t i = 0; i < TOUCH; i += 512)
        stack_use[i] = 1;               /* 4 pages of stack, paged in */
    pthread_mutex_lock(&lock);
    arrived++;
    pthread_cond_broadcast(&changed);
    while (!leave)                      /* alive while main measures */
        pthread_cond_wait(&changed, &lock);
    pthread_mutex_unlock(&lock);
    return (void *)(long)stack_use[0];
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    char why[256] = "";
    memset(coros, 0, sizeof coros);     /* page our own array in first */

    /* --- 1. 10,000 coroutines --- */
    long rss0 = status_field("VmRSS"), frames0 = free_frames();
    for (int i = 0; i < NCORO; i++) {
        coros[i] = coro_create(coro_body, (void *)(long)i, 0);
        if (!coros[i] || coro_resume(coros[i]) < 0) {
            printf("memcost: FAILED: coroutine %d: %s\n", i, strerror(errno));
            return 1;
        }
    }
    long rss1 = status_field("VmRSS"), frames1 = free_frames();
    long coro_threads = status_field("Threads");
    int coro_tasks = task_entries();
    size_t footprint = coro_footprint(coros[0]);
    double rss_per_coro = (rss1 - rss0) * 1024.0 / NCORO;

    printf("%d coroutines, each created and resumed once (all suspended now):\n", NCORO);
    printf("  coro_footprint:        %zu bytes per coroutine (struct + stack, one malloc block)\n",
           footprint);
    printf("  VmRSS grew by %ld kB:  %.0f bytes per coroutine (less than the footprint: the\n"
           "                         untouched middle of a stack is never paged in)\n",
           rss1 - rss0, rss_per_coro);
    if (frames0 >= 0)
        printf("  free frames dropped by %ld (4 KiB each): %.0f bytes per coroutine\n",
               frames0 - frames1, (frames0 - frames1) * 4096.0 / NCORO);
    printf("  kernel threads while %d coroutines exist: Threads: %ld, /proc/self/task "
           "entries: %d\n", NCORO, coro_threads, coro_tasks);
    printf("  -> a coroutine has no kernel object at all: the kernel sees one thread.\n");

    if (footprint > 8192)
        snprintf(why, sizeof why, "coroutine footprint %zu > 8 KiB", footprint);
    else if (rss_per_coro > footprint + 4096.0 || rss_per_coro <= 0)
        snprintf(why, sizeof why, "VmRSS grew %.0f bytes per coroutine", rss_per_coro);
    else if (coro_threads != 1 || coro_tasks != 1)
        snprintf(why, sizeof why, "%ld threads / %d tasks with coroutines only", coro_threads,
                 coro_tasks);

    for (int i = 0; i < NCORO; i++) {   /* let each finish, then free it */
        coro_resume(coros[i]);
        coro_free(coros[i]);
    }

    /* --- 2. 8 threads --- */
    long vsz0 = status_field("VmSize"), rss2 = status_field("VmRSS"), frames2 = free_frames();
    pthread_t t[NTHREADS];
    for (int i = 0; i < NTHREADS; i++) {
        int err = pthread_create(&t[i], NULL, thread_body, NULL);
        if (err) {
            printf("memcost: FAILED: pthread_create: %s\n", strerror(err));
            return 1;
        }
    }
    pthread_mutex_lock(&lock);
    while (arrived < NTHREADS)
        pthread_cond_wait(&changed, &lock);
    pthread_mutex_unlock(&lock);
    long vsz1 = status_field("VmSize"), rss3 = status_field("VmRSS"), frames3 = free_frames();
    long thr_threads = status_field("Threads");
    int thr_tasks = task_entries();

    long vsz_per = (vsz1 - vsz0) / NTHREADS, rss_per = (rss3 - rss2) / NTHREADS;
    printf("%d threads, each touching %d KiB of its stack, all alive now:\n", NTHREADS,
           TOUCH / 1024);
    printf("  VmSize grew by %ld kB: %ld kB of address space per thread (the 8 MiB stack,\n"
           "                         reserved, + guard page + TLS)\n", vsz1 - vsz0, vsz_per);
    printf("  VmRSS grew by %ld kB:   %ld kB resident per thread (only the pages it touched)\n",
           rss3 - rss2, rss_per);
    if (frames2 >= 0) {
        long frames_per = (frames2 - frames3) * 4 / NTHREADS;   /* kB */
        printf("  free frames dropped by %ld: %ld kB per thread, of which %ld kB in the kernel\n"
               "                         (16 KiB kernel stack, struct thread, page tables)\n",
               frames2 - frames3, frames_per, frames_per - rss_per);
    }
    printf("  Threads: %ld, /proc/self/task entries: %d (each thread is a kernel object)\n",
           thr_threads, thr_tasks);
    if (footprint > 0)
        printf("Per unit: a coroutine reserves %zu bytes, a thread %ld kB: %ld times more "
               "address space.\n", footprint, vsz_per, vsz_per * 1024 / (long)footprint);

    if (!why[0] && vsz_per < 8192)
        snprintf(why, sizeof why, "VmSize grew only %ld kB per thread", vsz_per);
    else if (!why[0] && rss_per >= vsz_per / 8)
        snprintf(why, sizeof why, "threads are resident (%ld kB of %ld kB)", rss_per, vsz_per);
    else if (!why[0] && (thr_threads != NTHREADS + 1 || thr_tasks != NTHREADS + 1))
        snprintf(why, sizeof why, "%ld threads / %d tasks with %d threads started",
                 thr_threads, thr_tasks, NTHREADS);

    pthread_mutex_lock(&lock);
    leave = 1;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(t[i], NULL);

    if (why[0]) {
        printf("memcost: FAILED: %s\n", why);
        return 1;
    }
    printf("memcost: ok\n");
    return 0;
}
