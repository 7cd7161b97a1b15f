/*
 * vm_grow.c: the two regions that grow. The heap grows up (claim A4): brk
 * and sbrk move its end, and [heap] in /proc/self/maps follows, shrinking
 * too. The stack grows down (claim A6): page by page as a deep recursion
 * touches it, up to 8 MiB (RLIMIT_STACK's default, weft's fixed limit),
 * after which the process dies of SIGSEGV.
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

/* --- What /proc/self/maps says ----------------------------------------- */

struct region {
    unsigned long start, end;
    char perms[5];
    char name[128];
};

/* Find in a copy of /proc/PID/maps the region holding addr, or (addr 0)
 * the one called name. Lines: "start-end perms offset dev inode   name". */
static int maps_find(const char *maps, unsigned long addr, const char *name, struct region *r)
{
    for (const char *l = maps; *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : "") {
        char *p;
        r->start = strtoul(l, &p, 16);
        r->end = strtoul(p + 1, &p, 16);
        memcpy(r->perms, p + 1, 4);
        r->perms[4] = '\0';
        p += 5;
        for (int field = 0; field < 3; field++) {       /* offset, dev, inode */
            while (*p == ' ')
                p++;
            while (*p && *p != ' ' && *p != '\n')
                p++;
        }
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, "\n");
        n = n < sizeof r->name - 1 ? n : sizeof r->name - 1;
        memcpy(r->name, p, n);
        r->name[n] = '\0';
        if (name ? strcmp(r->name, name) == 0 : (addr >= r->start && addr < r->end))
            return 1;
    }
    return 0;
}

static char maps_buf[32768];

/* Our region holding addr (t_read_file allocates nothing: reading maps
 * never moves the heap under the brk test). */
static int region_of(const void *addr, struct region *r)
{
    return t_read_file("/proc/self/maps", maps_buf, sizeof maps_buf) > 0 &&
           maps_find(maps_buf, (unsigned long)addr, NULL, r);
}

/* Our region called name ("[heap]", "[stack]"). */
static int region_named(const char *name, struct region *r)
{
    return t_read_file("/proc/self/maps", maps_buf, sizeof maps_buf) > 0 &&
           maps_find(maps_buf, 0, name, r);
}

static char some_bss[PAGE];                /* somewhere in bss */

/* --- The heap: up --------------------------------------------------------- */

static void test_brk_grows_and_shrinks(void)
{
    const long grow = 64 * PAGE;
    char *cur = sbrk(0);
    struct region before, r;
    int had_heap = region_named("[heap]", &before);
    CHECK(region_of(some_bss, &r));
    CHECKF((unsigned long)cur >= r.end, "the break %p is below bss's end %#lx", cur, r.end);

    long data0 = status_kb("VmData:");
    char *p = sbrk(grow);
    CHECK(p == cur);
    for (long i = 0; i < grow; i += PAGE)
        p[i] = 1;
    long data1 = status_kb("VmData:");
    CHECKF(data1 - data0 >= grow / 1024, "VmData grew by %ld kB, not %ld", data1 - data0,
           grow / 1024);
    CHECKF(region_named("[heap]", &r), "no [heap] in maps after sbrk");
    CHECKF(r.start <= (uintptr_t)p && r.end >= (uintptr_t)p + grow,
           "[heap] %#lx-%#lx does not hold the new %p+%ld", r.start, r.end, p, grow);
    if (had_heap)
        CHECKF(r.start == before.start && r.end >= before.end + grow,
               "[heap] %#lx-%#lx did not grow upward from %#lx-%#lx", r.start, r.end,
               before.start, before.end);

    CHECK(sbrk(-grow) != (void *)-1);
    CHECK(sbrk(0) == cur);
    int has_heap = region_named("[heap]", &r);
    CHECKF(!has_heap || r.end <= ((uintptr_t)cur + PAGE - 1) / PAGE * PAGE,
           "[heap] still ends at %#lx after shrinking to %p", r.end, cur);
    int st = in_child(write_to, (uintptr_t)p + grow / 2);
    CHECKF(KILLED_BY(st, SIGSEGV), "touching the freed heap: status %#x, not SIGSEGV", st);

    /* The heap cannot grow into another region. */
    char *m = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(m != MAP_FAILED);
    errno = 0;
    void *r2 = sbrk(m + PAGE - cur);
    munmap(m, PAGE);
    CHECKF(r2 == (void *)-1 && errno == ENOMEM,
           "sbrk over the mapping at %p: %p, errno %d", m, r2, errno);
    CHECK(sbrk(0) == cur);
}

/* --- The stack: down ------------------------------------------------------ */

/* Recursion with 1 KiB frames; at the bottom, note where we are and what
 * maps says there. */
static char *deepest;
static char maps_at_bottom[32768], status_at_bottom[4096];

static int __attribute__((noinline)) recurse(int n)
{
    volatile char pad[1024];
    pad[0] = (char)n;
    if (n == 0) {
        deepest = (char *)pad;
        t_read_file("/proc/self/maps", maps_at_bottom, sizeof maps_at_bottom);
        t_read_file("/proc/self/status", status_at_bottom, sizeof status_at_bottom);
        return pad[0];
    }
    return recurse(n - 1) + pad[0];             /* not a tail call */
}

#define DEPTH 1024          /* about 1 MiB of stack */

static void test_stack_grows_down(void)
{
    char here;
    uintptr_t h = (uintptr_t)&here;
    struct region s0, s1;
    CHECKF(region_named("[stack]", &s0), "no [stack] in maps");
    CHECKF(s0.start <= h && h < s0.end, "a local is not in [stack]");
    CHECKF(s0.end > 0x7f0000000000ul, "[stack] ends at %#lx, not near the top", s0.end);
    recurse(DEPTH);
    CHECKF(maps_find(maps_at_bottom, 0, "[stack]", &s1), "no [stack] in maps at the bottom");
    CHECKF((uintptr_t)deepest < h - DEPTH * 1024, "the stack did not grow downward");
    CHECKF(s1.end == s0.end, "the top of [stack] moved: %#lx -> %#lx", s0.end, s1.end);
    CHECKF(s1.start <= (uintptr_t)deepest, "[stack] starts at %#lx, above the deepest "
           "frame %p", s1.start, deepest);
    /* It had room for h - s0.start bytes below us; the rest it had to grow. */
    unsigned long need = h - s0.start >= DEPTH * 1024 ? 0 : DEPTH * 1024 - (h - s0.start);
    CHECKF(s0.start - s1.start >= need, "[stack] grew by only %lu bytes, not %lu",
           s0.start - s1.start, need);
    CHECKF((uintptr_t)deepest - s1.start < 64 * 1024,
           "[stack] reaches %lu bytes below the deepest frame: not grown page by page",
           (uintptr_t)deepest - s1.start);
    /* /proc/self/status says the same: VmStk is the size of [stack]. */
    char *vmstk = strstr(status_at_bottom, "VmStk:");
    CHECKF(vmstk, "no VmStk in /proc/self/status");
    long kb = strtol(vmstk + 6, NULL, 10);
    CHECKF(kb == (long)(s1.end - s1.start) / 1024, "VmStk is %ld kB, [stack] is %lu kB", kb,
           (s1.end - s1.start) / 1024);
}

static volatile long *reached;

static int __attribute__((noinline)) grow_until_killed(char *top)
{
    volatile char pad[1024];
    pad[0] = 1;
    *reached = top - (char *)pad;
    if (*reached > (64l << 20))
        return 0;                               /* a stack without limit: give up */
    return grow_until_killed(top) + pad[0];
}

static void overflow(uintptr_t arg)
{
    (void)arg;
    struct rlimit lim = { 8 << 20, 8 << 20 };   /* weft's fixed limit, Linux's default */
    setrlimit(RLIMIT_STACK, &lim);
    char top;
    grow_until_killed(&top);
}

static void test_stack_overflow_segv(void)
{
    reached = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(reached != MAP_FAILED);
    *reached = 0;                               /* present before fork: shared */
    int st = in_child(overflow, 0);
    long mib = *reached >> 20;
    munmap((void *)reached, PAGE);
    CHECKF(KILLED_BY(st, SIGSEGV), "overflowing the stack: status %#x, not SIGSEGV", st);
    CHECKF(mib >= 7 && mib < 8, "the stack overflowed after %ld MiB, not just under 8", mib);
}

int main(int argc, char **argv)
{
    T_INIT("vm_grow", argc, argv);
    RUN(test_brk_grows_and_shrinks);
    RUN(test_stack_grows_down);
    RUN(test_stack_overflow_segv);
    return T_DONE();
}
