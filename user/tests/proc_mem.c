/*
 * proc_mem.c: a process's memory at its simplest: brk moves the end of
 * the heap up and down (new pages are zero, cut ones are gone), and
 * anonymous mmap/munmap. (The address space in depth: vm*.c.)
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "t.h"
#include "t_child.h"

/* Does touching p kill a child with SIGSEGV? */
static int segfaults(volatile char *p, int write)
{
    int st = in_child(write ? write_to : read_from, (uintptr_t)p);
    return KILLED_BY(st, SIGSEGV);
}

static void test_brk_up_and_down(void)
{
    uintptr_t cur = (uintptr_t)syscall(SYS_brk, 0);
    CHECK(cur > 0 && cur < 0x00007ffffffff000ul);
    uintptr_t base = (cur + 4095) & ~4095ul;    /* the first whole page above */
    CHECK((uintptr_t)syscall(SYS_brk, base + 65536) == base + 65536);
    CHECK((uintptr_t)syscall(SYS_brk, 0) == base + 65536);
    char *p = (char *)base;
    for (int i = 0; i < 65536; i++)
        CHECKF(p[i] == 0, "new heap byte %d is %d", i, p[i]);
    memset(p, 0xab, 65536);
    /* Down to one page: the rest is gone. */
    CHECK((uintptr_t)syscall(SYS_brk, base + 4096) == base + 4096);
    CHECK((unsigned char)p[4095] == 0xab);
    CHECK(segfaults(p + 8192, 0));
    CHECK(!segfaults(p + 100, 1));
    /* Up again: fresh zero pages, not the old contents. */
    CHECK((uintptr_t)syscall(SYS_brk, base + 65536) == base + 65536);
    CHECKF(p[8192] == 0 && p[65535] == 0, "regrown heap holds old bytes");
    /* A request into the kernel half fails: brk stays. */
    CHECK((uintptr_t)syscall(SYS_brk, 0xffff800000000000ul) == base + 65536);
    CHECK((uintptr_t)syscall(SYS_brk, cur) == cur);
}

static void test_mmap_anonymous(void)
{
    char *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    CHECK(((uintptr_t)p & 4095) == 0);
    for (int i = 0; i < 3 * 4096; i++)
        CHECKF(p[i] == 0, "new page byte %d is %d", i, p[i]);
    memset(p, 0x5a, 3 * 4096);
    CHECK(munmap(p + 4096, 4096) == 0);
    CHECK(segfaults(p + 4096, 0));
    CHECK(p[0] == 0x5a && p[2 * 4096] == 0x5a && p[3 * 4096 - 1] == 0x5a);
    CHECK(munmap(p, 3 * 4096) == 0);            /* a hole inside is fine */
    CHECK(segfaults(p, 0));
    CHECK(segfaults(p + 2 * 4096, 0));
    /* Read-only mapping: reading is fine, writing faults. */
    char *r = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(r != MAP_FAILED);
    CHECK(r[10] == 0);
    CHECK(segfaults(r, 1));
    CHECK(munmap(r, 4096) == 0);
    /* Bad arguments. */
    errno = 0;
    CHECK(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED &&
          errno == EINVAL);
    errno = 0;
    CHECK(munmap((void *)0x1001, 4096) == -1 && errno == EINVAL);
}

int main(int argc, char **argv)
{
    T_INIT("proc_mem", argc, argv);
    RUN(test_brk_up_and_down);
    RUN(test_mmap_anonymous);
    return T_DONE();
}
