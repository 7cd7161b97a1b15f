/*
 * vm_mmap.c: mmap, munmap, mprotect and madvise on anonymous memory:
 * Linux's errors, splitting and merging regions, replacing them, and
 * memory shared across fork. (Files: vm_file.c.)
 *
 * Regions are counted in /proc/self/maps; faults are provoked in forked
 * children and seen as their deaths by signal.
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

#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

/* --- Helpers -------------------------------------------------------------- */

static char maps[32768];

/* How many regions of /proc/self/maps overlap [lo, hi); the permissions
 * ("rw-p") of the one holding `at` go to perms. */
static int regions_in(const void *lo, const void *hi, const void *at, char perms[5])
{
    if (t_read_file("/proc/self/maps", maps, sizeof maps) <= 0)
        return -1;
    int n = 0;
    for (char *l = maps; *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : l + strlen(l)) {
        char *p;
        uintptr_t start = strtoul(l, &p, 16), end = strtoul(p + 1, &p, 16);
        if (start < (uintptr_t)hi && (uintptr_t)lo < end)
            n++;
        if (perms && start <= (uintptr_t)at && (uintptr_t)at < end) {
            memcpy(perms, p + 1, 4);
            perms[4] = '\0';
        }
    }
    return n;
}

/* mmap's result as an errno: 0 if it mapped (and then unmaps it). */
static int mmap_errno(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    errno = 0;
    void *p = mmap(addr, len, prot, flags, fd, off);
    if (p != MAP_FAILED) {
        munmap(p, len);
        return 0;
    }
    return errno;
}

/* Three fresh read-write pages filled with 0xaa, with a free page on each
 * side so that no neighbour merges with them. */
static char *three_pages(void)
{
    char *p = mmap(NULL, 5 * PAGE, RW, ANON, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    munmap(p, PAGE);
    munmap(p + 4 * PAGE, PAGE);
    memset(p + PAGE, 0xaa, 3 * PAGE);
    return p + PAGE;
}

/* --- Errors --------------------------------------------------------------- */

static void test_mmap_errnos(void)
{
    char *free_spot = three_pages();            /* somewhere certainly free after this */
    CHECK(free_spot);
    CHECK(munmap(free_spot, 3 * PAGE) == 0);
    CHECKF(mmap_errno(free_spot + 1, PAGE, RW, ANON | MAP_FIXED, -1, 0) == EINVAL,
           "unaligned MAP_FIXED: errno %d", errno);
    CHECKF(mmap_errno(NULL, 0, RW, ANON, -1, 0) == EINVAL, "length 0: errno %d", errno);
    CHECKF(mmap_errno(NULL, PAGE, RW, MAP_ANONYMOUS, -1, 0) == EINVAL,
           "neither MAP_SHARED nor MAP_PRIVATE: errno %d", errno);
    CHECKF(mmap_errno(NULL, PAGE, RW, MAP_PRIVATE, -1, 0) == EBADF, "fd -1: errno %d", errno);
    CHECKF(mmap_errno(NULL, PAGE, RW, MAP_PRIVATE, 999, 0) == EBADF, "fd 999: errno %d",
           errno);
    int dir = open("/", O_RDONLY);
    CHECK(dir >= 0);
    CHECKF(mmap_errno(NULL, PAGE, PROT_READ, MAP_PRIVATE, dir, 0) == ENODEV,
           "mmap of a directory: errno %d", errno);
    close(dir);
    CHECKF(mmap_errno((void *)0x7ffffffff000, 2 * PAGE, RW, ANON | MAP_FIXED, -1, 0) == ENOMEM,
           "MAP_FIXED past the end of user space: errno %d", errno);

    errno = 0;
    CHECKF(munmap(free_spot + 1, PAGE) == -1 && errno == EINVAL, "unaligned munmap: errno %d",
           errno);
    errno = 0;
    CHECKF(munmap(free_spot, 0) == -1 && errno == EINVAL, "munmap of 0 bytes: errno %d", errno);
    CHECKF(munmap(free_spot, 3 * PAGE) == 0, "munmap of an unmapped range: errno %d", errno);

    errno = 0;
    CHECKF(mprotect(free_spot, PAGE, PROT_READ) == -1 && errno == ENOMEM,
           "mprotect of an unmapped range: errno %d", errno);
    errno = 0;
    CHECKF(mprotect(free_spot + 1, PAGE, PROT_READ) == -1 && errno == EINVAL,
           "unaligned mprotect: errno %d", errno);
    CHECKF(mprotect(free_spot, 0, PROT_READ) == 0, "mprotect of 0 bytes: errno %d", errno);
    errno = 0;
    CHECKF(madvise(free_spot, PAGE, MADV_DONTNEED) == -1 && errno == ENOMEM,
           "madvise of an unmapped range: errno %d", errno);

    /* A range that is only partly mapped. */
    char *p = three_pages();
    CHECK(p);
    errno = 0;
    CHECKF(mprotect(p, 4 * PAGE, PROT_READ) == -1 && errno == ENOMEM,
           "mprotect running past a mapping: errno %d", errno);
    CHECKF(munmap(p - PAGE, 5 * PAGE) == 0, "munmap over a mapping and holes: errno %d", errno);
    CHECKF(regions_in(p - PAGE, p + 4 * PAGE, NULL, NULL) == 0, "the mapping is still there");
}

/* --- Placing and replacing ------------------------------------------------ */

static void test_fixed_replaces_old_mapping(void)
{
    char *p = three_pages();
    CHECK(p);
    char *q = mmap(p + PAGE, PAGE, RW, ANON | MAP_FIXED, -1, 0);
    CHECKF(q == p + PAGE, "MAP_FIXED put it at %p, not %p", q, p + PAGE);
    for (unsigned long i = 0; i < PAGE; i++)
        CHECKF(q[i] == 0, "byte %lu of the replaced page is %#x, not 0", i, q[i] & 0xff);
    CHECKF((p[0] & 0xff) == 0xaa && (p[2 * PAGE] & 0xff) == 0xaa, "the neighbours changed");
    munmap(p, 3 * PAGE);
}

static void test_fixed_noreplace(void)
{
    char *p = three_pages();
    CHECK(p);
    CHECKF(mmap_errno(p + PAGE, PAGE, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0) == EEXIST,
           "MAP_FIXED_NOREPLACE over a mapping: errno %d", errno);
    CHECKF(mmap_errno(p + 2 * PAGE, 2 * PAGE, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0) == EEXIST,
           "MAP_FIXED_NOREPLACE half over a mapping: errno %d", errno);
    CHECKF((p[PAGE] & 0xff) == 0xaa, "the old page changed");
    char *q = mmap(p + 3 * PAGE, PAGE, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
    CHECKF(q == p + 3 * PAGE, "MAP_FIXED_NOREPLACE on a free page: %p, not %p", q, p + 3 * PAGE);
    munmap(p, 4 * PAGE);
}

/* The mmap area is placed top-down, between the heap and the stack. */
static void test_mmap_area_top_down(void)
{
    char *a = mmap(NULL, PAGE, RW, ANON, -1, 0), *b = mmap(NULL, PAGE, RW, ANON, -1, 0);
    CHECK(a != MAP_FAILED && b != MAP_FAILED);
    char here;
    CHECKF(b < a, "the second mapping %p is above the first %p", b, a);
    CHECKF(a < &here, "a mapping %p is above the stack %p", a, &here);
    CHECKF(b > (char *)sbrk(0), "a mapping %p is below the heap's end %p", b, sbrk(0));
    munmap(a, PAGE);
    munmap(b, PAGE);
}

/* --- Protection ----------------------------------------------------------- */

static void test_prot_none_segv(void)
{
    char *p = mmap(NULL, PAGE, PROT_NONE, ANON, -1, 0);
    CHECK(p != MAP_FAILED);
    int st = in_child(read_from, (uintptr_t)p);
    CHECKF(KILLED_BY(st, SIGSEGV), "reading PROT_NONE: status %#x, not SIGSEGV", st);
    st = in_child(write_to, (uintptr_t)p);
    CHECKF(KILLED_BY(st, SIGSEGV), "writing PROT_NONE: status %#x, not SIGSEGV", st);
    CHECK(mprotect(p, PAGE, RW) == 0);
    p[0] = 42;                                  /* now it is ordinary memory */
    /* Taking access away keeps the contents; giving it back shows them. */
    CHECK(mprotect(p, PAGE, PROT_NONE) == 0);
    st = in_child(read_from, (uintptr_t)p);
    CHECKF(KILLED_BY(st, SIGSEGV), "reading re-protected PROT_NONE: status %#x", st);
    CHECK(mprotect(p, PAGE, PROT_READ) == 0);
    CHECKF(p[0] == 42, "the page lost its contents under PROT_NONE: %d", p[0]);
    st = in_child(write_to, (uintptr_t)p);
    CHECKF(KILLED_BY(st, SIGSEGV), "writing PROT_READ: status %#x, not SIGSEGV", st);
    munmap(p, PAGE);
}

static void test_mprotect_split_merge(void)
{
    char *p = three_pages();
    CHECK(p);
    char perms[5] = "";
    CHECKF(regions_in(p, p + 3 * PAGE, p, perms) == 1, "3 new pages are not 1 region");
    CHECK(mprotect(p + PAGE, PAGE, PROT_READ) == 0);
    int n = regions_in(p, p + 3 * PAGE, p + PAGE, perms);
    CHECKF(n == 3, "mprotect of the middle page made %d regions, not 3", n);
    CHECKF(strcmp(perms, "r--p") == 0, "the middle region is %s, not r--p", perms);
    int st = in_child(write_to, (uintptr_t)p + PAGE);
    CHECKF(KILLED_BY(st, SIGSEGV), "writing the read-only middle: status %#x", st);
    st = in_child(write_to, (uintptr_t)p + 2 * PAGE);
    CHECKF(EXITED_OK(st), "writing the last page: status %#x", st);
    CHECK(mprotect(p + PAGE, PAGE, RW) == 0);
    n = regions_in(p, p + 3 * PAGE, p + PAGE, perms);
    CHECKF(n == 1, "restoring the protection left %d regions, not 1", n);
    CHECKF(strcmp(perms, "rw-p") == 0, "the merged region is %s", perms);
    for (unsigned long i = 0; i < 3 * PAGE; i += 512)
        CHECKF((p[i] & 0xff) == 0xaa, "byte %lu changed", i);
    p[PAGE] = 1;                                /* writable again */
    munmap(p, 3 * PAGE);
}

static void test_munmap_makes_a_hole(void)
{
    char *p = three_pages();
    CHECK(p);
    CHECK(munmap(p + PAGE, PAGE) == 0);
    int n = regions_in(p, p + 3 * PAGE, NULL, NULL);
    CHECKF(n == 2, "unmapping the middle page left %d regions, not 2", n);
    int st = in_child(read_from, (uintptr_t)p + PAGE);
    CHECKF(KILLED_BY(st, SIGSEGV), "reading the hole: status %#x, not SIGSEGV", st);
    CHECKF((p[0] & 0xff) == 0xaa && (p[2 * PAGE] & 0xff) == 0xaa, "the sides changed");
    /* Filling the hole again: MAP_FIXED, and the three merge into one. */
    CHECK(mmap(p + PAGE, PAGE, RW, ANON | MAP_FIXED, -1, 0) == p + PAGE);
    n = regions_in(p, p + 3 * PAGE, NULL, NULL);
    CHECKF(n == 1, "three adjacent anonymous rw pages are %d regions, not 1", n);
    CHECK(munmap(p, 3 * PAGE) == 0);
    CHECKF(regions_in(p, p + 3 * PAGE, NULL, NULL) == 0, "munmap left something");
}

static void test_madvise_dontneed_anon(void)
{
    char *p = three_pages();
    CHECK(p);
    CHECK(madvise(p, 2 * PAGE, MADV_DONTNEED) == 0);
    for (unsigned long i = 0; i < 2 * PAGE; i++)
        CHECKF(p[i] == 0, "byte %lu is %#x after MADV_DONTNEED, not 0", i, p[i] & 0xff);
    CHECKF((p[2 * PAGE] & 0xff) == 0xaa, "the page after the range was dropped too");
    CHECK(madvise(p, PAGE, MADV_NORMAL) == 0);
    munmap(p, 3 * PAGE);
}

/* --- Sharing across fork -------------------------------------------------- */

static void put_42(uintptr_t addr)
{
    *(volatile int *)addr = 42;
}

/* MAP_SHARED memory is one memory for parent and child, whether or not
 * a page had been touched before the fork; MAP_PRIVATE is copied. */
static void test_shared_anon_across_fork(void)
{
    int *s = mmap(NULL, 2 * PAGE, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    int *q = mmap(NULL, PAGE, RW, ANON, -1, 0);
    CHECK(s != MAP_FAILED && q != MAP_FAILED);
    char perms[5] = "";
    regions_in(s, s + 1, s, perms);
    CHECKF(strcmp(perms, "rw-s") == 0, "a MAP_SHARED region shows as %s, not rw-s", perms);
    s[0] = 1;                                   /* page 0 touched before the fork */
    int *untouched = s + PAGE / sizeof(int);    /* page 1 not */
    *q = 1;
    int st = in_child(put_42, (uintptr_t)s);
    CHECKF(EXITED_OK(st) && s[0] == 42, "a touched shared page: the child's write not seen "
           "(%d)", s[0]);
    st = in_child(put_42, (uintptr_t)untouched);
    CHECKF(EXITED_OK(st) && *untouched == 42,
           "an untouched shared page: the child's write not seen (%d)", *untouched);
    st = in_child(put_42, (uintptr_t)q);
    CHECKF(EXITED_OK(st) && *q == 1, "a private page: the child's write seen (%d)", *q);
    munmap(s, 2 * PAGE);
    munmap(q, PAGE);
}

/* Dropping the pages of shared memory does not lose its contents: they
 * belong to the shared object, not to this mapping (Linux: shmem). */
static void test_madvise_dontneed_shared_anon(void)
{
    int *s = mmap(NULL, PAGE, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(s != MAP_FAILED);
    s[0] = 42;
    CHECK(madvise(s, PAGE, MADV_DONTNEED) == 0);
    int v = s[0];
    munmap(s, PAGE);
    CHECKF(v == 42, "shared anonymous memory after MADV_DONTNEED reads %d, not 42", v);
}

/* --- The kernel's own accesses -------------------------------------------- */

static char cow_victim[PAGE] __attribute__((aligned(4096)));

static void read_into(uintptr_t addr)
{
    int fds[2];
    if (pipe(fds) < 0 || write(fds[1], "child", 5) != 5 || read(fds[0], (void *)addr, 5) != 5)
        _exit(2);
    _exit(memcmp((void *)addr, "child", 5) == 0 ? 0 : 3);
}

/* read() writes into user memory from the kernel: into a page shared
 * copy-on-write after fork it must copy first, like a user write. */
static void test_kernel_write_respects_cow(void)
{
    memcpy(cow_victim, "parent", 7);
    int st = in_child(read_into, (uintptr_t)cow_victim);
    CHECKF(EXITED_OK(st), "read() into a copy-on-write page in the child: status %#x", st);
    CHECKF(memcmp(cow_victim, "parent", 7) == 0,
           "the child's read() changed the parent's page: \"%.6s\"", cow_victim);
}

/* ...and it obeys the page's protection: EFAULT, not a write. */
static void test_kernel_write_respects_prot(void)
{
    char *p = mmap(NULL, 2 * PAGE, RW, ANON, -1, 0);
    CHECK(p != MAP_FAILED);
    memcpy(p, "ro", 3);
    CHECK(mprotect(p, PAGE, PROT_READ) == 0);
    CHECK(mprotect(p + PAGE, PAGE, PROT_NONE) == 0);
    int fds[2];
    CHECK(pipe(fds) == 0);
    CHECK(write(fds[1], "xyz", 3) == 3);
    errno = 0;
    long r = read(fds[0], p, 3);
    CHECKF(r == -1 && errno == EFAULT, "read() into a PROT_READ page: %ld, errno %d", r, errno);
    CHECKF(strcmp(p, "ro") == 0, "read() wrote into a PROT_READ page: \"%.3s\"", p);
    errno = 0;
    r = write(fds[1], p + PAGE, 3);
    CHECKF(r == -1 && errno == EFAULT, "write() from a PROT_NONE page: %ld, errno %d", r, errno);
    close(fds[0]);
    close(fds[1]);
    munmap(p, 2 * PAGE);
}

int main(int argc, char **argv)
{
    T_INIT("vm_mmap", argc, argv);
    RUN(test_mmap_errnos);
    RUN(test_fixed_replaces_old_mapping);
    RUN(test_fixed_noreplace);
    RUN(test_mmap_area_top_down);
    RUN(test_prot_none_segv);
    RUN(test_mprotect_split_merge);
    RUN(test_munmap_makes_a_hole);
    RUN(test_madvise_dontneed_anon);
    RUN(test_shared_anon_across_fork);
    RUN(test_madvise_dontneed_shared_anon);
    RUN(test_kernel_write_respects_cow);
    RUN(test_kernel_write_respects_prot);
    return T_DONE();
}
