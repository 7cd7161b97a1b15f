/*
 * bench: how much things cost, in one portable program.
 *
 *      bench [NAME ...]        run all benchmarks, or only those named
 *
 * It builds and runs unchanged on weft, on Linux with glibc and with musl
 * (gcc -O2 -pthread bench.c), so the same code measures both kernels in
 * the same QEMU. Each figure is the median over ROUNDS rounds, after one
 * warm-up round that is thrown away (QEMU translates code the first time
 * it runs it). One line per figure:
 *
 *      bench NAME NS TICKS
 *
 * NS is nanoseconds per operation (CLOCK_MONOTONIC), TICKS is TSC ticks
 * per operation (rdtsc). Memory figures print bytes in the NS column and
 * 0 ticks; bandwidth figures print MB/s. Run it on Linux too:
 *
 *      gcc -O2 -pthread user/bench/bench.c -o bench && ./bench
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ROUNDS 7

static uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Run fn(iters) ROUNDS+1 times, drop the first, print the medians per op. */
static void measure(const char *name, void (*fn)(long), long iters, long ops_per_iter)
{
    uint64_t ns[ROUNDS], ticks[ROUNDS];
    fn(iters);                                  /* warm-up */
    for (int r = 0; r < ROUNDS; r++) {
        uint64_t t0 = now_ns(), c0 = rdtsc();
        fn(iters);
        ticks[r] = (rdtsc() - c0) / (uint64_t)(iters * ops_per_iter);
        ns[r] = (now_ns() - t0) / (uint64_t)(iters * ops_per_iter);
    }
    qsort(ns, ROUNDS, sizeof ns[0], cmp_u64);
    qsort(ticks, ROUNDS, sizeof ticks[0], cmp_u64);
    printf("bench %-20s %10llu %10llu\n", name, (unsigned long long)ns[ROUNDS / 2],
           (unsigned long long)ticks[ROUNDS / 2]);
    fflush(stdout);
}

/* --- null system call ------------------------------------------------- */
static void b_syscall(long n)
{
    for (long i = 0; i < n; i++)
        syscall(SYS_getpid);                    /* not cached by any libc */
}

/* --- thread and process switches: ping-pong over two pipes ------------ */
static int ping[2], pong[2];

static void *ponger(void *arg)
{
    long n = (long)arg;
    char c;
    for (long i = 0; i < n; i++) {
        if (read(ping[0], &c, 1) != 1 || write(pong[1], &c, 1) != 1)
            break;
    }
    return NULL;
}

static void pingpong(long n)
{
    char c = 'x';
    for (long i = 0; i < n; i++) {
        if (write(ping[1], &c, 1) != 1 || read(pong[0], &c, 1) != 1)
            break;
    }
}

/* One round trip is two switches: ping -> pong -> ping. */
static void b_thread_switch(long n)
{
    pthread_t t;
    pthread_create(&t, NULL, ponger, (void *)n);
    pingpong(n);
    pthread_join(t, NULL);
}

static void b_process_switch(long n)
{
    pid_t pid = fork();
    if (pid == 0) {
        ponger((void *)n);
        _exit(0);
    }
    pingpong(n);
    waitpid(pid, NULL, 0);
}

/* --- coroutine switch: a user-mode context switch --------------------- */
/* Save callee-saved registers and rsp in *from, load them from to. No
 * system call: this is all a coroutine switch is (claim C2). Written
 * here rather than taken from a library so that the same code runs on
 * every libc. */
__asm__(".text\n"
        ".globl bench_swap\n"
        "bench_swap:\n"
        "  pushq %rbp\n  pushq %rbx\n  pushq %r12\n  pushq %r13\n  pushq %r14\n  pushq %r15\n"
        "  movq %rsp, (%rdi)\n"                 /* *from = rsp */
        "  movq %rsi, %rsp\n"                   /* rsp = to */
        "  popq %r15\n  popq %r14\n  popq %r13\n  popq %r12\n  popq %rbx\n  popq %rbp\n"
        "  ret\n");
void bench_swap(void **from, void *to);

static void *main_ctx, *coro_ctx;

static void coro_body(void)
{
    for (;;)
        bench_swap(&coro_ctx, main_ctx);        /* back to main, forever */
}

static void b_coro_switch(long n)
{
    static char stack[16384] __attribute__((aligned(16)));
    /* A fresh context: six zero registers, then coro_body as the return
     * address (with a 16-byte aligned stack at its entry). */
    uint64_t *sp = (uint64_t *)(stack + sizeof stack) - 2;
    sp[0] = (uint64_t)coro_body;
    sp -= 6;
    memset(sp, 0, 6 * sizeof *sp);
    coro_ctx = sp;
    for (long i = 0; i < n; i++)
        bench_swap(&main_ctx, coro_ctx);        /* two switches per iteration */
}

/* --- creation ---------------------------------------------------------- */
static void *nothing(void *arg)
{
    return arg;
}

static void b_thread_create(long n)
{
    for (long i = 0; i < n; i++) {
        pthread_t t;
        pthread_create(&t, NULL, nothing, NULL);
        pthread_join(t, NULL);
    }
}

static void b_fork(long n)
{
    for (long i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid == 0)
            _exit(0);
        waitpid(pid, NULL, 0);
    }
}

static void b_exec(long n)
{
    for (long i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            char *argv[] = { "true", NULL };
            execv("/bin/true", argv);
            _exit(127);
        }
        waitpid(pid, NULL, 0);
    }
}

/* fork of a process with 16 MiB touched: copy-on-write makes this cost
 * page tables, not 4096 page copies (boot weft with fork=copy to compare). */
static char *big;
#define BIG (16 << 20)
static void b_fork16m(long n)
{
    if (!big) {
        big = mmap(NULL, BIG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        memset(big, 1, BIG);
    }
    b_fork(n);
}

/* --- page faults ------------------------------------------------------- */
#define FAULT_PAGES 256
static void b_fault(long n)
{
    for (long i = 0; i < n; i++) {
        char *p = mmap(NULL, FAULT_PAGES * 4096, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        for (int k = 0; k < FAULT_PAGES; k++)
            p[k * 4096] = 1;                    /* one demand-zero fault each */
        munmap(p, FAULT_PAGES * 4096);
    }
}

/* --- read() vs mmap() of a 4 MiB file --------------------------------- */
#define FILE_SIZE (4 << 20)
static const char *bench_file = "/tmp/bench.dat";
static volatile uint64_t sink;

static void make_file(void)
{
    int fd = open(bench_file, O_CREAT | O_TRUNC | O_WRONLY, 0644);
    char *buf = malloc(65536);
    memset(buf, 7, 65536);
    for (int i = 0; i < FILE_SIZE / 65536; i++)
        if (write(fd, buf, 65536) != 65536)
            break;
    free(buf);
    close(fd);
}

static void b_read(long n)
{
    static char buf[65536];
    for (long i = 0; i < n; i++) {
        int fd = open(bench_file, O_RDONLY);
        uint64_t sum = 0;
        ssize_t r;
        while ((r = read(fd, buf, sizeof buf)) > 0)
            for (ssize_t k = 0; k < r; k += 4096)
                sum += (unsigned char)buf[k];
        close(fd);
        sink = sum;
    }
}

static void b_mmap(long n)
{
    for (long i = 0; i < n; i++) {
        int fd = open(bench_file, O_RDONLY);
        unsigned char *p = mmap(NULL, FILE_SIZE, PROT_READ, MAP_PRIVATE, fd, 0);
        uint64_t sum = 0;
        for (long k = 0; k < FILE_SIZE; k += 4096)
            sum += p[k];                        /* the page cache's own page */
        munmap(p, FILE_SIZE);
        close(fd);
        sink = sum;
    }
}

/* Bandwidth: print MB/s for a whole-file pass. */
static void bandwidth(const char *name, void (*fn)(long))
{
    uint64_t ns[ROUNDS];
    fn(1);
    for (int r = 0; r < ROUNDS; r++) {
        uint64_t t0 = now_ns();
        fn(1);
        ns[r] = now_ns() - t0;
    }
    qsort(ns, ROUNDS, sizeof ns[0], cmp_u64);
    uint64_t mbs = (uint64_t)FILE_SIZE * 1000 / (ns[ROUNDS / 2] ? ns[ROUNDS / 2] : 1);
    printf("bench %-20s %10llu %10d   MB/s\n", name, (unsigned long long)mbs, 0);
}

/* --- memory at rest ------------------------------------------------------ */
/* Free memory from /proc/meminfo (weft fills MemFree from its frame
 * allocator, so the figures are exact there; on Linux they are
 * approximate: other activity moves MemFree too). */
static long mem_free_kb(void)
{
    FILE *f = fopen("/proc/meminfo", "r");
    char line[128];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "MemFree: %ld kB", &kb) == 1)
            break;
    if (f)
        fclose(f);
    return kb;
}

static void print_mem(const char *name, long bytes)
{
    printf("bench %-20s %10ld %10d   bytes\n", name, bytes, 0);
    fflush(stdout);
}

/* A process at rest: a cat waiting for input on a pipe. Everything it
 * costs (page tables, kernel structures, touched pages) leaves MemFree. */
static void run_mem_process(void)
{
    int p[2];
    if (pipe(p) < 0)
        return;
    long before = mem_free_kb();
    pid_t pid = fork();
    if (pid == 0) {
        dup2(p[0], 0);
        close(p[0]), close(p[1]);
        execl("/bin/cat", "cat", (char *)NULL);
        _exit(127);
    }
    usleep(300000);                             /* let it reach its read() */
    long after = mem_free_kb();
    print_mem("mem_process_at_rest", (before - after) * 1024);
    close(p[0]), close(p[1]);
    waitpid(pid, NULL, 0);
}

static pthread_mutex_t rest_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t rest_cond = PTHREAD_COND_INITIALIZER;
static int rest_go;

static void *rest(void *arg)
{
    pthread_mutex_lock(&rest_lock);
    while (!rest_go)
        pthread_cond_wait(&rest_cond, &rest_lock);
    pthread_mutex_unlock(&rest_lock);
    return arg;
}

/* A thread at rest: kernel stack and structures plus the pages its user
 * stack touched (the 8 MiB reservation costs nothing until touched). */
static void run_mem_thread(void)
{
    enum { N = 32 };
    pthread_t t[N];
    long before = mem_free_kb();
    for (int i = 0; i < N; i++)
        pthread_create(&t[i], NULL, rest, NULL);
    usleep(200000);
    long after = mem_free_kb();
    print_mem("mem_per_thread", (before - after) * 1024 / N);
    pthread_mutex_lock(&rest_lock);
    rest_go = 1;
    pthread_cond_broadcast(&rest_cond);
    pthread_mutex_unlock(&rest_lock);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    rest_go = 0;
}

/* A coroutine: its stack and context, all in user memory (4 KiB stack). */
static void run_mem_coro(void)
{
    enum { N = 10000, STACK = 4096 };
    long before = mem_free_kb();
    void **stacks = malloc(N * sizeof *stacks);
    for (int i = 0; i < N; i++) {
        stacks[i] = malloc(STACK);
        memset(stacks[i], 0, STACK);            /* as if it had run */
    }
    long after = mem_free_kb();
    print_mem("mem_per_coroutine", (before - after) * 1024 / N);
    for (int i = 0; i < N; i++)
        free(stacks[i]);
    free(stacks);
}

struct bench {
    const char *name;
    void (*run)(void);
};

static void run_syscall(void) { measure("null_syscall", b_syscall, 2000, 1); }
static void run_tswitch(void)
{
    pipe(ping), pipe(pong);
    measure("thread_switch", b_thread_switch, 200, 2);
    close(ping[0]), close(ping[1]), close(pong[0]), close(pong[1]);
}
static void run_pswitch(void)
{
    pipe(ping), pipe(pong);
    measure("process_switch", b_process_switch, 200, 2);
    close(ping[0]), close(ping[1]), close(pong[0]), close(pong[1]);
}
static void run_coro(void) { measure("coroutine_switch", b_coro_switch, 200000, 2); }
static void run_tcreate(void) { measure("thread_create_join", b_thread_create, 50, 1); }
static void run_fork(void) { measure("fork_exit_wait", b_fork, 20, 1); }
static void run_exec(void) { measure("fork_exec_wait", b_exec, 10, 1); }
static void run_fork16m(void) { measure("fork_16m_touched", b_fork16m, 5, 1); }
static void run_fault(void) { measure("page_fault", b_fault, 4, FAULT_PAGES); }
static void run_files(void)
{
    make_file();
    bandwidth("read_4m", b_read);
    bandwidth("mmap_4m", b_mmap);
    unlink(bench_file);
}

static const struct bench benches[] = {
    { "null_syscall", run_syscall },     { "thread_switch", run_tswitch },
    { "process_switch", run_pswitch },   { "coroutine_switch", run_coro },
    { "thread_create_join", run_tcreate }, { "fork_exit_wait", run_fork },
    { "fork_exec_wait", run_exec },      { "fork_16m_touched", run_fork16m },
    { "page_fault", run_fault },         { "read_mmap", run_files },
    { "mem_process", run_mem_process },  { "mem_thread", run_mem_thread },
    { "mem_coroutine", run_mem_coro },
};

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("bench %-20s %10s %10s\n", "NAME", "NS", "TICKS");
    for (size_t i = 0; i < sizeof benches / sizeof benches[0]; i++) {
        int want = argc == 1;
        for (int a = 1; a < argc; a++)
            want |= strcmp(argv[a], benches[i].name) == 0;
        if (want)
            benches[i].run();
    }
    return 0;
}
