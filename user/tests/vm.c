/*
 * vm.c: the address space as a program sees it (claims A1-A3).
 *
 *   cow_*          fork is copy-on-write: reads share, writes copy, frames
 *                  come back when both sides are gone
 *   *_demand_zero  bss, malloc and mmap memory is zero and costs nothing
 *                  until touched
 *   demo_*         /bin/addrspace, /bin/bsssize and /bin/pmap
 *
 * Elsewhere: the heap and the stack in vm_grow.c, mmap/munmap/mprotect in
 * vm_mmap.c, file mappings in vm_file.c, text sharing and bad addresses
 * in vm_text.c, frame-leak loops in vm_leak.c.
 *
 * What the kernel tells us comes from /proc/self/status (VmRSS),
 * stat (minflt, field 10), pagemap (bit 63 = present) and /proc/weft
 * (free_frames). The program also runs on Linux (checks that need
 * /proc/weft are skipped there); VM_BIN=dir says where the demos are when
 * they are not in /bin.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "t.h"
#include "t_child.h"
#include "t_mem.h"
#include "t_run.h"

static void note(const char *what)
{
    printf("note: %s\n", what);
}

/* For in_child: nothing at all. */
static void nothing(uintptr_t arg)
{
    (void)arg;
}

/* --- Copy-on-write fork --------------------------------------------------- */

#define NPG 64
static char cow_pages[NPG * PAGE] __attribute__((aligned(4096)));
static int cow_global = 1;

static void test_cow_writes_are_private(void)
{
    int *heap = malloc(sizeof *heap);       /* small: from the brk heap */
    CHECK(heap);
    *heap = 1;
    int to_parent[2], to_child[2];
    CHECK(pipe(to_parent) == 0 && pipe(to_child) == 0);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char c;
        cow_global = 2;
        *heap = 2;
        write(to_parent[1], "w", 1);        /* "I wrote" */
        read(to_child[0], &c, 1);           /* "so did I" */
        _exit(cow_global == 2 && *heap == 2 ? 0 : 1);
    }
    char c;
    CHECK(read(to_parent[0], &c, 1) == 1);
    CHECKF(cow_global == 1 && *heap == 1, "the child's writes show in the parent: %d %d",
           cow_global, *heap);
    cow_global = 3;
    *heap = 3;
    write(to_child[1], "w", 1);
    int st = reap(pid);
    CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 0,
           "the parent's writes show in the child (status %#x)", st);
    for (int i = 0; i < 2; i++)
        close(to_parent[i]), close(to_child[i]);
    free(heap);
}

/* The child reads 64 pages the parent owns, then writes them, counting
 * its minor faults: reading must not copy, each write copies one page. */
static void test_cow_reads_share_writes_copy(void)
{
    for (int i = 0; i < NPG; i++)
        cow_pages[i * PAGE] = 1;
    int fds[2];
    CHECK(pipe(fds) == 0);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        minflt();                           /* its buffer and stack: copied now */
        long m0 = minflt(), sum = 0;
        for (int i = 0; i < NPG; i++)
            sum += ((volatile char *)cow_pages)[i * PAGE + 100];
        long m1 = minflt();
        for (int i = 0; i < NPG; i++)
            cow_pages[i * PAGE] = 2;
        long m2 = minflt();
        long d[3] = { m1 - m0, m2 - m1, sum };
        write(fds[1], d, sizeof d);
        _exit(0);
    }
    long d[3];
    CHECK(read(fds[0], d, sizeof d) == sizeof d);
    reap(pid);
    close(fds[0]);
    close(fds[1]);
    CHECKF(d[0] >= 0 && d[0] <= 2, "reading %d shared pages took %ld page faults", NPG, d[0]);
    CHECKF(d[1] >= NPG - 2 && d[1] <= NPG + 4,
           "writing %d shared pages took %ld page faults, not about one each", NPG, d[1]);
    for (int i = 0; i < NPG; i++)
        CHECKF(cow_pages[i * PAGE] == 1, "page %d: the parent sees the child's write", i);
}

/* Frames: the child's copies are extra frames while it lives, and every
 * frame comes back once both are gone. Tolerance: 8 frames (32 KiB) for
 * the kernel's own small allocations. weft only (/proc/weft). */
#define FRAME_SLACK 8

static void test_cow_frames_freed(void)
{
    if (!on_weft())
        return note("no /proc/weft (not weft): free_frames checks skipped");
    for (int i = 0; i < NPG; i++)
        cow_pages[i * PAGE] = 1;
    /* The pipes first: a pipe's buffer is frames too (16 of them). */
    int to_parent[2], to_child[2];
    CHECK(pipe(to_parent) == 0 && pipe(to_child) == 0);
    int st = in_child(nothing, 0);          /* warm-up: the kernel's caches fill */
    CHECK(WIFEXITED(st));
    long long base = t_weft_counter("free_frames");
    CHECK(base > 0);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char c;
        for (int i = 0; i < NPG; i++)
            cow_pages[i * PAGE] = 2;
        write(to_parent[1], "w", 1);
        read(to_child[0], &c, 1);
        _exit(0);
    }
    char c;
    CHECK(read(to_parent[0], &c, 1) == 1);
    long long during = t_weft_counter("free_frames");
    write(to_child[1], "x", 1);
    reap(pid);
    long long after = t_weft_counter("free_frames");
    for (int i = 0; i < 2; i++)
        close(to_parent[i]), close(to_child[i]);
    CHECKF(base - during >= NPG, "the child wrote %d pages but only %lld frames went", NPG,
           base - during);
    CHECKF(after >= base - FRAME_SLACK, "%lld frames not freed after the child exited",
           base - after);
}

/* Once the child is gone the parent is the pages' last owner: writing
 * still faults (the entries are read-only), but nothing is copied. */
static void test_cow_last_owner_keeps_page(void)
{
    for (int i = 0; i < NPG; i++)
        cow_pages[i * PAGE] = 1;
    int st = in_child(nothing, 0);
    CHECK(WIFEXITED(st));
    long long f0 = t_weft_counter("free_frames");
    minflt();
    long m0 = minflt();
    for (int i = 0; i < NPG; i++)
        cow_pages[i * PAGE] = 3;
    long m1 = minflt();
    long long f1 = t_weft_counter("free_frames");
    CHECKF(m1 - m0 >= NPG - 2, "writing %d pages after the child left: %ld faults", NPG, m1 - m0);
    if (f0 >= 0)
        CHECKF(f0 - f1 < FRAME_SLACK, "the last owner copied its pages: %lld frames used",
               f0 - f1);
}

/* --- Demand-zero memory --------------------------------------------------- */

/* Touch (read, then write) 16 pages spread over buf; VmRSS must grow by
 * about those 16 pages, and a page between them must stay absent. */
#define TOUCHED 16
static void demand_zero(char *buf, size_t size, int check_zero)
{
    size_t stride = size / TOUCHED;
    long long faults0 = t_weft_counter("page_faults");
    long rss0 = status_kb("VmRSS:");
    CHECK(rss0 > 0);
    CHECKF(!PRESENT(pagemap(buf + PAGE)), "an untouched page is already present");
    for (int i = 0; i < TOUCHED; i++) {
        if (check_zero)
            CHECKF(buf[i * stride] == 0, "byte %zu is %d", i * stride, buf[i * stride]);
        buf[i * stride] = 1;
    }
    long rss1 = status_kb("VmRSS:");
    long long faults1 = t_weft_counter("page_faults");
    CHECKF(faults0 < 0 || faults1 - faults0 >= TOUCHED,
           "/proc/weft counted %lld page faults for %d pages", faults1 - faults0, TOUCHED);
    CHECKF(rss1 - rss0 >= TOUCHED * 4 && rss1 - rss0 <= TOUCHED * 4 + 32,
           "VmRSS grew by %ld kB after touching %d pages (%d kB)", rss1 - rss0, TOUCHED,
           TOUCHED * 4);
    CHECKF(PRESENT(pagemap(buf)), "a touched page is not present");
    CHECKF(!PRESENT(pagemap(buf + PAGE)), "the page after it came in too");
    if (check_zero)
        for (size_t i = 0; i < size; i++)
            CHECKF(buf[i] == (i % stride == 0 && i / stride < TOUCHED), "byte %zu is %d", i,
                   buf[i]);
}

static char zero_bss[4 << 20] __attribute__((aligned(4096)));
static char small_bss[200];     /* likely in the page the file's .data ends in */

static void test_bss_demand_zero(void)
{
    for (size_t i = 0; i < sizeof small_bss; i++)
        CHECKF(small_bss[i] == 0, "small_bss[%zu] is %d", i, small_bss[i]);
    demand_zero(zero_bss, sizeof zero_bss, 1);
}

static void test_malloc_demand_zero(void)
{
    char *p = malloc(4 << 20);              /* large: its own mmap */
    CHECK(p);
    demand_zero((char *)(((uintptr_t)p + PAGE) & ~(PAGE - 1)), 2 << 20, 0);
    free(p);
}

static void test_mmap_demand_zero(void)
{
    char *p = mmap(NULL, 4 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    demand_zero(p, 4 << 20, 1);
    munmap(p, 4 << 20);
}

/* --- The demos ------------------------------------------------------------ */

static char out[16384];

/* Run a program with stdout and stderr into out; its wait status. */
static int run_capture(const char *prog, const char *arg)
{
    char path[256];
    const char *dir = getenv("VM_BIN");
    snprintf(path, sizeof path, "%s/%s", dir ? dir : "/bin", prog);
    char *argv[] = { path, (char *)arg, NULL };
    return capture(path, argv, environ, CAPTURE_STDERR, out, sizeof out);
}

static void test_demo_addrspace(void)
{
    int st = run_capture("addrspace", NULL);
    CHECKF(EXITED_OK(st) && strstr(out, "addrspace: all six are where the picture says"),
           "addrspace (status %#x) said: %.300s", st, out);
}

static void test_demo_bsssize(void)
{
    int st = run_capture("bsssize", NULL);
    CHECKF(EXITED_OK(st) && strstr(out, "bsssize: ok"), "bsssize (status %#x) said: %.300s",
           st, out);
}

static void test_demo_pmap(void)
{
    char *p = malloc(100);                  /* there is a heap to show */
    CHECK(p);
    p[0] = 1;
    char pid[16];
    snprintf(pid, sizeof pid, "%d", getpid());
    int st = run_capture("pmap", pid);
    free(p);
    CHECKF(EXITED_OK(st), "pmap %s: status %#x: %.300s", pid, st, out);
    CHECKF(strstr(out, "Address") && strstr(out, "RSS") && strstr(out, "Mode"),
           "no header: %.300s", out);
    CHECKF(strstr(out, "[heap]") && strstr(out, "[stack]"), "no [heap] and [stack]: %.500s",
           out);
    CHECKF(strstr(out, "total"), "no total line: %.500s", out);
    CHECKF(strstr(out, "r-x--"), "no r-x-- (text) line: %.500s", out);

    st = run_capture("pmap", "nonsense");
    CHECKF(WIFEXITED(st) && WEXITSTATUS(st) != 0 && strstr(out, "usage: pmap PID"),
           "pmap nonsense: status %#x: %.200s", st, out);
}

int main(int argc, char **argv)
{
    T_INIT("vm", argc, argv);
    RUN(test_cow_writes_are_private);
    RUN(test_cow_reads_share_writes_copy);
    RUN(test_cow_frames_freed);
    RUN(test_cow_last_owner_keeps_page);
    RUN(test_bss_demand_zero);
    RUN(test_malloc_demand_zero);
    RUN(test_mmap_demand_zero);
    RUN(test_demo_addrspace);
    RUN(test_demo_bsssize);
    RUN(test_demo_pmap);
    return T_DONE();
}
