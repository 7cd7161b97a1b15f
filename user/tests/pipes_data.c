/*
 * pipes_data.c: what goes through a pipe between processes (pipe(7) is
 * the specification).
 *
 *   transfer        1 MiB of random bytes through a pipe between two
 *                   processes, in odd-sized pieces, arrives intact
 *   atomicity       writes of PIPE_BUF (4096) bytes are never interleaved,
 *                   even with several writers competing for a full pipe
 *   O_NONBLOCK      EAGAIN on an empty pipe (read) and a full one (write:
 *                   the capacity is 64 KiB, Linux's default)
 *   poll            POLLIN, POLLOUT, POLLHUP, POLLERR, POLLNVAL
 *   FIONREAD        the bytes waiting
 *   bad buffers     EFAULT, and no byte lost or written
 *
 * (End of file, broken pipes, sleepers: pipes_eof.c.)
 *
 * Anything that could block forever runs under guard() (t_time.h): a
 * hang is a failure with EINTR, not a stuck test.
 */
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include "t.h"
#include "t_child.h"
#include "t_proc.h"
#include "t_time.h"

#define MIB (1024 * 1024)
#define PIPE_CAPACITY 65536
#define PIPEBUF 4096

/* The bytes waiting in a pipe (FIONREAD), or -1. */
static int pending_bytes(int fd)
{
    int n = -1;
    return ioctl(fd, FIONREAD, &n) == 0 ? n : -1;
}

/* ---- moving data ------------------------------------------------------------------ */

static uint64_t rng;

static uint8_t next_byte(void)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return (uint8_t)(rng >> 32);
}

static int write_all(int fd, const char *buf, size_t n)
{
    while (n > 0) {
        ssize_t k = write(fd, buf, n);
        if (k <= 0)
            return -1;
        buf += k, n -= (size_t)k;
    }
    return 0;
}

static void test_transfer_1mib(void)
{
    int p[2];
    CHECK(pipe(p) == 0);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {                     /* writer: odd-sized pieces of a random stream */
        close(p[0]);
        static char buf[8192];
        rng = 0x9e3779b97f4a7c15ull;
        uint64_t sizes = 12345;
        for (size_t sent = 0; sent < MIB;) {
            sizes = sizes * 6364136223846793005ull + 1442695040888963407ull;
            size_t n = 1 + (size_t)(sizes >> 33) % sizeof buf;
            if (n > MIB - sent)
                n = MIB - sent;
            for (size_t i = 0; i < n; i++)
                buf[i] = (char)next_byte();
            if (write_all(p[1], buf, n) < 0)
                _exit(2);
            sent += n;
        }
        _exit(0);
    }
    close(p[1]);
    /* Reader: other odd sizes; the same stream must come out. */
    static char buf[10007];
    rng = 0x9e3779b97f4a7c15ull;
    size_t total = 0, want = 1;
    uint32_t sum_got = 0, sum_want = 0;
    long first_bad = -1;
    ssize_t n;
    guard(30);
    while ((n = read(p[0], buf, want)) > 0) {
        for (ssize_t i = 0; i < n; i++) {
            uint8_t w = next_byte();
            sum_got = sum_got * 31 + (uint8_t)buf[i];
            sum_want = sum_want * 31 + w;
            if ((uint8_t)buf[i] != w && first_bad < 0)
                first_bad = (long)(total + (size_t)i);
        }
        total += (size_t)n;
        want = want * 7 % sizeof buf + 1;
    }
    unguard();
    int st = reap_code(pid);
    close(p[0]);
    CHECKF(n == 0, "read failed: %s", strerror(errno));
    CHECKF(st == 0, "writer status %d", st);
    CHECKF(total == MIB, "received %zu bytes of %d", total, MIB);
    CHECKF(first_bad < 0 && sum_got == sum_want,
           "data differs from byte %ld on (checksum %08x, want %08x)", first_bad, sum_got,
           sum_want);
}

static void test_big_single_write(void)
{
    int p[2];
    CHECK(pipe(p) == 0);
    enum { BIG = 300000 };              /* > 4 x the capacity: the writer sleeps and resumes */
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        close(p[0]);
        static char buf[BIG];
        for (int i = 0; i < BIG; i++)
            buf[i] = (char)(i % 251);
        _exit(write(p[1], buf, BIG) == BIG ? 0 : 2);    /* blocking: all of it */
    }
    close(p[1]);
    static char got[BIG + 1];
    size_t total = 0;
    ssize_t n;
    guard(30);
    while ((n = read(p[0], got + total, sizeof got - total)) > 0)
        total += (size_t)n;
    unguard();
    close(p[0]);
    CHECKF(reap_code(pid) == 0, "one write of %d bytes returned short", BIG);
    CHECK(total == BIG);
    for (int i = 0; i < BIG; i++)
        CHECKF(got[i] == (char)(i % 251), "byte %d wrong", i);
}

/* Several writers each write RECORDS records of PIPE_BUF bytes, all of
 * its own letter, with write() or as two halves with writev() (one
 * writev of at most PIPE_BUF bytes is atomic too: "the data written by
 * writev() is written as a single block that is not intermingled with
 * output from writes in other processes", readv(2)). The reader must
 * get whole records. */
static void atomic_records(int use_writev)
{
    enum { WRITERS = 4, RECORDS = 32 };
    int p[2];
    CHECK(pipe(p) == 0);
    pid_t pids[WRITERS];
    for (int w = 0; w < WRITERS; w++) {
        pids[w] = fork();
        CHECK(pids[w] >= 0);
        if (pids[w] == 0) {
            close(p[0]);
            static char rec[PIPEBUF];
            memset(rec, 'A' + w, sizeof rec);
            struct iovec halves[2] = { { rec, sizeof rec / 2 }, { rec + sizeof rec / 2,
                                                                 sizeof rec / 2 } };
            for (int r = 0; r < RECORDS; r++)
                if ((use_writev ? writev(p[1], halves, 2) : write(p[1], rec, sizeof rec)) !=
                    sizeof rec)
                    _exit(2);
            _exit(0);
        }
    }
    close(p[1]);
    /* Read in 1000-byte pieces, and let the writers run after each, so
     * that they keep finding a pipe with less room than a record (even
     * on one CPU); reassemble records and check each. */
    static char rec[PIPEBUF];
    size_t have = 0;
    int count[WRITERS] = { 0 }, torn = 0, records = 0;
    long torn_at = -1;
    ssize_t n;
    guard(30);
    while ((n = read(p[0], rec + have, (sizeof rec - have) < 1000 ? sizeof rec - have : 1000)) > 0) {
        have += (size_t)n;
        sched_yield();
        if (have < sizeof rec)
            continue;
        char c = rec[0];
        int uniform = c >= 'A' && c < 'A' + WRITERS;
        for (size_t i = 1; uniform && i < sizeof rec; i++)
            uniform = rec[i] == c;
        if (uniform)
            count[c - 'A']++;
        else if (!torn++)
            torn_at = records;
        records++;
        have = 0;
    }
    unguard();
    close(p[0]);
    for (int w = 0; w < WRITERS; w++)
        CHECKF(reap_code(pids[w]) == 0, "writer %d failed", w);
    CHECKF(torn == 0, "%d of %d records torn (first: record %ld)", torn, records, torn_at);
    CHECKF(have == 0, "%zu stray bytes at the end", have);
    for (int w = 0; w < WRITERS; w++)
        CHECKF(count[w] == RECORDS, "writer %d: %d records arrived of %d", w, count[w], RECORDS);
}

static void test_pipe_buf_atomic(void)
{
    atomic_records(0);
}

static void test_writev_atomic(void)
{
    atomic_records(1);
}

/* ---- O_NONBLOCK ---------------------------------------------------------------------- */

static void test_nonblocking(void)
{
    int p[2];
    CHECK(pipe2(p, O_NONBLOCK) == 0);
    CHECK(fcntl(p[0], F_GETFL) & O_NONBLOCK);
    char buf[PIPEBUF];
    errno = 0;
    CHECK(read(p[0], buf, 1) == -1 && errno == EAGAIN);         /* empty */
    memset(buf, 'f', sizeof buf);
    long total = 0, n;
    while ((n = write(p[1], buf, sizeof buf)) > 0)
        total += n;
    CHECKF(n == -1 && errno == EAGAIN, "filling: %ld (%s)", n, strerror(errno));
    CHECKF(total == PIPE_CAPACITY, "capacity %ld, expected %d", total, PIPE_CAPACITY);
    CHECK(pending_bytes(p[0]) == PIPE_CAPACITY);
    errno = 0;
    CHECK(write(p[1], "x", 1) == -1 && errno == EAGAIN);        /* full */
    struct pollfd pf = { p[1], POLLOUT, 0 };
    CHECK(poll(&pf, 1, 0) == 0);                                /* not writable */
    CHECK(read(p[0], buf, sizeof buf) == sizeof buf);           /* make room ... */
    CHECK(write(p[1], buf, sizeof buf) == sizeof buf);          /* ... and it takes a record */
    close(p[1]);
    while (read(p[0], buf, sizeof buf) > 0)
        ;
    CHECK(read(p[0], buf, 1) == 0);     /* no writers: end of file, not EAGAIN */
    close(p[0]);

    /* F_SETFL O_NONBLOCK on a pipe made blocking. */
    CHECK(pipe(p) == 0);
    CHECK(!(fcntl(p[0], F_GETFL) & O_NONBLOCK));
    int d = dup(p[0]);
    CHECK(fcntl(p[0], F_SETFL, O_NONBLOCK) == 0);
    errno = 0;
    CHECK(read(p[0], buf, 1) == -1 && errno == EAGAIN);
    errno = 0;                          /* one open file: its dup is non-blocking too */
    CHECK(read(d, buf, 1) == -1 && errno == EAGAIN);
    close(d);
    close(p[0]);
    close(p[1]);
    errno = 0;
    CHECK(pipe2(p, 0x40000000) == -1 && errno == EINVAL);       /* unknown flag */
}

/* ---- poll and FIONREAD ---------------------------------------------------------------- */

static void test_poll(void)
{
    int p[2];
    CHECK(pipe(p) == 0);
    struct pollfd pf[2] = { { p[0], POLLIN, 0 }, { p[1], POLLOUT, 0 } };
    CHECK(poll(pf, 2, 0) == 1);
    CHECKF(pf[0].revents == 0 && pf[1].revents == POLLOUT,
           "empty pipe: read end %#x (want 0), write end %#x (want POLLOUT)", pf[0].revents,
           pf[1].revents);
    CHECK(write(p[1], "ab", 2) == 2);
    CHECK(poll(pf, 2, 0) == 2);
    CHECKF(pf[0].revents == POLLIN, "after a write: read end %#x, want POLLIN", pf[0].revents);
    close(p[1]);
    pf[0].revents = 0;
    CHECK(poll(pf, 1, 0) == 1);
    CHECKF(pf[0].revents == (POLLIN | POLLHUP), "writer closed, data left: %#x, want "
           "POLLIN|POLLHUP", pf[0].revents);
    char buf[4];
    CHECK(read(p[0], buf, sizeof buf) == 2);
    CHECK(poll(pf, 1, 0) == 1);
    CHECKF(pf[0].revents == POLLHUP, "writer closed, empty: %#x, want POLLHUP", pf[0].revents);
    close(p[0]);

    CHECK(pipe(p) == 0);
    close(p[0]);
    struct pollfd w = { p[1], POLLOUT, 0 };
    CHECK(poll(&w, 1, 0) == 1);
    CHECKF(w.revents & POLLERR, "reader closed: write end %#x, want POLLERR", w.revents);
    close(p[1]);
    struct pollfd bad = { p[1], POLLIN, 0 };    /* now closed */
    CHECK(poll(&bad, 1, 0) == 1 && bad.revents == POLLNVAL);
    struct pollfd neg = { -1, POLLIN, 0 };      /* ignored */
    CHECK(poll(&neg, 1, 0) == 0 && neg.revents == 0);

    /* Sleeping in poll until another process writes. */
    CHECK(pipe(p) == 0);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        close(p[0]);
        int ok = parent_asleep();
        write(p[1], "!", 1);
        _exit(ok ? 0 : 3);
    }
    close(p[1]);
    struct pollfd r = { p[0], POLLIN, 0 };
    guard(10);
    int n = poll(&r, 1, -1);
    unguard();
    CHECKF(n == 1 && (r.revents & POLLIN), "poll(-1) woke with %d, revents %#x (%s)", n,
           r.revents, strerror(errno));
    CHECKF(reap_code(pid) == 0, "the child did not see us asleep in poll");
    close(p[0]);
}

static void test_fionread(void)
{
    int p[2];
    CHECK(pipe(p) == 0);
    CHECK(pending_bytes(p[0]) == 0);
    CHECK(write(p[1], "0123456789", 10) == 10);
    CHECK(pending_bytes(p[0]) == 10);
    char buf[3];
    CHECK(read(p[0], buf, 3) == 3);
    CHECK(pending_bytes(p[0]) == 7);
    errno = 0;
    CHECK(ioctl(p[0], FIONREAD, (int *)8) == -1 && errno == EFAULT);
    close(p[0]);
    close(p[1]);
}

static void test_short_and_empty_io(void)
{
    int p[2];
    CHECK(pipe(p) == 0);
    CHECK(write(p[1], "0123456789", 10) == 10);
    char buf[100];
    CHECK(read(p[0], buf, sizeof buf) == 10);   /* what is there, without waiting for more */
    CHECK(write(p[1], buf, 0) == 0);
    CHECK(read(p[0], buf, 0) == 0);             /* does not block */
    close(p[0]);
    close(p[1]);
}

/* A read into a bad buffer fails with EFAULT and consumes nothing: the
 * bytes are still there for the next read (as on Linux, whose pipe_read
 * takes bytes out only once they are copied). */
static void test_efault_keeps_data(void)
{
    int p[2];
    CHECK(pipe2(p, O_NONBLOCK) == 0);
    CHECK(write(p[1], "abc", 3) == 3);
    errno = 0;
    CHECK(read(p[0], (char *)8, 3) == -1 && errno == EFAULT);
    char buf[8];
    long n = read(p[0], buf, sizeof buf);
    CHECKF(n == 3 && memcmp(buf, "abc", 3) == 0, "after the EFAULT: read %ld (%s): the bytes "
           "were lost", n, n < 0 ? strerror(errno) : "");
    errno = 0;
    CHECK(write(p[1], (char *)8, 3) == -1 && errno == EFAULT);
    CHECK(pending_bytes(p[0]) == 0);            /* nothing was written */
    close(p[0]);
    close(p[1]);
}

int main(int argc, char **argv)
{
    T_INIT("pipes_data", argc, argv);
    RUN(test_transfer_1mib);
    RUN(test_big_single_write);
    RUN(test_pipe_buf_atomic);
    RUN(test_writev_atomic);
    RUN(test_nonblocking);
    RUN(test_poll);
    RUN(test_fionread);
    RUN(test_short_and_empty_io);
    RUN(test_efault_keeps_data);
    return T_DONE();
}
