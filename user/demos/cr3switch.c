/*
 * cr3switch: a switch between threads of one process keeps the address
 * space; a switch between processes loads CR3 (claims C5 and C6;
 * kernel/sched/switch.c; docs/threads.md).
 *
 *      cr3switch [thread | process]      (default: both)
 *
 * Two threads of one process, then two processes, play ping-pong through
 * a pair of pipes, 2,000 round trips each: every round trip is two
 * context switches, since each side blocks reading until the other
 * answers. Around each game we read weft's per-CPU counters from
 * /proc/weft and print what changed:
 *
 *   context_switches  both games: 2 per round trip
 *   cr3_loads         threads: 0. The two threads share one struct mm, so
 *                     context_switch() sees next->proc->mm == the loaded
 *                     one and leaves CR3 (and the TLB) alone.
 *                     processes: 1 per switch: each has its own page tables.
 *   tlb_flushes       the same as cr3_loads: writing CR3 flushes every
 *                     non-global TLB entry, so the process that runs next
 *                     starts with a cold TLB and pays a page walk for each
 *                     page it touches again.
 *
 * To make that last cost visible, each side touches PAGES pages of its
 * own memory every time it wakes up, as a real program would: after a
 * thread switch they are still in the TLB, after a process switch they
 * are not. We print the time per switch for both games.
 *
 * `cr3switch thread` plays only the thread game: tests/gdb/thread_switch.gdb
 * boots into it to catch a thread-to-thread switch in the debugger.
 *
 * The last line is "cr3switch: ok" (exit 0) or "cr3switch: FAILED: why".
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "demo.h"

#define ROUNDS 2000
#define PAGES 16                    /* touched by each side after each wake-up */
#define PAGE 4096
#define WARMUP 200                  /* round trips before the timed ones */

struct counters {
    long long switches, cr3_loads, tlb_flushes;
};

static char why[200];

/* Remember the first thing that went wrong. */
static void fail(const char *fmt, ...)
{
    if (why[0])
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
}

/* One look at /proc/weft: the three counters from one read of the file. */
static struct counters snapshot(void)
{
    static char buf[2048];
    struct counters c = { -1, -1, -1 };
    if (read_proc("/proc/weft", buf, sizeof buf) < 0)
        return c;
    c.switches = weft_counter(buf, "context_switches");
    c.cr3_loads = weft_counter(buf, "cr3_loads");
    c.tlb_flushes = weft_counter(buf, "tlb_flushes");
    return c;
}

/* Each side's working set: PAGES pages it reads after every wake-up.
 * (A child process gets its own copy at fork: its own pages.) */
static char memory[2][PAGES * PAGE] __attribute__((aligned(PAGE)));

static int touch(int side)
{
    int sum = 0;
    for (int i = 0; i < PAGES; i++)
        sum += ((volatile char *)memory[side])[i * PAGE];
    return sum;
}

static int ping[2], pong[2];

/* The answering side: echo every byte until the pipe is closed. */
static void answer(void)
{
    char c;
    while (read(ping[0], &c, 1) == 1) {
        touch(1);
        write(pong[1], &c, 1);
    }
}

static void *answer_thread(void *arg)
{
    (void)arg;
    answer();
    return NULL;
}

/* The serving side: ROUNDS round trips, timed; returns ns per switch. */
static double serve(struct counters *before, struct counters *after)
{
    char c = 'x';
    for (int i = 0; i < WARMUP; i++) {  /* QEMU translates the code on its first runs */
        write(ping[1], &c, 1);
        read(pong[0], &c, 1);
        touch(0);
    }
    *before = snapshot();
    long long t0 = now_ns();
    for (int i = 0; i < ROUNDS; i++) {
        write(ping[1], &c, 1);
        read(pong[0], &c, 1);
        touch(0);
    }
    long long t1 = now_ns();
    *after = snapshot();
    return (double)(t1 - t0) / (2.0 * ROUNDS);
}

/* Let whoever reads our output run now, not in the middle of a game
 * (its switches would count as ours). */
static void settle(void)
{
    fflush(stdout);
    struct timespec ts = { 0, 20 * 1000000L };
    nanosleep(&ts, NULL);
}

struct result {
    struct counters d;
    double ns;
    int ok;
};

static struct result play(int processes)
{
    struct result r = { { 0, 0, 0 }, 0, 0 };
    struct counters b, a;
    if (pipe(ping) < 0 || pipe(pong) < 0) {
        printf("  pipe: %s\n", strerror(errno));
        return r;
    }
    settle();
    if (processes) {
        pid_t pid = fork();
        if (pid == 0) {
            close(ping[1]);
            answer();
            _exit(0);
        }
        if (pid < 0)
            return r;
        r.ns = serve(&b, &a);
        close(ping[1]);
        waitpid(pid, NULL, 0);
    } else {
        pthread_t t;
        if (pthread_create(&t, NULL, answer_thread, NULL) != 0)
            return r;
        r.ns = serve(&b, &a);
        close(ping[1]);                 /* its read returns 0: it ends */
        pthread_join(t, NULL);
    }
    close(ping[0]);
    close(pong[0]);
    close(pong[1]);
    r.d.switches = a.switches - b.switches;
    r.d.cr3_loads = a.cr3_loads - b.cr3_loads;
    r.d.tlb_flushes = a.tlb_flushes - b.tlb_flushes;
    r.ok = b.switches >= 0;
    return r;
}

static void show(const char *what, const struct result *r)
{
    printf("%-11s context_switches +%lld  cr3_loads +%lld  tlb_flushes +%lld  %.0f ns per switch\n",
           what, r->d.switches, r->d.cr3_loads, r->d.tlb_flushes, r->ns);
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    const char *only = argc > 1 ? argv[1] : "";
    int do_threads = !*only || strcmp(only, "thread") == 0;
    int do_procs = !*only || strcmp(only, "process") == 0;
    if (!do_threads && !do_procs) {
        fprintf(stderr, "usage: cr3switch [thread | process]\n");
        return 2;
    }
    memset(memory, 1, sizeof memory);   /* page the working sets in */
    struct result thr = { { 0, 0, 0 }, 0, 1 }, proc = thr;

    printf("Ping-pong through two pipes, %d round trips; each side touches %d pages of its\n"
           "memory after every wake-up. Counter changes from /proc/weft:\n", ROUNDS, PAGES);
    if (do_threads) {
        thr = play(0);
        show("threads:", &thr);
        if (!thr.ok)
            fail("the thread game could not run (or no /proc/weft)");
        if (thr.d.switches < 2 * ROUNDS * 9 / 10)
            fail("only %lld switches for %d thread round trips", thr.d.switches, ROUNDS);
        if (thr.d.cr3_loads != 0)
            fail("%lld CR3 loads between threads of one process", thr.d.cr3_loads);
    }
    if (do_procs) {
        proc = play(1);
        show("processes:", &proc);
        if (!proc.ok)
            fail("the process game could not run (or no /proc/weft)");
        if (proc.d.cr3_loads < 2 * ROUNDS * 9 / 10)
            fail("only %lld CR3 loads for %d process round trips", proc.d.cr3_loads, ROUNDS);
    }
    if (do_threads)
        printf("Threads of one process share their mm: switching between them leaves CR3,\n"
               "and the TLB, as they were (%.1f CR3 loads per switch).\n",
               (double)thr.d.cr3_loads / (thr.d.switches ? thr.d.switches : 1));
    if (do_procs)
        printf("Processes each have their own page tables: every switch loads CR3 and\n"
               "flushes the TLB (%.1f CR3 loads per switch).\n",
               (double)proc.d.cr3_loads / (proc.d.switches ? proc.d.switches : 1));
    if (do_threads && do_procs && thr.ns > 0)
        printf("A process switch took %.2f times as long as a thread switch: the CR3 write,\n"
               "then a TLB miss (a page walk) for every page touched again.\n",
               proc.ns / thr.ns);

    if (why[0]) {
        printf("cr3switch: FAILED: %s\n", why);
        return 1;
    }
    printf("cr3switch: ok\n");
    return 0;
}
