/*
 * files_rw.c: reading and writing regular files: memory coming back when
 * a file goes (unlink, O_TRUNC, ftruncate), unlinked files still open,
 * O_APPEND, O_TRUNC, O_EXCL, pread/pwrite, lseek, readv/writev, the
 * /dev files, end of file, holes and truncation. /proc/weft's free_frames
 * is only checked on weft.
 *
 * Everything happens under /tmp/files.PID (t_files.h), removed at the end.
 * Like every files_* program, it also runs natively on Linux (the static
 * binary), which checks the expectations themselves.
 */
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/uio.h>

#include "t.h"
#include "t_child.h"
#include "t_errno.h"
#include "t_files.h"

/* Frames the kernel may keep after a cycle (its allocators' caches): a
 * leaked 1 MiB file would be 256. */
#define LEAK_SLACK 16

static char wbuf[MIB], rbuf[MIB];
/* Write 1 MiB, read it back, and return the descriptor still open on
 * the file (unlinked if 'unlink_it'); -1 on a failure. */
static int write_mib(const char *path, int unlink_it)
{
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return -1;
    if (write(fd, wbuf, MIB) != MIB || lseek(fd, 0, SEEK_SET) != 0)
        return -1;
    size_t got = 0;
    ssize_t n;
    while (got < MIB && (n = read(fd, rbuf + got, MIB - got)) > 0)
        got += (size_t)n;
    if (got != MIB || memcmp(wbuf, rbuf, MIB) != 0 || size_of(path) != MIB)
        return -1;
    if (unlink_it && unlink(path) != 0)
        return -1;
    return fd;
}

static long long free_frames(void)
{
    return on_weft() ? t_free_frames() : -1;
}

static void test_write_read_unlink_frames(void)
{
    fill_random(wbuf, MIB, 1);
    int fd = write_mib(P("big"), 1);            /* warm-up: caches, page tables */
    CHECK(fd >= 0);
    close(fd);
    long long baseline = free_frames();
    for (int round = 0; round < 3; round++) {
        fd = write_mib(P("big"), 1);
        CHECK(fd >= 0);
        /* Unlinked but open: its 256 pages are still held. */
        long long held = free_frames();
        if (on_weft())
            CHECKF(held <= baseline - 256, "round %d: unlinked+open file holds %lld frames, "
                   "expected >= 256", round, baseline - held);
        CHECK(size_of(P("big")) == -1);
        close(fd);                              /* now they go back */
    }
    long long after = free_frames();
    if (on_weft())
        CHECKF(after >= baseline - LEAK_SLACK,
               "free frames %lld -> %lld after 3 x (write 1 MiB, read, unlink, close): "
               "%lld not returned (slack %d)", baseline, after, baseline - after, LEAK_SLACK);
    else
        printf("note: not weft: free frames not checked\n");
}

/* Truncation gives the pages back at once: O_TRUNC, ftruncate. */
static void test_truncate_frees_frames(void)
{
    if (!on_weft()) {
        printf("note: not weft: free frames not checked\n");
        return;
    }
    int fd = write_mib(P("tf"), 0);             /* warm-up */
    CHECK(fd >= 0 && ftruncate(fd, 0) == 0);
    long long baseline = free_frames();
    CHECK(write(fd, wbuf, MIB) == MIB);
    close(fd);
    CHECK(free_frames() <= baseline - 256);
    fd = open(P("tf"), O_RDWR | O_TRUNC);
    CHECK(fd >= 0);
    long long after = free_frames();
    CHECKF(after >= baseline - LEAK_SLACK, "O_TRUNC of a 1 MiB file: %lld of 256 frames back",
           after - (baseline - 256));
    CHECK(write(fd, wbuf, MIB) == MIB);
    CHECK(ftruncate(fd, 4096) == 0);
    after = free_frames();
    CHECKF(after >= baseline - 1 - LEAK_SLACK, "ftruncate 1 MiB -> 4 KiB: %lld of 255 frames "
           "back", after - (baseline - 256));
    close(fd);
    CHECK(unlink(P("tf")) == 0);
}

static void test_unlinked_file_readable(void)
{
    CHECK(make_file(P("gone"), "hello") == 0);
    int fd = open(P("gone"), O_RDWR);
    CHECK(fd >= 0);
    CHECK(unlink(P("gone")) == 0);
    errno = 0;
    CHECK(open(P("gone"), O_RDONLY) == -1 && errno == ENOENT);
    char buf[16] = { 0 };
    CHECK(read(fd, buf, sizeof buf) == 5 && memcmp(buf, "hello", 5) == 0);
    CHECK(write(fd, " world", 6) == 6);
    CHECK(pread(fd, buf, sizeof buf, 0) == 11 && memcmp(buf, "hello world", 11) == 0);
    /* A new file of the same name is another file. */
    CHECK(make_file(P("gone"), "new") == 0);
    CHECK(pread(fd, buf, sizeof buf, 0) == 11);
    CHECK(strcmp(contents(P("gone")), "new") == 0);
    struct stat st;
    CHECK(fstat(fd, &st) == 0);
    CHECKF(st.st_nlink == 0, "fstat of an unlinked file: st_nlink %lu, Linux says 0",
           (unsigned long)st.st_nlink);
    close(fd);
    unlink(P("gone"));
}

static void test_o_append(void)
{
    CHECK(make_file(P("ap"), "abc") == 0);
    int fd = open(P("ap"), O_WRONLY | O_APPEND);
    CHECK(fd >= 0);
    CHECK(lseek(fd, 0, SEEK_SET) == 0);
    CHECK(write(fd, "def", 3) == 3);            /* at the end, not at 0 */
    CHECK(lseek(fd, 0, SEEK_CUR) == 6);
    CHECK(strcmp(contents(P("ap")), "abcdef") == 0);
    /* pwrite on O_APPEND appends on Linux (pwrite(2), BUGS). */
    CHECK(pwrite(fd, "G", 1, 0) == 1);
    CHECK(strcmp(contents(P("ap")), "abcdefG") == 0);
    /* Two appenders never overwrite each other. */
    int fd2 = open(P("ap"), O_WRONLY | O_APPEND);
    CHECK(fd2 >= 0);
    CHECK(write(fd, "1", 1) == 1 && write(fd2, "2", 1) == 1 && write(fd, "3", 1) == 1);
    CHECK(strcmp(contents(P("ap")), "abcdefG123") == 0);
    CHECK(fcntl(fd, F_GETFL) & O_APPEND);
    CHECK(fcntl(fd, F_SETFL, 0) == 0);          /* off again: writes go to the offset */
    CHECK(!(fcntl(fd, F_GETFL) & O_APPEND));
    CHECK(lseek(fd, 0, SEEK_SET) == 0 && write(fd, "Z", 1) == 1);
    CHECK(strcmp(contents(P("ap")), "ZbcdefG123") == 0);
    close(fd);
    close(fd2);
}

static void test_o_trunc(void)
{
    char hundred[101];
    memset(hundred, 'h', 100);
    hundred[100] = '\0';
    CHECK(make_file(P("tr"), hundred) == 0);
    int fd = open(P("tr"), O_WRONLY | O_TRUNC);
    CHECK(fd >= 0);
    CHECK(size_of(P("tr")) == 0);
    CHECK(write(fd, "ab", 2) == 2);
    close(fd);
    CHECK(strcmp(contents(P("tr")), "ab") == 0);
    fd = open(P("tr"), O_RDWR);                 /* without O_TRUNC: kept */
    CHECK(fd >= 0 && size_of(P("tr")) == 2);
    close(fd);
    fd = open(P("tr_new"), O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0 && size_of(P("tr_new")) == 0);
    close(fd);
}

static void test_o_excl(void)
{
    CHECK(make_file(P("ex"), "e") == 0);
    bad_reset();
    ERR("O_EXCL on a file", open(P("ex"), O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
    ERR("O_EXCL on a directory", open(base, O_RDONLY | O_CREAT | O_EXCL, 0644), EEXIST);
    unlink(P("ex_dangling"));
    if (symlink("ex_nowhere", P("ex_dangling")) == 0)
        ERR("O_EXCL on a dangling symlink",
            open(P("ex_dangling"), O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
    else
        note_fail("symlink failed");
    if (exists(P("ex_nowhere")))
        note_fail("O_EXCL followed the link");
    int fd = open(P("ex_new"), O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0)
        note_fail("O_EXCL on a new name failed");
    close(fd);
    END();
}

static void test_pread_pwrite(void)
{
    CHECK(make_file(P("pp"), "0123456789") == 0);
    int fd = open(P("pp"), O_RDWR);
    CHECK(fd >= 0);
    CHECK(lseek(fd, 2, SEEK_SET) == 2);
    char buf[16] = { 0 };
    CHECK(pread(fd, buf, 3, 5) == 3 && memcmp(buf, "567", 3) == 0);
    CHECK(lseek(fd, 0, SEEK_CUR) == 2);
    CHECK(pwrite(fd, "XY", 2, 0) == 2);
    CHECK(lseek(fd, 0, SEEK_CUR) == 2);
    CHECK(read(fd, buf, 3) == 3 && memcmp(buf, "234", 3) == 0);
    CHECK(strcmp(contents(P("pp")), "XY23456789") == 0);
    CHECK(pread(fd, buf, 4, 10) == 0);          /* at the end */
    CHECK(pread(fd, buf, 4, 1000) == 0);        /* past it */
    CHECK(pwrite(fd, "E", 1, 12) == 1);         /* past the end: a 2-byte hole */
    CHECK(size_of(P("pp")) == 13);
    CHECK(pread(fd, buf, 3, 10) == 3 && memcmp(buf, "\0\0E", 3) == 0);
    bad_reset();
    ERR("pread at -1", pread(fd, buf, 1, -1), EINVAL);
    ERR("pwrite at -1", pwrite(fd, buf, 1, -1), EINVAL);
    int p[2];
    if (pipe(p) == 0) {
        ERR("pread on a pipe", pread(p[0], buf, 1, 0), ESPIPE);
        ERR("pwrite on a pipe", pwrite(p[1], buf, 1, 0), ESPIPE);
        close(p[0]);
        close(p[1]);
    }
    close(fd);
    END();
}

static void test_lseek(void)
{
    CHECK(make_file(P("ls"), "0123456789") == 0);
    int fd = open(P("ls"), O_RDONLY);
    CHECK(fd >= 0);
    CHECK(lseek(fd, -3, SEEK_END) == 7);
    char c;
    CHECK(read(fd, &c, 1) == 1 && c == '7');
    CHECK(lseek(fd, 1, SEEK_CUR) == 9);
    CHECK(lseek(fd, 0, SEEK_CUR) == 9);
    CHECK(lseek(fd, 100, SEEK_END) == 110);     /* past the end is allowed */
    CHECK(lseek(fd, 8, SEEK_SET) == 8);
    bad_reset();
    ERR("SEEK_SET -1", lseek(fd, -1, SEEK_SET), EINVAL);
    ERR("SEEK_CUR to -1", lseek(fd, -9, SEEK_CUR), EINVAL);
    ERR("SEEK_END to -1", lseek(fd, -11, SEEK_END), EINVAL);
    ERR("whence 99", lseek(fd, 0, 99), EINVAL);
    if (lseek(fd, 0, SEEK_CUR) != 8)
        note_fail("a failed lseek moved the offset");
    int p[2];
    if (pipe(p) == 0) {
        ERR("lseek on a pipe (read end)", lseek(p[0], 0, SEEK_SET), ESPIPE);
        ERR("lseek on a pipe (write end)", lseek(p[1], 0, SEEK_CUR), ESPIPE);
        close(p[0]);
        close(p[1]);
    }
    close(fd);
    END();
}

static void test_readv_writev(void)
{
    int fd = open(P("iov"), O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    struct iovec w[3] = { { "ab", 2 }, { "", 0 }, { "cdef", 4 } };
    CHECK(writev(fd, w, 3) == 6);
    CHECK(lseek(fd, 0, SEEK_CUR) == 6);
    CHECK(strcmp(contents(P("iov")), "abcdef") == 0);
    char x[3] = { 0 }, y[8] = { 0 };
    struct iovec r[2] = { { x, 2 }, { y, sizeof y } };
    CHECK(lseek(fd, 0, SEEK_SET) == 0);
    CHECK(readv(fd, r, 2) == 6);                /* fills x, then what is left into y */
    CHECK(memcmp(x, "ab", 2) == 0 && memcmp(y, "cdef", 4) == 0);
    errno = 0;
    CHECK(writev(fd, w, -1) == -1 && errno == EINVAL);
    errno = 0;
    CHECK(syscall(SYS_writev, fd, BADP, 1) == -1 && errno == EFAULT);
    close(fd);
}

static void test_dev_files(void)
{
    char buf[16];
    int n = open("/dev/null", O_RDWR), z = open("/dev/zero", O_RDWR),
        f = open("/dev/full", O_RDWR);
    CHECK(n >= 0 && z >= 0 && f >= 0);
    CHECK(write(n, "gone", 4) == 4);
    CHECK(read(n, buf, sizeof buf) == 0);       /* end of file at once */
    memset(buf, 'x', sizeof buf);
    CHECK(read(z, buf, sizeof buf) == sizeof buf);
    for (size_t i = 0; i < sizeof buf; i++)
        CHECK(buf[i] == 0);
    CHECK(write(z, "gone", 4) == 4);
    errno = 0;
    CHECK(write(f, "x", 1) == -1 && errno == ENOSPC);
    CHECK(read(f, buf, 4) == 4 && buf[0] == 0);
    close(n), close(z), close(f);
}

static void test_read_past_eof(void)
{
    CHECK(make_file(P("eof"), "abc") == 0);
    int fd = open(P("eof"), O_RDONLY);
    CHECK(fd >= 0);
    char buf[8];
    CHECK(read(fd, buf, 8) == 3);               /* short: only what is there */
    CHECK(read(fd, buf, 8) == 0);               /* at the end */
    CHECK(read(fd, buf, 8) == 0);               /* and again */
    CHECK(lseek(fd, 100, SEEK_SET) == 100);
    CHECK(read(fd, buf, 8) == 0);               /* past it */
    CHECK(lseek(fd, 0, SEEK_CUR) == 100);
    CHECK(read(fd, buf, 0) == 0);
    close(fd);
}

static void test_hole_reads_zeros(void)
{
    int fd = open(P("hole"), O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    off_t at = 3 * 4096 + 5;
    CHECK(lseek(fd, at, SEEK_SET) == at);
    CHECK(write(fd, "x", 1) == 1);
    CHECK(size_of(P("hole")) == at + 1);
    static char buf[4 * 4096];
    memset(buf, 0x55, sizeof buf);
    CHECK(pread(fd, buf, sizeof buf, 0) == at + 1);
    for (off_t i = 0; i < at; i++)
        CHECKF(buf[i] == 0, "byte %ld of the hole is %d", (long)i, buf[i]);
    CHECK(buf[at] == 'x');
    struct stat st;
    CHECK(fstat(fd, &st) == 0);
    /* The hole holds no memory: only the last page is there (8 blocks of
     * 512 bytes); all four would be 32. */
    CHECKF(st.st_blocks < 32, "st_blocks %ld: the hole was filled in", (long)st.st_blocks);
    close(fd);
}

static void test_ftruncate_truncate(void)
{
    int fd = open(P("ft"), O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    CHECK(write(fd, "hello", 5) == 5);
    CHECK(ftruncate(fd, 10000) == 0);           /* grow: zeros */
    CHECK(size_of(P("ft")) == 10000);
    CHECK(lseek(fd, 0, SEEK_CUR) == 5);         /* the offset does not move */
    static char buf[10000];
    CHECK(pread(fd, buf, sizeof buf, 0) == 10000);
    CHECK(memcmp(buf, "hello", 5) == 0);
    for (int i = 5; i < 10000; i++)
        CHECKF(buf[i] == 0, "byte %d after growing is %d", i, buf[i]);
    CHECK(ftruncate(fd, 3) == 0);               /* shrink */
    CHECK(size_of(P("ft")) == 3);
    CHECK(pread(fd, buf, sizeof buf, 0) == 3 && memcmp(buf, "hel", 3) == 0);
    CHECK(ftruncate(fd, 10) == 0);              /* grow again: the cut bytes are gone */
    CHECK(pread(fd, buf, sizeof buf, 0) == 10);
    CHECKF(memcmp(buf, "hel\0\0\0\0\0\0\0", 10) == 0, "old bytes came back after shrink+grow");
    CHECK(truncate(P("ft"), 2) == 0);           /* by path */
    CHECK(size_of(P("ft")) == 2);
    CHECK(truncate(P("ft"), 0) == 0);
    CHECK(size_of(P("ft")) == 0);

    bad_reset();
    int ro = open(P("ft"), O_RDONLY);
    ERR("ftruncate -1", ftruncate(fd, -1), EINVAL);
    ERR("ftruncate of a read-only fd", ftruncate(ro, 0), EINVAL);
    int dfd = open(base, O_RDONLY | O_DIRECTORY);
    ERR("ftruncate of a directory", ftruncate(dfd, 0), EINVAL);
    int p[2];
    if (pipe(p) == 0) {
        ERR("ftruncate of a pipe", ftruncate(p[1], 0), EINVAL);
        close(p[0]);
        close(p[1]);
    }
    ERR("truncate -1", truncate(P("ft"), -1), EINVAL);
    ERR("truncate of a directory", truncate(base, 0), EISDIR);
    ERR("truncate of a missing file", truncate(P("ft_missing"), 0), ENOENT);
    close(ro);
    close(dfd);
    close(fd);
    END();
}

int main(int argc, char **argv)
{
    T_INIT("files_rw", argc, argv);
    if (files_setup() != 0)
        return 1;
    RUN(test_write_read_unlink_frames);
    RUN(test_truncate_frees_frames);
    RUN(test_unlinked_file_readable);
    RUN(test_o_append);
    RUN(test_o_trunc);
    RUN(test_o_excl);
    RUN(test_pread_pwrite);
    RUN(test_lseek);
    RUN(test_readv_writev);
    RUN(test_dev_files);
    RUN(test_read_past_eof);
    RUN(test_hole_reads_zeros);
    RUN(test_ftruncate_truncate);
    files_cleanup();
    return T_DONE();
}
