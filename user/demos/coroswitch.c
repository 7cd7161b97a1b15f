/*
 * coroswitch: a coroutine switch stays in user mode; a thread switch goes
 * through the kernel (claim C2; docs/threads.md).
 *
 *      coroswitch
 *
 * 1. Coroutines. One coroutine yields in a loop and we resume it 500,000
 *    times: 1,000,000 switches (resume in, yield out). A switch is ~20
 *    instructions in libc/arch/x86_64/coro_switch.S that save six
 *    registers on one stack and load them from another. No system call,
 *    no interrupt, nothing the kernel could count.
 *
 * 2. Threads. Two threads play ping-pong through two pipes: one writes a
 *    byte and blocks reading the answer; the kernel puts it to sleep and
 *    switches to the other, which was woken by the byte. 5,000 round trips
 *    are 10,000 thread switches, each one inside the kernel: a system call
 *    to block, the scheduler, switch_to() (kernel/sched/switch.S), and the
 *    way back to user mode.
 *
 * Around each, we read weft's per-CPU counters (/proc/weft: syscalls and
 * context_switches). Reading them costs system calls too (open, read,
 * close), so we first measure an empty stretch: whatever the coroutines
 * add beyond that is theirs. They add nothing.
 *
 * The last line is "coroswitch: ok" (exit 0) or "coroswitch: FAILED: why".
 */
#include <coro.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "demo.h"

#define CORO_RESUMES 500000         /* x 2 switches */
#define ROUNDS 5000                 /* thread round trips, x 2 switches */

struct counters {
    long long syscalls, switches;
};

/* One look at /proc/weft: three system calls, always the same three. */
static struct counters snapshot(void)
{
    static char buf[2048];
    struct counters c = { -1, -1 };
    if (read_proc("/proc/weft", buf, sizeof buf) < 0)
        return c;
    c.syscalls = weft_counter(buf, "syscalls");
    c.switches = weft_counter(buf, "context_switches");
    return c;
}

static void forever_yield(void *arg)
{
    (void)arg;
    for (;;)
        coro_yield();
}

static int ping[2], pong[2];

static void *ponger(void *arg)
{
    (void)arg;
    char c;
    while (read(ping[0], &c, 1) == 1)   /* until main closes ping */
        write(pong[1], &c, 1);
    return NULL;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    char why[200] = "";

    /* An empty measurement: what reading the counters and the clock costs
     * by itself (on weft, clock_gettime is a system call too). */
    struct counters e0 = snapshot();
    volatile long long te = now_ns();
    te = now_ns();
    struct counters e1 = snapshot();
    (void)te;
    if (e0.syscalls < 0) {
        printf("coroswitch: FAILED: no /proc/weft to read the counters from\n");
        return 1;
    }
    long long empty_sys = e1.syscalls - e0.syscalls, empty_sw = e1.switches - e0.switches;

    /* --- 1. coroutines --- */
    struct coro *c = coro_create(forever_yield, NULL, 0);
    coro_resume(c);                     /* warm up (first run, first faults) */
    struct counters c0 = snapshot();
    long long t0 = now_ns();
    for (int i = 0; i < CORO_RESUMES; i++)
        coro_resume(c);
    long long t1 = now_ns();
    struct counters c1 = snapshot();
    coro_free(c);
    double coro_ns = (double)(t1 - t0) / (2.0 * CORO_RESUMES);
    long long coro_sys = c1.syscalls - c0.syscalls, coro_sw = c1.switches - c0.switches;

    /* --- 2. threads --- */
    pthread_t t;
    char b = 'x';
    if (pipe(ping) < 0 || pipe(pong) < 0 || pthread_create(&t, NULL, ponger, NULL) != 0) {
        printf("coroswitch: FAILED: pipe or pthread_create: %s\n", strerror(errno));
        return 1;
    }
    write(ping[1], &b, 1);              /* one warm-up round trip */
    read(pong[0], &b, 1);
    struct counters th0 = snapshot();
    long long t2 = now_ns();
    for (int i = 0; i < ROUNDS; i++) {
        write(ping[1], &b, 1);          /* wakes the other thread ... */
        read(pong[0], &b, 1);           /* ... and we sleep until it answers */
    }
    long long t3 = now_ns();
    struct counters th1 = snapshot();
    close(ping[1]);                     /* the other thread's read returns 0 */
    pthread_join(t, NULL);
    double thr_ns = (double)(t3 - t2) / (2.0 * ROUNDS);
    long long thr_sys = th1.syscalls - th0.syscalls, thr_sw = th1.switches - th0.switches;

    printf("Reading the counters and the clock, with nothing in between: +%lld system calls,\n"
           "+%lld context switches (/proc/weft). That is the cost of measuring.\n", empty_sys,
           empty_sw);
    printf("%d coroutine switches: %.1f ns per switch (%lld ms in all)\n", 2 * CORO_RESUMES,
           coro_ns, (t1 - t0) / 1000000);
    printf("  counters: +%lld system calls, +%lld context switches: no more than measuring\n"
           "  costs; the kernel never knew the coroutines switched\n", coro_sys, coro_sw);
    printf("%d thread switches (%d pipe round trips): %.0f ns per switch (%lld ms in all)\n",
           2 * ROUNDS, ROUNDS, thr_ns, (t3 - t2) / 1000000);
    printf("  counters: +%lld system calls, +%lld context switches: %.1f switches and\n"
           "  %.1f system calls per round trip; every switch went through the kernel\n",
           thr_sys, thr_sw, (double)thr_sw / ROUNDS, (double)thr_sys / ROUNDS);
    if (coro_ns > 0)
        printf("One thread switch costs as much time as %.0f coroutine switches.\n",
               thr_ns / coro_ns);

    if (coro_sys > empty_sys + 2 || coro_sw > empty_sw + 2)
        snprintf(why, sizeof why, "the coroutine switches moved the counters (+%lld syscalls, "
                 "+%lld switches)", coro_sys - empty_sys, coro_sw - empty_sw);
    else if (thr_sw < ROUNDS * 2 * 9 / 10 || thr_sys < 4LL * ROUNDS)
        snprintf(why, sizeof why, "only +%lld switches, +%lld syscalls for %d round trips", thr_sw,
                 thr_sys, ROUNDS);
    if (why[0]) {
        printf("coroswitch: FAILED: %s\n", why);
        return 1;
    }
    printf("coroswitch: ok\n");
    return 0;
}
