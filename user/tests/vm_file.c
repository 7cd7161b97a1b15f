/*
 * vm_file.c: mapping files (claim A5).
 *
 * The page cache holds a file's pages; read() copies out of it, mmap()
 * maps its very frames. So a MAP_SHARED write is what read() returns next
 * and what every other mapping sees; a MAP_PRIVATE mapping sees the file
 * until it writes, and then has its own copy; past the end of the file a
 * mapping has no page to show (SIGBUS).
 *
 * The test file is /tmp/vm_file.PID: two pages and 100 bytes, page i
 * full of 'a' + i.
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
#define FILE_SIZE (2 * PAGE + 100)

static char path[64];

/* --- Helpers -------------------------------------------------------------- */

/* (Re)create the test file; an fd open with `flags`, or -1. */
static int make_file(int flags)
{
    static char page[PAGE];
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return -1;
    for (int i = 0; i < 3; i++) {
        memset(page, 'a' + i, PAGE);
        write(fd, page, i < 2 ? PAGE : 100);
    }
    close(fd);
    return open(path, flags);
}

static char file_byte(int fd, off_t off)
{
    char c = 0;
    return pread(fd, &c, 1, off) == 1 ? c : -1;
}

/* --- Cases ---------------------------------------------------------------- */

static void test_file_contents(void)
{
    int fd = make_file(O_RDONLY);
    CHECK(fd >= 0);
    char *p = mmap(NULL, 3 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    CHECK(p != MAP_FAILED);
    for (unsigned long i = 0; i < FILE_SIZE; i++)
        CHECKF(p[i] == (char)('a' + i / PAGE), "byte %lu is %#x", i, p[i] & 0xff);
    for (unsigned long i = FILE_SIZE; i < 3 * PAGE; i++)
        CHECKF(p[i] == 0, "byte %lu past the end of the file is %#x, not 0", i, p[i] & 0xff);
    /* maps names the file and the offset. */
    char *q = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, PAGE);
    CHECK(q != MAP_FAILED);
    CHECKF(q[0] == 'b', "the mapping at offset 4096 starts with %c", q[0]);
    static char maps[32768];
    int m = open("/proc/self/maps", O_RDONLY);
    ssize_t n = m >= 0 ? read(m, maps, sizeof maps - 1) : -1;
    close(m);
    CHECK(n > 0);
    maps[n] = '\0';
    char want[64];
    snprintf(want, sizeof want, "%lx-%lx r--p 00001000 ", (unsigned long)q,
             (unsigned long)q + PAGE);
    char *line = strstr(maps, want);
    CHECKF(line, "no line \"%s...\" in maps", want);
    CHECKF(strncmp(line + strcspn(line, "/"), path, strlen(path)) == 0,
           "the line does not name %s: %.80s", path, line);
    munmap(p, 3 * PAGE);
    munmap(q, PAGE);
    close(fd);
}

static void test_file_first_touch_faults(void)
{
    int fd = make_file(O_RDONLY);
    CHECK(fd >= 0);
    char *p = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    CHECK(p != MAP_FAILED);
    minflt();
    long m0 = minflt();
    (void)*(volatile char *)p;
    long m1 = minflt();
    (void)*(volatile char *)p;
    long m2 = minflt();
    munmap(p, 2 * PAGE);
    close(fd);
    CHECKF(m1 - m0 == 1, "the first touch of a mapped file page: %ld faults, not 1", m1 - m0);
    CHECKF(m2 - m1 == 0, "touching it again: %ld faults, not 0", m2 - m1);
}

static void test_file_shared_write(void)
{
    int fd = make_file(O_RDWR);
    CHECK(fd >= 0);
    char *a = mmap(NULL, 3 * PAGE, RW, MAP_SHARED, fd, 0);
    char *b = mmap(NULL, 3 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
    CHECK(a != MAP_FAILED && b != MAP_FAILED && a != b);
    a[10] = 'X';
    a[PAGE + 10] = 'Y';
    CHECKF(file_byte(fd, 10) == 'X' && file_byte(fd, PAGE + 10) == 'Y',
           "read() does not see a MAP_SHARED write");
    CHECKF(b[10] == 'X' && b[PAGE + 10] == 'Y', "a second mapping does not see the write");
    CHECK(pwrite(fd, "Z", 1, 20) == 1);
    CHECKF(a[20] == 'Z' && b[20] == 'Z', "the mappings do not see a write()");
    CHECKF(lseek(fd, 0, SEEK_END) == (off_t)FILE_SIZE, "the file's size changed");
    CHECK(msync(a, 3 * PAGE, MS_SYNC) == 0);
    errno = 0;
    CHECKF(msync(a, PAGE, MS_SYNC | MS_ASYNC) == -1 && errno == EINVAL,
           "msync(MS_SYNC | MS_ASYNC): errno %d", errno);
    munmap(a, 3 * PAGE);
    munmap(b, 3 * PAGE);
    /* The writes outlive the mappings: they are the file. */
    CHECKF(file_byte(fd, 10) == 'X', "the write went away with the mapping");
    close(fd);
}

static void test_file_private_copy(void)
{
    int fd = make_file(O_RDWR);
    CHECK(fd >= 0);
    char *p = mmap(NULL, 2 * PAGE, RW, MAP_PRIVATE, fd, 0);
    char *s = mmap(NULL, 2 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
    CHECK(p != MAP_FAILED && s != MAP_FAILED);
    /* Until it writes, a private mapping shows the file's page itself... */
    CHECKF(p[PAGE] == 'b', "the private mapping shows %c", p[PAGE]);
    CHECK(pwrite(fd, "W", 1, PAGE) == 1);
    CHECKF(p[PAGE] == 'W', "an unwritten private page does not show a write() (%c)", p[PAGE]);
    /* ...after writing, its own copy. */
    p[0] = 'P';
    CHECKF(file_byte(fd, 0) == 'a', "read() sees a MAP_PRIVATE write");
    CHECKF(s[0] == 'a', "a MAP_SHARED mapping sees a MAP_PRIVATE write");
    CHECK(pwrite(fd, "V", 1, 1) == 1);
    CHECKF(p[1] == 'a' && p[0] == 'P', "the private copy changed under a write()");
    munmap(p, 2 * PAGE);
    munmap(s, 2 * PAGE);
    close(fd);
}

/* Mapped file pages are the page cache's frames: one frame, however many
 * mappings, until a private mapping writes. Needs frame numbers in
 * pagemap (weft; Linux as root). */
static void test_file_same_frame(void)
{
    int fd = make_file(O_RDWR);
    CHECK(fd >= 0);
    char *s = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0);
    char *p = mmap(NULL, PAGE, RW, MAP_PRIVATE, fd, 0);
    CHECK(s != MAP_FAILED && p != MAP_FAILED);
    (void)*(volatile char *)s;
    (void)*(volatile char *)p;
    uint64_t fs = PFN(pagemap(s)), fp = PFN(pagemap(p));
    if (fs == 0 && fp == 0) {
        printf("note: pagemap hides frame numbers here (Linux without CAP_SYS_ADMIN)\n");
    } else {
        CHECKF(fs == fp, "a shared and a private mapping of one page: frames %#llx, %#llx",
               (unsigned long long)fs, (unsigned long long)fp);
        p[0] = 'P';
        uint64_t fp2 = PFN(pagemap(p));
        CHECKF(fp2 != fs && fp2 != 0, "after a private write: frame %#llx, the cache's %#llx",
               (unsigned long long)fp2, (unsigned long long)fs);
    }
    munmap(s, PAGE);
    munmap(p, PAGE);
    close(fd);
}

static void test_file_sigbus_past_end(void)
{
    int fd = make_file(O_RDONLY);
    CHECK(fd >= 0);
    char *p = mmap(NULL, 4 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    CHECK(p != MAP_FAILED);
    CHECKF(p[FILE_SIZE] == 0 && p[3 * PAGE - 1] == 0, "the end of the last page is not zero");
    int st = in_child(read_from, (uintptr_t)p + 3 * PAGE);
    CHECKF(KILLED_BY(st, SIGBUS), "a page past the end of the file: status %#x, not SIGBUS",
           st);
    munmap(p, 4 * PAGE);
    close(fd);
}

/* Shrinking a mapped file takes the pages past its new end away from
 * every mapping (Linux: truncate_pagecache unmaps them): SIGBUS there. */
static void test_file_sigbus_after_truncate(void)
{
    int fd = make_file(O_RDWR);
    CHECK(fd >= 0);
    char *p = mmap(NULL, 3 * PAGE, RW, MAP_SHARED, fd, 0);
    CHECK(p != MAP_FAILED);
    CHECK(p[PAGE] == 'b' && p[2 * PAGE] == 'c');        /* both present now */
    CHECK(ftruncate(fd, PAGE) == 0);
    int st = in_child(read_from, (uintptr_t)p + PAGE);
    munmap(p, 3 * PAGE);
    close(fd);
    CHECKF(KILLED_BY(st, SIGBUS), "a page cut off by ftruncate: status %#x, not SIGBUS", st);
}

/* ... and when the file grows again, the mapping shows the file's new
 * (zero) page, and what is written there goes into the file. */
static void test_file_truncate_then_grow(void)
{
    int fd = make_file(O_RDWR);
    CHECK(fd >= 0);
    char *p = mmap(NULL, 2 * PAGE, RW, MAP_SHARED, fd, 0);
    CHECK(p != MAP_FAILED);
    CHECK(p[PAGE] == 'b');                              /* present now */
    CHECK(ftruncate(fd, PAGE) == 0);
    CHECK(ftruncate(fd, 2 * PAGE) == 0);                /* grows back: a hole */
    char seen = p[PAGE];
    p[PAGE + 1] = 'Q';
    char in_file = file_byte(fd, PAGE + 1);
    munmap(p, 2 * PAGE);
    close(fd);
    CHECKF(seen == 0, "a page cut off and grown again reads %#x, not 0", seen & 0xff);
    CHECKF(in_file == 'Q', "a write through the mapping after truncate and grow: read() "
           "gives %#x, not Q", in_file & 0xff);
}

static void test_file_madvise_dontneed(void)
{
    int fd = make_file(O_RDWR);
    CHECK(fd >= 0);
    char *p = mmap(NULL, 2 * PAGE, RW, MAP_PRIVATE, fd, 0);
    char *s = mmap(NULL, 2 * PAGE, RW, MAP_SHARED, fd, 0);
    CHECK(p != MAP_FAILED && s != MAP_FAILED);
    p[0] = 'P';
    p[PAGE] = 'Q';
    s[PAGE + 1] = 'S';
    CHECK(madvise(p, PAGE, MADV_DONTNEED) == 0);
    CHECKF(p[0] == 'a', "a private file page after MADV_DONTNEED: %c, not the file's a", p[0]);
    CHECKF(p[PAGE] == 'Q', "the page after the range lost its private copy");
    CHECK(madvise(s, 2 * PAGE, MADV_DONTNEED) == 0);
    CHECKF(s[PAGE + 1] == 'S', "a shared page lost its write after MADV_DONTNEED");
    munmap(p, 2 * PAGE);
    munmap(s, 2 * PAGE);
    close(fd);
}

static void test_file_mmap_access_errnos(void)
{
    int ro = make_file(O_RDONLY), wo = open(path, O_WRONLY);
    CHECK(ro >= 0 && wo >= 0);
    errno = 0;
    CHECKF(mmap(NULL, PAGE, RW, MAP_SHARED, ro, 0) == MAP_FAILED && errno == EACCES,
           "MAP_SHARED + PROT_WRITE of an O_RDONLY fd: errno %d, not EACCES", errno);
    errno = 0;
    CHECKF(mmap(NULL, PAGE, PROT_READ, MAP_SHARED, wo, 0) == MAP_FAILED && errno == EACCES,
           "mmap of an O_WRONLY fd: errno %d, not EACCES", errno);
    errno = 0;
    CHECKF(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, ro, 1) == MAP_FAILED && errno == EINVAL,
           "an unaligned offset: errno %d, not EINVAL", errno);
    /* A private writable mapping of a read-only file is fine: the writes
     * stay in our copy. */
    char *p = mmap(NULL, PAGE, RW, MAP_PRIVATE, ro, 0);
    CHECKF(p != MAP_FAILED, "MAP_PRIVATE + PROT_WRITE of an O_RDONLY fd: errno %d", errno);
    p[0] = 'P';
    munmap(p, PAGE);
    /* A shared read-only mapping of it cannot be made writable later. */
    p = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, ro, 0);
    CHECK(p != MAP_FAILED);
    errno = 0;
    CHECKF(mprotect(p, PAGE, RW) == -1 && errno == EACCES,
           "mprotect(PROT_WRITE) of a shared O_RDONLY mapping: errno %d, not EACCES", errno);
    munmap(p, PAGE);
    CHECKF(file_byte(ro, 0) == 'a', "the file changed");
    close(ro);
    close(wo);
}

/* read() and write() whose buffer is a mapping of the same file: the
 * kernel faults the file's pages in while copying to or from them. */
static void test_file_io_through_own_mapping(void)
{
    int fd = make_file(O_RDWR);
    CHECK(fd >= 0);
    char *p = mmap(NULL, 3 * PAGE, RW, MAP_SHARED, fd, 0);  /* nothing touched yet */
    CHECK(p != MAP_FAILED);
    long r = pwrite(fd, p + PAGE, 100, 0);      /* file[0..100) = 'b's, from page 1 */
    CHECKF(r == 100, "pwrite() from a mapping of the same file: %ld, errno %d", r, errno);
    CHECKF(p[0] == 'b' && p[99] == 'b' && p[100] == 'a', "the mapping does not show it");
    r = pread(fd, p + 2 * PAGE, 50, PAGE);      /* page 2 starts with 50 'b's */
    CHECKF(r == 50, "pread() into a mapping of the same file: %ld, errno %d", r, errno);
    CHECKF(file_byte(fd, 2 * PAGE) == 'b' && file_byte(fd, 2 * PAGE + 50) == 'c',
           "read() does not see what pread() put through the mapping");
    munmap(p, 3 * PAGE);
    close(fd);
}

/* A file's pages are the page cache: /proc/meminfo's Cached counts them
 * while the file exists. (64 pages; other activity may move Cached a
 * little, hence the margin of 16 pages.) */
static long cached_kb(void)
{
    char buf[2048];
    int fd = open("/proc/meminfo", O_RDONLY);
    ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
    if (fd >= 0)
        close(fd);
    if (n <= 0)
        return -1;
    buf[n] = '\0';
    char *p = strstr(buf, "\nCached:");
    return p ? strtol(p + 8, NULL, 10) : -1;
}

static void test_file_pages_are_cached(void)
{
    char name[80];
    snprintf(name, sizeof name, "%s.cached", path);
    static char page[PAGE];
    long before = cached_kb();
    CHECKF(before >= 0, "no Cached: line in /proc/meminfo");
    int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    for (int i = 0; i < 64; i++)
        CHECK(write(fd, page, PAGE) == PAGE);
    long with = cached_kb();
    close(fd);
    unlink(name);
    long after = cached_kb();
    CHECKF(with - before >= (64 - 16) * 4, "Cached grew by %ld kB for a 256 kB file",
           with - before);
    /* Linux may keep a removed file's pages a while (writeback); weft's
     * ramfs frees them at once. */
    int weft = access("/proc/weft", R_OK) == 0;
    CHECKF(!weft || with - after >= (64 - 16) * 4,
           "Cached shrank by only %ld kB when the file was removed", with - after);
}

int main(int argc, char **argv)
{
    T_INIT("vm_file", argc, argv);
    snprintf(path, sizeof path, "/tmp/vm_file.%d", getpid());
    RUN(test_file_contents);
    RUN(test_file_first_touch_faults);
    RUN(test_file_shared_write);
    RUN(test_file_private_copy);
    RUN(test_file_same_frame);
    RUN(test_file_sigbus_past_end);
    RUN(test_file_sigbus_after_truncate);
    RUN(test_file_truncate_then_grow);
    RUN(test_file_madvise_dontneed);
    RUN(test_file_mmap_access_errnos);
    RUN(test_file_io_through_own_mapping);
    RUN(test_file_pages_are_cached);
    unlink(path);
    return T_DONE();
}
