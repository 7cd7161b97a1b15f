/*
 * coro.c: coroutines (libc/coro, <coro.h>): the API, and claims C1 and
 * C2: a coroutine's stack is a few KiB, and a coroutine switch never
 * enters the kernel (weft's per-CPU syscall counter does not move).
 */
#include <coro.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "t.h"
#include "t_time.h"

/* ---- the API ---------------------------------------------------------------- */

static int trace[16], ntrace;

static void three_steps(void *arg)
{
    int base = (int)(intptr_t)arg;
    for (int i = 0; i < 3; i++) {
        trace[ntrace++] = base + i;
        coro_yield();
    }
}

static void test_resume_yield(void)
{
    ntrace = 0;
    struct coro *a = coro_create(three_steps, (void *)10, 0);
    struct coro *b = coro_create(three_steps, (void *)20, 0);
    CHECK(a && b);
    CHECK(!coro_done(a) && ntrace == 0);        /* nothing runs before a resume */
    for (int i = 0; i < 3; i++) {
        CHECK(coro_resume(a) == 0);
        CHECK(coro_resume(b) == 0);
    }
    CHECK(!coro_done(a));                       /* yielded a third time */
    CHECK(coro_resume(a) == 0 && coro_done(a)); /* and now returns */
    CHECK(coro_resume(b) == 0 && coro_done(b));
    int want[] = { 10, 20, 11, 21, 12, 22 };
    CHECK(ntrace == 6);
    for (int i = 0; i < 6; i++)
        CHECKF(trace[i] == want[i], "step %d: %d, expected %d", i, trace[i], want[i]);
    coro_free(a);
    coro_free(b);
}

static struct coro *seen_self;
static int resume_self_result, resume_self_errno;

static void who_am_i(void *arg)
{
    (void)arg;
    seen_self = coro_self();
    resume_self_result = coro_resume(coro_self());  /* running: refused */
    resume_self_errno = errno;
}

static void empty(void *arg)
{
    (void)arg;
}

static void test_edge_cases(void)
{
    CHECK(coro_self() == NULL);                 /* the thread's own context */
    errno = 0;
    CHECK(coro_yield() == -1 && errno == EPERM);    /* not in a coroutine */

    struct coro *c = coro_create(who_am_i, NULL, 0);
    CHECK(c != NULL);
    CHECK(coro_resume(c) == 0);
    CHECK(seen_self == c);
    CHECK(resume_self_result == -1 && resume_self_errno == EBUSY);
    CHECK(coro_done(c));
    errno = 0;
    CHECK(coro_resume(c) == -1 && errno == EINVAL);     /* finished */
    CHECK(coro_self() == NULL);
    coro_free(c);

    /* A function that returns at once; coro_free(NULL) is harmless. */
    c = coro_create(empty, NULL, 0);
    CHECK(c && coro_resume(c) == 0 && coro_done(c));
    coro_free(c);
    coro_free(NULL);

    /* Stack sizes: too small is refused; the default fits 8 KiB. */
    errno = 0;
    CHECK(coro_create(empty, NULL, 100) == NULL && errno == EINVAL);
    c = coro_create(empty, NULL, 0);
    CHECK(c != NULL);
    CHECKF(coro_footprint(c) <= 8192, "a default coroutine takes %zu bytes", coro_footprint(c));
    CHECKF(coro_footprint(c) >= CORO_STACK_DEFAULT, "footprint %zu < its stack",
           coro_footprint(c));
    coro_free(c);

    /* Freeing a suspended coroutine is allowed. */
    c = coro_create(three_steps, (void *)0, 0);
    ntrace = 0;
    CHECK(coro_resume(c) == 0 && !coro_done(c));
    coro_free(c);
}

/* Nesting: a coroutine resumes another; yields go to the right resumer. */
static struct coro *inner;

static void inner_fn(void *arg)
{
    (void)arg;
    trace[ntrace++] = 2;
    coro_yield();
    trace[ntrace++] = 4;
}

static void outer_fn(void *arg)
{
    (void)arg;
    trace[ntrace++] = 1;
    coro_resume(inner);                 /* runs inner until its yield */
    trace[ntrace++] = 3;
    coro_yield();                       /* back to main */
    coro_resume(inner);                 /* inner finishes */
    trace[ntrace++] = coro_self() == NULL ? -1 : 5;
}

static void test_nesting(void)
{
    ntrace = 0;
    inner = coro_create(inner_fn, NULL, 0);
    struct coro *outer = coro_create(outer_fn, NULL, 0);
    CHECK(inner && outer);
    CHECK(coro_resume(outer) == 0);
    CHECK(ntrace == 3 && !coro_done(outer) && !coro_done(inner));
    CHECK(coro_resume(outer) == 0);
    CHECK(coro_done(outer) && coro_done(inner));
    for (int i = 0; i < 5; i++)
        CHECKF(trace[i] == i + 1, "step %d: %d", i, trace[i]);
    coro_free(inner);
    coro_free(outer);
}

/* Each coroutine keeps its own callee-saved FPU control state. */
static unsigned get_mxcsr(void)
{
    unsigned v;
    __asm__ volatile("stmxcsr %0" : "=m"(v));
    return v;
}

static void set_mxcsr(unsigned v)
{
    __asm__ volatile("ldmxcsr %0" : : "m"(v));
}

static unsigned short get_fpucw(void)
{
    unsigned short v;
    __asm__ volatile("fnstcw %0" : "=m"(v));
    return v;
}

static void set_fpucw(unsigned short v)
{
    __asm__ volatile("fldcw %0" : : "m"(v));
}

static unsigned coro_mxcsr[2];
static unsigned short coro_cw[2];

static void rounding_fn(void *arg)
{
    (void)arg;
    set_mxcsr((get_mxcsr() & ~0x6000u) | 0x6000u);     /* round toward zero */
    set_fpucw((unsigned short)((get_fpucw() & ~0x0c00) | 0x0c00));
    coro_mxcsr[0] = get_mxcsr();
    coro_cw[0] = get_fpucw();
    coro_yield();
    coro_mxcsr[1] = get_mxcsr();
    coro_cw[1] = get_fpucw();
}

static void test_fpu_control_saved(void)
{
    unsigned m0 = get_mxcsr();
    unsigned short c0 = get_fpucw();
    struct coro *c = coro_create(rounding_fn, NULL, 0);
    CHECK(c && coro_resume(c) == 0);
    CHECKF(get_mxcsr() == m0 && get_fpucw() == c0, "the coroutine's rounding mode leaked out");
    CHECK(coro_resume(c) == 0 && coro_done(c));
    CHECKF(coro_mxcsr[1] == coro_mxcsr[0] && coro_cw[1] == coro_cw[0],
           "the coroutine lost its rounding mode across a yield");
    CHECK(get_mxcsr() == m0 && get_fpucw() == c0);
    coro_free(c);
}

/* A bigger stack on request; deep recursion fits. */
static int depth(int n)
{
    volatile char pad[64];
    pad[0] = (char)n;
    return n == 0 ? 0 : depth(n - 1) + 1 + (pad[0] & 0);
}

static void recurse_fn(void *arg)
{
    *(int *)arg = depth(500);           /* ~50 KiB of stack */
}

static void test_big_stack(void)
{
    int result = 0;
    struct coro *c = coro_create(recurse_fn, &result, 256 * 1024);
    CHECK(c && coro_resume(c) == 0 && coro_done(c));
    CHECK(result == 500);
    coro_free(c);
}

/* Overflowing the stack is caught at the next switch (the canary). */
static int fill_deep(int n)
{
    volatile char pad[256];
    for (size_t i = 0; i < sizeof pad; i++)     /* every byte: no gaps */
        pad[i] = (char)n;
    return n == 0 ? 0 : fill_deep(n - 1) + pad[7];
}

static void small_overflow(void *arg)
{
    (void)arg;
    fill_deep(12);                      /* ~3.5 KiB on a 2 KiB stack */
    coro_yield();
}

static void test_overflow_detected(void)
{
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        close(2);                       /* keep the message out of the log */
        struct coro *c = coro_create(small_overflow, NULL, 2048);
        coro_resume(c);
        _exit(0);
    }
    int status;
    CHECK(waitpid(pid, &status, 0) == pid);
    CHECKF(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT, "status %#x", status);
}

/* ---- claims C1 and C2 ------------------------------------------------------- */

enum { SWITCHES = 1000000 };
static long pings;

static void pinger(void *arg)
{
    long *count = arg;
    for (;;) {
        (*count)++;
        coro_yield();
    }
}

static void test_million_switches_no_syscalls(void)
{
    long a_count = 0, b_count = 0;
    struct coro *a = coro_create(pinger, &a_count, 0);
    struct coro *b = coro_create(pinger, &b_count, 0);
    CHECK(a && b);
    /* Each resume is two switches: into the coroutine, and back at its
     * yield. A and B take turns: a ping-pong between two coroutines
     * through their resumer. First timed (clock_gettime is a system call
     * on weft, so it stays outside the counted run)... */
    long long t0 = now_ns();
    for (int i = 0; i < SWITCHES / 4; i++) {
        coro_resume(a);
        coro_resume(b);
    }
    long long t1 = now_ns();
    /* ... then counted: the same loop between two reads of the counter,
     * against two reads with nothing between them. */
    int weft = on_weft();
    long long sys0 = 0, sys1 = 0, base0 = 0, base1 = 0;
    if (weft) {
        t_weft_counter("syscalls");                 /* warm up: fopen's buffers */
        base0 = t_weft_counter("syscalls");         /* what measuring itself costs */
        base1 = t_weft_counter("syscalls");
        sys0 = t_weft_counter("syscalls");
    }
    for (int i = 0; i < SWITCHES / 4; i++) {
        coro_resume(a);
        coro_resume(b);
    }
    if (weft)
        sys1 = t_weft_counter("syscalls");
    pings = a_count + b_count;
    CHECK(pings == SWITCHES);
    long long ns = t1 - t0;
    printf("note: %d coroutine switches in %lld.%03lld ms: %lld.%01lld ns per switch\n",
           SWITCHES, ns / 1000000, ns / 1000 % 1000, ns / SWITCHES, ns * 10 / SWITCHES % 10);
    if (weft) {
        long long measure = base1 - base0, during = sys1 - sys0;
        printf("note: syscalls: %lld across the loop, %lld for a bare measurement\n", during,
               measure);
        CHECKF(during <= measure, "%lld system calls during %d coroutine switches (measuring "
               "costs %lld)", during, SWITCHES, measure);
    } else {
        printf("note: no /proc/weft (not on weft): syscall counter not checked\n");
    }
    coro_free(a);
    coro_free(b);
}

static void step_twice(void *arg)
{
    (*(int *)arg)++;
    coro_yield();
    (*(int *)arg)++;
}

static void test_ten_thousand(void)
{
    enum { N = 10000 };
    static struct coro *c[N];
    static int counts[N];
    char *heap0 = sbrk(0);
    for (int i = 0; i < N; i++) {
        counts[i] = 0;
        c[i] = coro_create(step_twice, &counts[i], 0);
        CHECKF(c[i] != NULL, "coroutine %d: %s", i, strerror(errno));
    }
    char *heap1 = sbrk(0);
    size_t each = coro_footprint(c[0]);
    for (int i = 0; i < N; i++)                 /* all 10,000 alive and suspended */
        CHECK(coro_resume(c[i]) == 0);
    for (int i = 0; i < N; i++)
        CHECK(coro_resume(c[i]) == 0 && coro_done(c[i]));
    for (int i = 0; i < N; i++) {
        CHECKF(counts[i] == 2, "coroutine %d ran %d steps", i, counts[i]);
        coro_free(c[i]);
    }
    long grown = heap1 - heap0;
    printf("note: %d coroutines: %zu bytes each, heap grew by %ld KiB (%ld bytes each)\n", N,
           each, grown / 1024, grown / N);
    CHECKF(each <= 8192, "%zu bytes per coroutine", each);
    CHECKF(grown <= (long)N * 8192 + 128 * 1024, "the heap grew by %ld bytes", grown);
}

int main(int argc, char **argv)
{
    T_INIT("coro", argc, argv);
    RUN(test_resume_yield);
    RUN(test_edge_cases);
    RUN(test_nesting);
    RUN(test_fpu_control_saved);
    RUN(test_big_stack);
    RUN(test_overflow_detected);
    RUN(test_million_switches_no_syscalls);
    RUN(test_ten_thousand);
    return T_DONE();
}
