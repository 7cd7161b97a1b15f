/*
 * files.c: the file layer seen from a program: descriptors (inheritance
 * across fork and exec, close-on-exec, dup2/dup3, the lowest-free rule),
 * reading and writing regular files (offsets, O_APPEND, O_TRUNC, holes,
 * truncation, memory coming back), directories (mkdir, rename, a directory
 * of 1000 files, the working directory, symbolic and hard links, stat),
 * and what every path and descriptor call answers to bad input, with
 * Linux's errno each time (the man pages are the specification).
 *
 * Everything happens under /tmp/files.PID, removed at the end. The last
 * case fills the whole machine's memory with one file (in a child), so it
 * must stay last.
 *
 * Run with "--fds N=o|c ..." or "--fstat FD INO OFF", the program is the
 * helper that the exec cases run: it checks which descriptors it
 * inherited and exits 0, or 10 + the index of the first wrong one.
 *
 * It also runs natively on Linux (the static binary), which checks the
 * expectations themselves; /proc/weft's free_frames is only checked on
 * weft, and the out-of-memory case only runs there.
 */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <weft/dirent.h>

#include "t.h"

#define MIB (1024 * 1024)
/* Frames the kernel may keep after a cycle (its allocators' caches): a
 * leaked 1 MiB file would be 256. */
#define LEAK_SLACK 16

static const char *self;                /* argv[0], for the exec cases */
static char base[64];                   /* /tmp/files.PID */
static int on_weft;                     /* /proc/weft exists */

/* BADP: unmapped user memory; KBADP: the kernel's half. */
#define BADP ((char *)8)
#define KBADP ((char *)0xffffffff80100000ul)

/* ---- helpers -------------------------------------------------------------- */

/* base/name, in one of a few rotating buffers. */
static const char *P(const char *name)
{
    static char bufs[8][600];
    static int i;
    char *b = bufs[i++ % 8];
    snprintf(b, sizeof bufs[0], "%s/%s", base, name);
    return b;
}

static int make_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return -1;
    size_t n = strlen(text);
    int ok = write(fd, text, n) == (ssize_t)n;
    close(fd);
    return ok ? 0 : -1;
}

/* The whole (small) file as a string; "" if it cannot be read. */
static const char *contents(const char *path)
{
    static char buf[4096];
    buf[0] = '\0';
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return "<cannot open>";
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n > 0 ? n : 0] = '\0';
    return buf;
}

static long long size_of(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

static unsigned long long ino_of(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (unsigned long long)st.st_ino : 0;
}

static int exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

/* Run the helper (this program with args) in a child; its exit status, or
 * 1000 + the signal that killed it. */
static int run_helper(const char *const args[])
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        execv(self, (char *const *)args);
        _exit(127);
    }
    int st;
    if (waitpid(pid, &st, 0) != pid)
        return -2;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 1000 + WTERMSIG(st);
}

static int wait_status(pid_t pid)
{
    int st;
    if (waitpid(pid, &st, 0) != pid)
        return -2;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 1000 + WTERMSIG(st);
}

static const char *ename(int e)
{
    static char other[16];
    switch (e) {
#define E(x) case x: return #x;
    E(EPERM) E(ENOENT) E(EBADF) E(EFAULT) E(EEXIST) E(EXDEV) E(ENOTDIR) E(EISDIR)
    E(EINVAL) E(EMFILE) E(ENOSPC) E(ESPIPE) E(ENAMETOOLONG) E(ENOTEMPTY) E(ELOOP)
    E(EACCES) E(EBUSY) E(ERANGE) E(ENOMEM) E(EAGAIN) E(EPIPE) E(ENOSYS) E(EROFS)
#undef E
    case 0:
        return "0";
    }
    snprintf(other, sizeof other, "errno %d", e);
    return other;
}

/*
 * Error tables: each expect_err() that does not see -1 with the wanted
 * errno is added to a list, and the case fails at its end with the whole
 * list, so that one report names every call that answers wrongly.
 */
static char fails[900];
static int nfails;

static void begin(void)
{
    fails[0] = '\0';
    nfails = 0;
}

static void expect_err(const char *what, long r, int want)
{
    int e = errno;
    if (r == -1 && e == want)
        return;
    nfails++;
    size_t n = strlen(fails);
    if (n + 60 < sizeof fails)
        snprintf(fails + n, sizeof fails - n, "%s%s: %s (want %s)", n ? "; " : "", what,
                 r == -1 ? ename(e) : "succeeded", ename(want));
}

/* ERR(label, call, errno): the call must fail with that errno. */
#define ERR(what, call, want)                                                     \
    do {                                                                          \
        errno = 0;                                                                \
        long _r = (long)(call);                                                   \
        expect_err(what, _r, want);                                               \
    } while (0)

/* Record a failure that is not an errno. */
static void note_fail(const char *what)
{
    errno = 0;
    nfails++;
    size_t n = strlen(fails);
    if (n + 60 < sizeof fails)
        snprintf(fails + n, sizeof fails - n, "%s%s", n ? "; " : "", what);
}

#define END() CHECKF(nfails == 0, "%d wrong: %s", nfails, fails)

/* ---- descriptors: fork, exec, close-on-exec, dup ------------------------- */

static void test_fork_shared_offset(void)
{
    int fd = open(P("shared"), O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0)
        _exit(write(fd, "child\n", 6) == 6 ? 0 : 1);
    CHECK(wait_status(pid) == 0);
    /* One struct file, one offset: the child's write moved ours. */
    CHECKF(lseek(fd, 0, SEEK_CUR) == 6, "offset after the child's write: %ld",
           (long)lseek(fd, 0, SEEK_CUR));
    CHECK(write(fd, "parent\n", 7) == 7);
    CHECK(strcmp(contents(P("shared")), "child\nparent\n") == 0);
    /* And a child's lseek moves it too. */
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0)
        _exit(lseek(fd, 2, SEEK_SET) == 2 ? 0 : 1);
    CHECK(wait_status(pid) == 0);
    CHECK(lseek(fd, 0, SEEK_CUR) == 2);
    /* A second open() is a file of its own, with its own offset. */
    int fd2 = open(P("shared"), O_RDONLY);
    CHECK(fd2 >= 0);
    CHECK(lseek(fd2, 0, SEEK_CUR) == 0);
    close(fd2);
    close(fd);
}

static void test_exec_keeps_fd(void)
{
    CHECK(make_file(P("inherit"), "0123456789") == 0);
    int fd = open(P("inherit"), O_RDONLY);
    CHECK(fd >= 0);
    CHECK(lseek(fd, 3, SEEK_SET) == 3);
    char fds[16], ino[32];
    snprintf(fds, sizeof fds, "%d", fd);
    snprintf(ino, sizeof ino, "%llu", ino_of(P("inherit")));
    /* The new program finds the same open file at the same number, with
     * the same offset. */
    const char *args[] = { self, "--fstat", fds, ino, "3", NULL };
    int st = run_helper(args);
    CHECKF(st == 0, "helper: status %d (3: EBADF, 4: other inode, 5: offset)", st);
    close(fd);
}

static void test_cloexec(void)
{
    CHECK(make_file(P("ce"), "x") == 0);
    int a = open(P("ce"), O_RDWR);                          /* plain */
    CHECK(a >= 0);
    CHECK(fcntl(a, F_GETFD) == 0);
    int b = open(P("ce"), O_RDONLY | O_CLOEXEC);            /* open O_CLOEXEC */
    CHECK(b >= 0);
    CHECK(fcntl(b, F_GETFD) == FD_CLOEXEC);
    int c = dup(b);                                         /* dup: flag not copied */
    CHECK(c >= 0);
    CHECK(fcntl(c, F_GETFD) == 0);
    int d = fcntl(a, F_DUPFD_CLOEXEC, 0);                   /* F_DUPFD_CLOEXEC */
    CHECK(d >= 0);
    CHECK(fcntl(d, F_GETFD) == FD_CLOEXEC);
    int dd = fcntl(b, F_DUPFD, 0);                          /* F_DUPFD: not set */
    CHECK(dd >= 0 && fcntl(dd, F_GETFD) == 0);
    int e = 40;
    CHECK(dup3(a, e, O_CLOEXEC) == e);                      /* dup3 O_CLOEXEC */
    CHECK(fcntl(e, F_GETFD) == FD_CLOEXEC);
    int f = 41;
    CHECK(dup2(b, f) == f);                                 /* dup2: not set */
    CHECK(fcntl(f, F_GETFD) == 0);
    int g = dup(a);                                         /* F_SETFD */
    CHECK(g >= 0);
    CHECK(fcntl(g, F_SETFD, FD_CLOEXEC) == 0);
    CHECK(fcntl(g, F_GETFD) == FD_CLOEXEC);
    CHECK(fcntl(a, F_GETFD) == 0);                          /* per descriptor, not per file */
    CHECK(fcntl(a, F_SETFD, FD_CLOEXEC) == 0);
    CHECK(fcntl(a, F_SETFD, 0) == 0);
    CHECK(fcntl(a, F_GETFD) == 0);
    int p[2], q[2];
    CHECK(pipe2(p, O_CLOEXEC) == 0);                        /* pipe2 O_CLOEXEC */
    CHECK(fcntl(p[0], F_GETFD) == FD_CLOEXEC && fcntl(p[1], F_GETFD) == FD_CLOEXEC);
    CHECK(pipe(q) == 0);
    CHECK(fcntl(q[0], F_GETFD) == 0 && fcntl(q[1], F_GETFD) == 0);

    char spec[11][16];
    int fd[11] = { a, b, c, d, dd, e, f, g, p[0], p[1], q[0] };
    const char *want = "ococococcco";   /* o: open after exec, c: closed */
    const char *args[14] = { self, "--fds" };
    for (int i = 0; i < 11; i++) {
        snprintf(spec[i], sizeof spec[i], "%d=%c", fd[i], want[i]);
        args[2 + i] = spec[i];
    }
    args[13] = NULL;
    int st = run_helper(args);
    CHECKF(st == 0, "after exec: descriptor %s is %s", st >= 10 && st < 21 ? spec[st - 10] : "?",
           st >= 10 && st < 21 ? "wrong" : "(helper failed)");
    /* exec in the child changed nothing here. */
    CHECK(fcntl(b, F_GETFD) == FD_CLOEXEC && fcntl(g, F_GETFD) == FD_CLOEXEC);
    for (int i = 0; i < 11; i++)
        close(fd[i]);
    close(q[1]);
}

static void test_dup2_onto_open(void)
{
    CHECK(make_file(P("X"), "xxxx") == 0);
    CHECK(make_file(P("Y"), "yyyy") == 0);
    int x = open(P("X"), O_RDONLY), y = open(P("Y"), O_RDONLY);
    CHECK(x >= 0 && y >= 0);
    int y2 = dup(y);
    CHECK(y2 >= 0);
    CHECK(dup2(x, y) == y);
    struct stat st;
    CHECK(fstat(y, &st) == 0);
    CHECK(st.st_ino == ino_of(P("X")));
    char buf[8] = { 0 };
    CHECK(read(y, buf, 4) == 4 && memcmp(buf, "xxxx", 4) == 0);
    CHECK(read(x, buf, 4) == 0);                /* y and x share X's offset now */
    /* The file that was at y is still open through y2. */
    CHECK(read(y2, buf, 4) == 4 && memcmp(buf, "yyyy", 4) == 0);

    /* dup2 closed what was at newfd: a pipe's only write end. */
    int p[2];
    CHECK(pipe(p) == 0);
    CHECK(dup2(x, p[1]) == p[1]);
    CHECKF(read(p[0], buf, 1) == 0, "the pipe's writer was not closed by dup2");
    close(p[0]);
    /* ... but not if another descriptor still holds that writer. */
    CHECK(pipe(p) == 0);
    int w2 = dup(p[1]);
    CHECK(dup2(x, p[1]) == p[1]);
    CHECK(write(w2, "k", 1) == 1);
    CHECK(read(p[0], buf, 1) == 1 && buf[0] == 'k');
    CHECK(fcntl(p[0], F_SETFL, O_NONBLOCK) == 0);
    errno = 0;
    CHECKF(read(p[0], buf, 1) == -1 && errno == EAGAIN, "expected EAGAIN: a writer remains");
    close(w2);
    CHECK(read(p[0], buf, 1) == 0);
    close(p[0]);
    close(p[1]);
    close(x);
    close(y);
    close(y2);
}

static void test_dup_self_and_errors(void)
{
    int x = open(P("X"), O_RDONLY);
    CHECK(x >= 0);
    begin();
    errno = 0;
    long r = syscall(SYS_dup2, x, x);
    if (r != x)
        note_fail("dup2(fd, fd) did not return fd");
    ERR("dup3(fd, fd, 0)", syscall(SYS_dup3, x, x, 0), EINVAL);
    ERR("dup3(fd, 50, bad flags)", syscall(SYS_dup3, x, 50, 0x4), EINVAL);
    ERR("dup2(fd, -1)", syscall(SYS_dup2, x, -1), EBADF);
    ERR("dup2(fd, INT_MAX)", syscall(SYS_dup2, x, INT_MAX), EBADF);
    int keep = dup(x);
    int closed = dup(x);
    close(closed);
    ERR("dup2(closed, closed)", syscall(SYS_dup2, closed, closed), EBADF);
    /* A bad oldfd must leave newfd alone. */
    ERR("dup2(closed, open)", syscall(SYS_dup2, closed, keep), EBADF);
    if (fcntl(keep, F_GETFD) < 0)
        note_fail("dup2(closed, open) closed newfd");
    close(keep);
    close(x);
    END();
}

static void test_lowest_free_fd(void)
{
    int a = open(P("X"), O_RDONLY), b = open(P("X"), O_RDONLY), c = open(P("X"), O_RDONLY);
    CHECK(a >= 0 && b > a && c > b);
    close(b);
    CHECK(open(P("Y"), O_RDONLY) == b);         /* open takes the hole */
    close(a);
    CHECK(dup(c) == a);                         /* so does dup */
    close(b);
    CHECK(fcntl(c, F_DUPFD, 0) == b);           /* and F_DUPFD from 0 */
    CHECK(fcntl(c, F_DUPFD, 50) == 50);         /* F_DUPFD(min): lowest >= min */
    CHECK(fcntl(c, F_DUPFD, 50) == 51);
    close(50);
    CHECK(fcntl(c, F_DUPFD, 49) == 49);
    CHECK(fcntl(c, F_DUPFD, 49) == 50);
    close(a);
    close(b);
    int p[2];
    CHECK(pipe(p) == 0);
    CHECK(p[0] == a && p[1] == b);              /* pipe too: both ends lowest first */
    errno = 0;
    CHECK(fcntl(c, F_DUPFD, INT_MAX) == -1 && errno == EINVAL);
    errno = 0;
    CHECK(syscall(SYS_fcntl, c, F_DUPFD, -1L) == -1 && errno == EINVAL);
    for (int fd = 49; fd <= 51; fd++)
        close(fd);
    close(p[0]);
    close(p[1]);
    close(c);

    /* Running out: with a limit of 256 descriptors (weft's fixed table;
     * set on Linux), the last one is 255 and the next gets EMFILE. */
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        struct rlimit rl = { 256, 256 };
        setrlimit(RLIMIT_NOFILE, &rl);
        int last = -1, fd;
        while ((fd = dup(1)) >= 0)
            last = fd;
        _exit(last == 255 && errno == EMFILE ? 0 : 1);
    }
    CHECKF(wait_status(pid) == 0, "dup until the table is full: not 255 then EMFILE");
}

static void test_fcntl_getfl(void)
{
    CHECK(make_file(P("fl"), "x") == 0);
    int a = open(P("fl"), O_RDONLY | O_CLOEXEC);
    CHECK(a >= 0);
    int fl = fcntl(a, F_GETFL);
    CHECK((fl & O_ACCMODE) == O_RDONLY);
    /* O_CLOEXEC belongs to the descriptor (F_GETFD), not the open file. */
    CHECKF(!(fl & O_CLOEXEC), "F_GETFL of an O_CLOEXEC open: %#o includes O_CLOEXEC", fl);
    int b = open(P("fl"), O_WRONLY | O_APPEND | O_CREAT | O_TRUNC, 0644);
    CHECK(b >= 0);
    fl = fcntl(b, F_GETFL);
    CHECK((fl & O_ACCMODE) == O_WRONLY && (fl & O_APPEND));
    CHECKF(!(fl & (O_CREAT | O_TRUNC | O_EXCL)), "F_GETFL keeps creation flags: %#o", fl);
    /* F_SETFL cannot change the access mode, and acts on the open file,
     * which dup() shares. */
    CHECK(fcntl(b, F_SETFL, O_RDWR | O_NONBLOCK) == 0);
    CHECK((fcntl(b, F_GETFL) & O_ACCMODE) == O_WRONLY);
    int c = dup(b);
    CHECK(c >= 0 && (fcntl(c, F_GETFL) & O_NONBLOCK));
    int p[2];
    CHECK(pipe(p) == 0);
    CHECK((fcntl(p[0], F_GETFL) & O_ACCMODE) == O_RDONLY);
    CHECK((fcntl(p[1], F_GETFL) & O_ACCMODE) == O_WRONLY);
    errno = 0;
    CHECK(fcntl(a, 9999) == -1 && errno == EINVAL);             /* unknown command */
    close(a), close(b), close(c), close(p[0]), close(p[1]);
}

/* ---- regular files ------------------------------------------------------- */

static char wbuf[MIB], rbuf[MIB];

static void fill_random(char *buf, size_t n, uint64_t seed)
{
    uint64_t x = seed * 2654435761u + 1;
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        buf[i] = (char)x;
    }
}

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
    return on_weft ? t_free_frames() : -1;
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
        if (on_weft)
            CHECKF(held <= baseline - 256, "round %d: unlinked+open file holds %lld frames, "
                   "expected >= 256", round, baseline - held);
        CHECK(size_of(P("big")) == -1);
        close(fd);                              /* now they go back */
    }
    long long after = free_frames();
    if (on_weft)
        CHECKF(after >= baseline - LEAK_SLACK,
               "free frames %lld -> %lld after 3 x (write 1 MiB, read, unlink, close): "
               "%lld not returned (slack %d)", baseline, after, baseline - after, LEAK_SLACK);
    else
        printf("note: not weft: free frames not checked\n");
}

/* Truncation gives the pages back at once: O_TRUNC, ftruncate. */
static void test_truncate_frees_frames(void)
{
    if (!on_weft) {
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
    begin();
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
    begin();
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
    begin();
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

    begin();
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

/* ---- directories ----------------------------------------------------------- */

static long nlink_of(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_nlink : -1;
}

static void test_mkdir_rmdir(void)
{
    CHECK(mkdir(P("dd"), 0755) == 0);
    struct stat st;
    CHECK(stat(P("dd"), &st) == 0 && S_ISDIR(st.st_mode));
    CHECK(st.st_nlink == 2);                    /* its name and its "." */
    CHECK(mkdir(P("dd/a"), 0755) == 0);
    CHECK(mkdir(P("dd/b/"), 0755) == 0);        /* a trailing slash is fine */
    CHECKF(nlink_of(P("dd")) == 4, "nlink with 2 subdirectories: %ld", nlink_of(P("dd")));
    CHECK(rmdir(P("dd/a")) == 0);
    CHECK(nlink_of(P("dd")) == 3);
    CHECK(!exists(P("dd/a")));
    CHECK(make_file(P("dd_f"), "f") == 0);
    begin();
    ERR("mkdir existing", mkdir(P("dd"), 0755), EEXIST);
    ERR("mkdir over a file", mkdir(P("dd_f"), 0755), EEXIST);
    ERR("mkdir with a missing parent", mkdir(P("dd/x/y"), 0755), ENOENT);
    ERR("rmdir non-empty", rmdir(P("dd")), ENOTEMPTY);
    ERR("rmdir dd/b/.", rmdir(P("dd/b/.")), EINVAL);
    ERR("rmdir dd/b/..", rmdir(P("dd/b/..")), ENOTEMPTY);
    ERR("rmdir /", rmdir("/"), EBUSY);
    ERR("mkdir /", mkdir("/", 0755), EEXIST);
    END();
    CHECK(rmdir(P("dd/b")) == 0);
    CHECK(rmdir(P("dd")) == 0);
    CHECK(!exists(P("dd")));
}

static void test_rename(void)
{
    CHECK(make_file(P("ra"), "A") == 0);
    CHECK(make_file(P("rb"), "B") == 0);
    int fb = open(P("rb"), O_RDONLY);
    CHECK(fb >= 0);
    CHECK(rename(P("ra"), P("rb")) == 0);       /* replaces rb */
    CHECK(!exists(P("ra")));
    CHECK(strcmp(contents(P("rb")), "A") == 0);
    char c;
    CHECK(read(fb, &c, 1) == 1 && c == 'B');    /* the replaced file lives while open */
    close(fb);
    CHECK(rename(P("rb"), P("rb")) == 0);       /* onto itself: nothing happens */
    CHECK(strcmp(contents(P("rb")), "A") == 0);
    /* Two names of one file: "rename() shall return successfully and
     * perform no other action" (POSIX; rename(2) on Linux). */
    begin();
    CHECK(link(P("rb"), P("rb2")) == 0);
    CHECK(rename(P("rb"), P("rb2")) == 0);
    if (!exists(P("rb")) || !exists(P("rb2")))
        note_fail(!exists(P("rb")) ? "rename(a, b), a and b links to one file, removed a"
                                   : "rename(a, b), a and b links to one file, removed b");

    /* Directories. */
    CHECK(mkdir(P("rd"), 0755) == 0 && mkdir(P("rd/s"), 0755) == 0);
    CHECK(make_file(P("rd/s/f"), "f") == 0);
    CHECK(rename(P("rd"), P("re")) == 0);
    CHECK(!exists(P("rd")) && strcmp(contents(P("re/s/f")), "f") == 0);
    CHECK(rename(P("re/s"), P("s2")) == 0);     /* move up a level */
    CHECK(nlink_of(P("re")) == 2);
    CHECK(ino_of(P("s2/..")) == ino_of(base));  /* its ".." moved with it */
    CHECK(rename(P("s2"), P("re/s")) == 0);     /* and back */
    CHECK(ino_of(P("re/s/..")) == ino_of(P("re")));
    CHECK(nlink_of(P("re")) == 3);
    CHECK(mkdir(P("empty"), 0755) == 0);
    CHECK(make_file(P("rf"), "rf") == 0);

    ERR("dir into its own subtree", rename(P("re"), P("re/s/x")), EINVAL);
    ERR("dir into itself", rename(P("re"), P("re/x")), EINVAL);
    ERR("file over a dir", rename(P("rf"), P("empty")), EISDIR);
    ERR("dir over a file", rename(P("empty"), P("rf")), ENOTDIR);
    ERR("dir over a non-empty dir", rename(P("empty"), P("re")), ENOTEMPTY);
    ERR("missing source", rename(P("nothing"), P("x")), ENOENT);
    ERR("into /proc", rename(P("rf"), "/proc/rf"), EXDEV);
    END();
    CHECK(rename(P("re/s"), P("empty")) == 0);  /* dir over an empty dir: replaced */
    CHECK(strcmp(contents(P("empty/f")), "f") == 0);
    CHECK(nlink_of(P("re")) == 2);
}

struct seen {
    int count[1000];
    int dot, dotdot, other;
    char other_name[64];
};

/* Account for one directory entry of d1000. */
static void saw(struct seen *s, const char *name, int type)
{
    int n;
    if (strcmp(name, ".") == 0 && type == DT_DIR)
        s->dot++;
    else if (strcmp(name, "..") == 0 && type == DT_DIR)
        s->dotdot++;
    else if (name[0] == 'f' && strlen(name) == 5 && sscanf(name + 1, "%d", &n) == 1 && n >= 0 &&
             n < 1000 && type == DT_REG)
        s->count[n]++;
    else {
        s->other++;
        snprintf(s->other_name, sizeof s->other_name, "%s (type %d)", name, type);
    }
}

/* Every name exactly once, and nothing else. */
static int check_seen(const struct seen *s, char *why, size_t size)
{
    if (s->dot != 1 || s->dotdot != 1 || s->other) {
        snprintf(why, size, "'.' %d times, '..' %d times, %d others (%s)", s->dot, s->dotdot,
                 s->other, s->other_name);
        return -1;
    }
    for (int i = 0; i < 1000; i++)
        if (s->count[i] != 1) {
            snprintf(why, size, "f%04d seen %d times", i, s->count[i]);
            return -1;
        }
    return 0;
}

static void test_getdents_1000(void)
{
    char dir[64], name[96], why[200];
    snprintf(dir, sizeof dir, "/tmp/d1000.%d", getpid());
    CHECK(mkdir(dir, 0755) == 0);
    for (int i = 0; i < 1000; i++) {
        snprintf(name, sizeof name, "%s/f%04d", dir, i);
        int fd = open(name, O_WRONLY | O_CREAT | O_EXCL, 0644);
        CHECKF(fd >= 0, "creating %s: %s", name, strerror(errno));
        close(fd);
    }

    /* readdir(3). */
    static struct seen s;
    memset(&s, 0, sizeof s);
    DIR *d = opendir(dir);
    CHECK(d != NULL);
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        saw(&s, e->d_name, e->d_type);
    closedir(d);
    CHECKF(check_seen(&s, why, sizeof why) == 0, "readdir: %s", why);

    /* getdents64 with a buffer that holds two records at a time. */
    memset(&s, 0, sizeof s);
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    CHECK(fd >= 0);
    char buf[64] __attribute__((aligned(8)));
    long n, calls = 0, resume_off = -1;
    char resume_next[32] = "";
    while ((n = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0) {
        calls++;
        for (long at = 0; at < n;) {
            struct linux_dirent64 *de = (void *)(buf + at);
            CHECKF(de->d_reclen > 0 && at + de->d_reclen <= n, "bad d_reclen %u",
                   de->d_reclen);
            saw(&s, de->d_name, de->d_type);
            if (resume_off != -1 && !resume_next[0])
                snprintf(resume_next, sizeof resume_next, "%s", de->d_name);
            if (calls == 100 && resume_off == -1)
                resume_off = de->d_off;         /* the entry after this one ... */
            at += de->d_reclen;
        }
    }
    CHECKF(n == 0, "getdents64 ended with %ld (%s)", n, strerror(errno));
    CHECKF(calls >= 500, "only %ld calls for 1002 entries with a 64-byte buffer", calls);
    CHECKF(check_seen(&s, why, sizeof why) == 0, "getdents64: %s", why);
    CHECK(syscall(SYS_getdents64, fd, buf, sizeof buf) == 0);      /* still at the end */

    /* d_off is a position: seeking there resumes with the next entry. */
    CHECK(lseek(fd, resume_off, SEEK_SET) == resume_off);
    n = syscall(SYS_getdents64, fd, buf, sizeof buf);
    CHECK(n > 0);
    CHECKF(strcmp(((struct linux_dirent64 *)buf)->d_name, resume_next) == 0,
           "after lseek to d_off: %s, expected %s", ((struct linux_dirent64 *)buf)->d_name,
           resume_next);
    /* Too small for even one record. */
    errno = 0;
    CHECK(syscall(SYS_getdents64, fd, buf, 8) == -1 && errno == EINVAL);
    close(fd);

    for (int i = 0; i < 1000; i++) {
        snprintf(name, sizeof name, "%s/f%04d", dir, i);
        CHECKF(unlink(name) == 0, "unlink %s: %s", name, strerror(errno));
    }
    /* Empty now: just . and .. */
    fd = open(dir, O_RDONLY | O_DIRECTORY);
    CHECK(fd >= 0);
    char big[1024] __attribute__((aligned(8)));
    int entries = 0;
    while ((n = syscall(SYS_getdents64, fd, big, sizeof big)) > 0)
        for (long at = 0; at < n; at += ((struct linux_dirent64 *)(big + at))->d_reclen)
            entries++;
    close(fd);
    CHECKF(entries == 2, "%d entries in the emptied directory", entries);
    CHECK(rmdir(dir) == 0);
}

/*
 * The usual way to empty a directory: read it and unlink each name as it
 * comes. Every entry present from opendir() to the end must be returned
 * once (readdir(3): only files added or removed meanwhile are
 * unspecified), so nothing may be left behind. 300 names are more than
 * one getdents64 buffer of readdir holds.
 */
static void test_readdir_while_unlinking(void)
{
    char name[400];
    CHECK(mkdir(P("ru"), 0755) == 0);
    for (int i = 0; i < 300; i++) {
        snprintf(name, sizeof name, "%s/f%04d", P("ru"), i);
        int fd = open(name, O_WRONLY | O_CREAT, 0644);
        CHECK(fd >= 0);
        close(fd);
    }
    DIR *d = opendir(P("ru"));
    CHECK(d != NULL);
    struct dirent *e;
    int removed = 0;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(name, sizeof name, "%s/%s", P("ru"), e->d_name);
        removed += unlink(name) == 0;
    }
    closedir(d);
    int left = 0;
    d = opendir(P("ru"));
    CHECK(d != NULL);
    while ((e = readdir(d)) != NULL)
        left += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    CHECKF(removed == 300 && left == 0,
           "readdir+unlink of 300 files: %d returned and removed, %d never returned", removed,
           left);
    CHECK(rmdir(P("ru")) == 0);
}

static void test_cwd(void)
{
    char buf[PATH_MAX], want[PATH_MAX];
    int saved = open(".", O_RDONLY | O_DIRECTORY);
    CHECK(saved >= 0);
    CHECK(mkdir(P("c"), 0755) == 0 && mkdir(P("c/d"), 0755) == 0);
    CHECK(make_file(P("c/file"), "cf") == 0);
    CHECK(chdir(P("c/d")) == 0);
    CHECK(getcwd(buf, sizeof buf) && strcmp(buf, P("c/d")) == 0);
    CHECK(chdir("..") == 0);
    CHECK(getcwd(buf, sizeof buf) && strcmp(buf, P("c")) == 0);
    CHECK(strcmp(contents("file"), "cf") == 0);         /* relative to the cwd */
    CHECK(strcmp(contents("./d/../file"), "cf") == 0);
    CHECK(chdir("d/../d/./") == 0);
    CHECK(getcwd(buf, sizeof buf) && strcmp(buf, P("c/d")) == 0);
    CHECK(strcmp(contents("../file"), "cf") == 0);
    /* Renaming a directory on the way up renames the cwd's path. */
    CHECK(rename(P("c"), P("c2")) == 0);
    CHECK(getcwd(buf, sizeof buf) && strcmp(buf, P("c2/d")) == 0);
    CHECK(rename(P("c2"), P("c")) == 0);
    int bfd = open(base, O_RDONLY | O_DIRECTORY);
    CHECK(bfd >= 0);
    CHECK(fchdir(bfd) == 0);
    CHECK(getcwd(buf, sizeof buf) && strcmp(buf, base) == 0);
    close(bfd);
    /* The raw call returns the length with the NUL; ERANGE if it does not fit. */
    size_t len = strlen(base) + 1;
    CHECK(syscall(SYS_getcwd, buf, len) == (long)len);
    errno = 0;
    CHECK(syscall(SYS_getcwd, buf, len - 1) == -1 && errno == ERANGE);
    errno = 0;
    CHECK(syscall(SYS_getcwd, buf, 0) == -1 && errno == ERANGE);
    CHECK(chdir("/") == 0);
    CHECK(getcwd(buf, sizeof buf) && strcmp(buf, "/") == 0);
    CHECK(ino_of("/..") == ino_of("/"));                /* the root is its own parent */
    CHECK(chdir("/proc") == 0);                         /* across a mount point */
    CHECK(getcwd(buf, sizeof buf) && strcmp(buf, "/proc") == 0);
    CHECK(ino_of("..") == ino_of("/"));
    CHECK(ino_of("/proc/..") == ino_of("/"));

    begin();
    int ffd = open(P("c/file"), O_RDONLY);
    ERR("fchdir to a file", fchdir(ffd), ENOTDIR);
    ERR("chdir to a file", chdir(P("c/file")), ENOTDIR);
    ERR("chdir to nothing", chdir(P("c/none")), ENOENT);
    close(ffd);
    /* The cwd removed under us: getcwd and creating there say ENOENT. */
    snprintf(want, sizeof want, "%s", P("c/d"));
    if (chdir(want) == 0 && rmdir(want) == 0) {
        ERR("getcwd in a removed directory", syscall(SYS_getcwd, buf, sizeof buf), ENOENT);
        ERR("create in a removed directory", open("new", O_WRONLY | O_CREAT, 0644), ENOENT);
        ERR("mkdir in a removed directory", mkdir("newdir", 0755), ENOENT);
    } else {
        note_fail("chdir+rmdir of the cwd failed");
    }
    CHECK(fchdir(saved) == 0);
    close(saved);
    END();
}

static void test_relative_paths(void)
{
    CHECK(mkdir(P("r"), 0755) == 0 && mkdir(P("r/x"), 0755) == 0);
    CHECK(make_file(P("r/x/f"), "rel") == 0);
    CHECK(strcmp(contents(P("r/./x/../x//f")), "rel") == 0);
    CHECK(strcmp(contents(P("r/x/../../r/x/f")), "rel") == 0);
    int dfd = open(P("r"), O_RDONLY | O_DIRECTORY);
    CHECK(dfd >= 0);
    int fd = openat(dfd, "x/f", O_RDONLY);      /* relative to a directory fd */
    CHECK(fd >= 0);
    char buf[8] = { 0 };
    CHECK(read(fd, buf, 3) == 3 && memcmp(buf, "rel", 3) == 0);
    struct stat st;
    CHECK(fstatat(dfd, "x", &st, 0) == 0 && S_ISDIR(st.st_mode));
    CHECK(mkdirat(dfd, "y", 0755) == 0 && exists(P("r/y")));
    CHECK(unlinkat(dfd, "y", AT_REMOVEDIR) == 0 && !exists(P("r/y")));
    begin();
    ERR("openat with a file as dirfd", openat(fd, "f", O_RDONLY), ENOTDIR);
    ERR("openat with a bad dirfd", openat(999, "f", O_RDONLY), EBADF);
    int afd = openat(999, P("r/x/f"), O_RDONLY);        /* absolute: dirfd ignored */
    if (afd < 0)
        note_fail("openat(bad dirfd, absolute path) failed");
    close(afd);
    ERR("x/f/. (a file as directory)", open(P("r/x/f/."), O_RDONLY), ENOTDIR);
    close(fd);
    close(dfd);
    END();
}

static void test_symlink(void)
{
    CHECK(make_file(P("target"), "target text") == 0);
    CHECK(symlink("target", P("lnk")) == 0);            /* relative to the link's dir */
    char buf[64];
    memset(buf, 'Z', sizeof buf);
    CHECK(readlink(P("lnk"), buf, sizeof buf) == 6);
    CHECK(memcmp(buf, "target", 6) == 0 && buf[6] == 'Z');  /* no NUL added */
    memset(buf, 'Z', sizeof buf);
    CHECK(readlink(P("lnk"), buf, 3) == 3 && memcmp(buf, "tarZ", 4) == 0);  /* cut short */
    struct stat st, lst;
    CHECK(stat(P("lnk"), &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 11);
    CHECK(lstat(P("lnk"), &lst) == 0 && S_ISLNK(lst.st_mode) && lst.st_size == 6);
    CHECK(st.st_ino == ino_of(P("target")) && lst.st_ino != st.st_ino);
    CHECK(strcmp(contents(P("lnk")), "target text") == 0);
    CHECK(mkdir(P("sd"), 0755) == 0 && make_file(P("sd/in"), "in") == 0);
    CHECK(symlink(P("sd"), P("lnkdir")) == 0);          /* absolute target, a directory */
    CHECK(strcmp(contents(P("lnkdir/in")), "in") == 0);
    CHECK(symlink("../target", P("sd/up")) == 0);
    CHECK(strcmp(contents(P("sd/up")), "target text") == 0);
    CHECK(unlink(P("lnk")) == 0);                       /* removes the link only */
    CHECK(!exists(P("lnk")) && exists(P("target")));

    /* A dangling link: stat fails, lstat works; O_CREAT makes the target. */
    CHECK(symlink("made_by_open", P("dangling")) == 0);
    errno = 0;
    CHECK(stat(P("dangling"), &st) == -1 && errno == ENOENT);
    CHECK(lstat(P("dangling"), &st) == 0);
    begin();
    int fd = open(P("dangling"), O_WRONLY | O_CREAT, 0644);
    if (fd < 0)
        expect_err("open(dangling link, O_CREAT): Linux creates the target", fd, 0);
    close(fd);
    if (fd >= 0 && !exists(P("made_by_open")))
        note_fail("open(dangling link, O_CREAT) did not make the target");
    CHECK(lstat(P("dangling"), &st) == 0 && S_ISLNK(st.st_mode));

    CHECK(symlink("loop_b", P("loop_a")) == 0 && symlink("loop_a", P("loop_b")) == 0);
    ERR("stat of a link loop", stat(P("loop_a"), &st), ELOOP);
    ERR("open of a link loop", open(P("loop_a"), O_RDONLY), ELOOP);
    if (symlink("target", P("lnk")) != 0)
        note_fail("symlink again failed");
    ERR("O_NOFOLLOW on a link", open(P("lnk"), O_RDONLY | O_NOFOLLOW), ELOOP);
    ERR("symlink over an existing name", symlink("x", P("target")), EEXIST);
    ERR("readlink of a file", readlink(P("target"), buf, sizeof buf), EINVAL);
    ERR("readlink of a directory", readlink(base, buf, sizeof buf), EINVAL);
    ERR("readlink size 0", syscall(SYS_readlink, P("lnk"), buf, 0), EINVAL);
    ERR("symlink to \"\"", symlink("", P("empty_link")), ENOENT);
    END();
}

static void test_hard_link(void)
{
    CHECK(make_file(P("h1"), "one") == 0);
    CHECK(link(P("h1"), P("h2")) == 0);
    struct stat a, b;
    CHECK(stat(P("h1"), &a) == 0 && stat(P("h2"), &b) == 0);
    CHECK(a.st_ino == b.st_ino);
    CHECK(a.st_nlink == 2 && b.st_nlink == 2);
    int fd = open(P("h2"), O_WRONLY | O_APPEND);
    CHECK(fd >= 0 && write(fd, " two", 4) == 4);
    close(fd);
    CHECK(strcmp(contents(P("h1")), "one two") == 0);
    CHECK(unlink(P("h1")) == 0);
    CHECK(nlink_of(P("h2")) == 1);
    CHECK(strcmp(contents(P("h2")), "one two") == 0);
    CHECK(mkdir(P("hd"), 0755) == 0);
    begin();
    ERR("link to a directory", link(P("hd"), P("hd2")), EPERM);
    ERR("link over an existing name", link(P("h2"), P("hd")), EEXIST);
    ERR("link from a missing file", link(P("h1"), P("h3")), ENOENT);
    END();
}

static void test_access(void)
{
    CHECK(make_file(P("acc"), "a") == 0);
    CHECK(chmod(P("acc"), 0644) == 0);
    CHECK(access(P("acc"), F_OK) == 0);
    CHECK(access(P("acc"), R_OK | W_OK) == 0);
    CHECK(access(base, X_OK) == 0);             /* search permission on a directory */
    int dfd = open(base, O_RDONLY | O_DIRECTORY);
    CHECK(dfd >= 0);
    CHECK(faccessat(dfd, "acc", R_OK, 0) == 0);
    CHECK(faccessat(AT_FDCWD, P("acc"), W_OK, 0) == 0);
    begin();
    ERR("X_OK on a 0644 file", access(P("acc"), X_OK), EACCES);
    ERR("missing file", access(P("acc_none"), F_OK), ENOENT);
    ERR("bad mode bits", syscall(SYS_access, P("acc"), 0100), EINVAL);
    ERR("faccessat bad dirfd", syscall(SYS_faccessat, 999, "acc", R_OK), EBADF);
    int ffd = open(P("acc"), O_RDONLY);
    ERR("faccessat file as dirfd", syscall(SYS_faccessat, ffd, "acc", R_OK), ENOTDIR);
    close(ffd);
    END();
    CHECK(chmod(P("acc"), 0755) == 0);
    CHECK(access(P("acc"), X_OK) == 0);
    close(dfd);
}

static void test_stat_fields(void)
{
    CHECK(make_file(P("st"), "12345") == 0);
    struct stat st;
    CHECK(stat(P("st"), &st) == 0);
    CHECK(S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode));
    CHECK(st.st_size == 5 && st.st_nlink == 1 && st.st_blksize > 0);
    unsigned long long ino = st.st_ino;
    CHECK(mkdir(P("std"), 0755) == 0 && mkdir(P("std/a"), 0755) == 0 &&
          mkdir(P("std/b"), 0755) == 0 && make_file(P("std/f"), "") == 0);
    CHECK(stat(P("std"), &st) == 0 && S_ISDIR(st.st_mode));
    CHECKF(st.st_nlink == 4, "directory with 2 subdirectories and a file: st_nlink %lu",
           (unsigned long)st.st_nlink);
    CHECK(st.st_ino != ino);
    CHECK(stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode));
    CHECKF(st.st_rdev == 0x103, "/dev/null st_rdev %#lx, expected 1:3 (0x103)",
           (unsigned long)st.st_rdev);
    int p[2];
    CHECK(pipe(p) == 0);
    CHECK(fstat(p[0], &st) == 0 && S_ISFIFO(st.st_mode));
    close(p[0]);
    close(p[1]);
    CHECK(symlink("st", P("st_l")) == 0);
    CHECK(lstat(P("st_l"), &st) == 0 && S_ISLNK(st.st_mode));
    CHECK(fstatat(AT_FDCWD, P("st_l"), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode));
    int fd = open(P("st"), O_RDONLY);
    struct stat a, b;
    CHECK(fd >= 0 && fstat(fd, &a) == 0 && fstatat(fd, "", &b, AT_EMPTY_PATH) == 0);
    CHECK(a.st_ino == ino && b.st_ino == ino && a.st_size == 5);
    close(fd);
}

static void test_umask(void)
{
    mode_t old = umask(027);
    CHECK(umask(027) == 027);
    int fd = open(P("um1"), O_WRONLY | O_CREAT | O_EXCL, 0777);
    CHECK(fd >= 0);
    close(fd);
    struct stat st;
    CHECK(stat(P("um1"), &st) == 0);
    CHECKF((st.st_mode & 07777) == 0750, "umask 027, creat 0777: mode %o", st.st_mode & 07777);
    CHECK(mkdir(P("um_d"), 0777) == 0 && stat(P("um_d"), &st) == 0);
    CHECKF((st.st_mode & 07777) == 0750, "umask 027, mkdir 0777: mode %o", st.st_mode & 07777);
    CHECK(umask(0) == 027);
    fd = creat(P("um2"), 0666);
    CHECK(fd >= 0);
    close(fd);
    CHECK(stat(P("um2"), &st) == 0 && (st.st_mode & 07777) == 0666);
    /* O_CREAT on an existing file leaves its mode alone. */
    umask(077);
    fd = open(P("um2"), O_WRONLY | O_CREAT, 0600);
    CHECK(fd >= 0);
    close(fd);
    CHECK(stat(P("um2"), &st) == 0 && (st.st_mode & 07777) == 0666);
    umask(old);
}

/* ---- bad input ------------------------------------------------------------------- */

/* The path calls, each called with the path 'bad' in every position that
 * takes one (the others get good names), expecting errno 'want'. */
static void path_calls(const char *bad, int want)
{
    struct stat st;
    char buf[64];
    const char *file = P("bad_file"), *fresh = P("bad_fresh");
    ERR("open", syscall(SYS_open, bad, O_RDONLY), want);
    ERR("open O_CREAT", syscall(SYS_open, bad, O_WRONLY | O_CREAT, 0644), want);
    ERR("stat", syscall(SYS_stat, bad, &st), want);
    ERR("lstat", syscall(SYS_lstat, bad, &st), want);
    ERR("mkdir", syscall(SYS_mkdir, bad, 0755), want);
    ERR("rmdir", syscall(SYS_rmdir, bad), want);
    ERR("unlink", syscall(SYS_unlink, bad), want);
    ERR("rename from", syscall(SYS_rename, bad, fresh), want);
    ERR("rename to", syscall(SYS_rename, file, bad), want);
    ERR("chdir", syscall(SYS_chdir, bad), want);
    ERR("access", syscall(SYS_access, bad, F_OK), want);
    ERR("truncate", syscall(SYS_truncate, bad, 0), want);
    ERR("readlink", syscall(SYS_readlink, bad, buf, sizeof buf), want);
    ERR("symlink at", syscall(SYS_symlink, "x", bad), want);
    ERR("link from", syscall(SYS_link, bad, fresh), want);
    ERR("link to", syscall(SYS_link, file, bad), want);
}

static void test_bad_pointer(void)
{
    CHECK(make_file(P("bad_file"), "data") == 0);
    begin();
    path_calls(BADP, EFAULT);
    path_calls(KBADP, EFAULT);
    /* The targets of symlink and the buffers of stat and readlink. */
    struct stat st;
    ERR("symlink target", syscall(SYS_symlink, BADP, P("bad_fresh")), EFAULT);
    ERR("stat buffer", syscall(SYS_stat, P("bad_file"), BADP), EFAULT);
    ERR("stat buffer (kernel)", syscall(SYS_stat, P("bad_file"), KBADP), EFAULT);
    if (symlink("bad_file", P("bad_link")) == 0)
        ERR("readlink buffer", syscall(SYS_readlink, P("bad_link"), BADP, 64), EFAULT);
    int fd = open(P("bad_file"), O_RDWR);
    ERR("read into", syscall(SYS_read, fd, BADP, 4), EFAULT);
    ERR("read into (kernel)", syscall(SYS_read, fd, KBADP, 4), EFAULT);
    ERR("write from", syscall(SYS_write, fd, BADP, 4), EFAULT);
    ERR("write from (kernel)", syscall(SYS_write, fd, KBADP, 4), EFAULT);
    ERR("fstat buffer", syscall(SYS_fstat, fd, BADP), EFAULT);
    if (size_of(P("bad_file")) != 4 || strcmp(contents(P("bad_file")), "data") != 0)
        note_fail("a failed write changed the file");
    close(fd);
    ERR("pipe", syscall(SYS_pipe, BADP), EFAULT);
    ERR("getcwd", syscall(SYS_getcwd, BADP, 256), EFAULT);
    int dfd = open(base, O_RDONLY | O_DIRECTORY);
    ERR("getdents64", syscall(SYS_getdents64, dfd, BADP, 4096), EFAULT);
    close(dfd);
    /* A name that runs into an unmapped page before its NUL. */
    char *pages = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pages != MAP_FAILED && munmap(pages + 4096, 4096) == 0) {
        memset(pages, 'a', 4096);
        ERR("open, name without NUL before a hole", syscall(SYS_open, pages + 4000, O_RDONLY),
            EFAULT);
        ERR("stat, name without NUL before a hole", syscall(SYS_stat, pages + 4000, &st),
            EFAULT);
        munmap(pages, 4096);
    }
    CHECKF(!exists(P("bad_fresh")), "something created bad_fresh");
    END();
}

static void test_name_too_long(void)
{
    char name[300];
    memset(name, 'n', 256);
    name[256] = '\0';
    CHECK(make_file(P("bad_file"), "data") == 0);
    begin();
    path_calls(P(name), ENAMETOOLONG);                  /* a 256-byte component */
    char mid[600];
    snprintf(mid, sizeof mid, "%s/%s/x", base, name);
    struct stat st;
    ERR("stat, long component in the middle", stat(mid, &st), ENAMETOOLONG);
    static char target[PATH_MAX + 10];
    memset(target, 't', PATH_MAX);
    target[PATH_MAX] = '\0';
    ERR("symlink target of 4096 bytes", symlink(target, P("bad_fresh")), ENAMETOOLONG);

    /* A whole path of 4096 bytes (no room for the NUL in PATH_MAX) is too
     * long; one of 4095 is fine. */
    static char path[PATH_MAX + 10];
    memset(path, '/', PATH_MAX - 3);
    memcpy(path + PATH_MAX - 3, "tmp", 4);              /* strlen 4096 */
    path_calls(path, ENAMETOOLONG);
    const char *shorter = path + 1;                     /* strlen 4095 */
    if (stat(shorter, &st) != 0 || !S_ISDIR(st.st_mode))
        note_fail("stat of a 4095-byte path to /tmp failed");

    /* 255 bytes is the longest name, and it works. */
    name[255] = '\0';
    int fd = open(P(name), O_WRONLY | O_CREAT, 0644);
    if (fd < 0)
        note_fail("create a 255-byte name failed");
    close(fd);
    if (stat(P(name), &st) != 0 || unlink(P(name)) != 0)
        note_fail("stat+unlink of a 255-byte name failed");
    END();
}

static void test_missing_component(void)
{
    CHECK(make_file(P("bad_file"), "data") == 0);
    begin();
    path_calls(P("no_dir/x"), ENOENT);                  /* a directory that is not there */
    struct stat st;
    ERR("open a missing file", open(P("no_file"), O_RDONLY), ENOENT);
    ERR("stat a missing file", stat(P("no_file"), &st), ENOENT);
    ERR("unlink a missing file", unlink(P("no_file")), ENOENT);
    ERR("rmdir a missing dir", rmdir(P("no_file")), ENOENT);
    ERR("readlink a missing file", readlink(P("no_file"), (char[8]){ 0 }, 8), ENOENT);
    END();
}

static void test_not_a_directory(void)
{
    CHECK(make_file(P("bad_file"), "data") == 0);
    begin();
    path_calls(P("bad_file/x"), ENOTDIR);               /* a file used as a directory */
    struct stat st;
    ERR("open O_DIRECTORY of a file", open(P("bad_file"), O_RDONLY | O_DIRECTORY), ENOTDIR);
    ERR("stat file/", stat(P("bad_file/"), &st), ENOTDIR);
    ERR("open file/", open(P("bad_file/"), O_RDONLY), ENOTDIR);
    ERR("open file/ O_CREAT", open(P("bad_file/"), O_RDONLY | O_CREAT, 0644), EISDIR);
    ERR("rmdir of a file", rmdir(P("bad_file")), ENOTDIR);
    int ffd = open(P("bad_file"), O_RDONLY);
    char dents[256] __attribute__((aligned(8)));
    ERR("getdents64 of a file", syscall(SYS_getdents64, ffd, dents, sizeof dents), ENOTDIR);
    ERR("fchdir to a file", fchdir(ffd), ENOTDIR);
    close(ffd);
    /* A trailing slash says "directory": these must not touch the file.
     * Each starts again from a fresh bad_file, and says what it did. */
    const char *slashed[3] = { "unlink file/", "rename file/ new", "rename file new/" };
    for (int i = 0; i < 3; i++) {
        unlink(P("bad_fresh"));
        CHECK(make_file(P("bad_file"), "data") == 0);
        if (i == 0)
            ERR(slashed[i], unlink(P("bad_file/")), ENOTDIR);
        else if (i == 1)
            ERR(slashed[i], rename(P("bad_file/"), P("bad_fresh")), ENOTDIR);
        else
            ERR(slashed[i], rename(P("bad_file"), P("bad_fresh/")), ENOTDIR);
        if (!exists(P("bad_file")))
            note_fail(i == 0 ? "(it removed the file)" : "(it moved the file)");
    }
    unlink(P("bad_fresh"));
    END();
}

static void test_directory_errors(void)
{
    CHECK(mkdir(P("de"), 0755) == 0 && make_file(P("de/f"), "f") == 0);
    begin();
    ERR("rmdir non-empty", rmdir(P("de")), ENOTEMPTY);
    ERR("unlink a directory", unlink(P("de")), EISDIR);
    ERR("unlink /", unlink("/"), EISDIR);
    ERR("open dir O_WRONLY", open(P("de"), O_WRONLY), EISDIR);
    ERR("open dir O_RDWR", open(P("de"), O_RDWR), EISDIR);
    ERR("open dir O_CREAT", open(P("de"), O_RDONLY | O_CREAT, 0644), EISDIR);
    ERR("open dir O_TRUNC", open(P("de"), O_RDONLY | O_TRUNC), EISDIR);
    int fd = open(P("de"), O_RDONLY);
    if (fd < 0)
        note_fail("open dir O_RDONLY failed");
    char buf[8];
    ERR("read a directory", read(fd, buf, sizeof buf), EISDIR);
    close(fd);
    END();
}

static void test_rw_mode_errors(void)
{
    CHECK(make_file(P("rw"), "data") == 0);
    int ro = open(P("rw"), O_RDONLY), wo = open(P("rw"), O_WRONLY);
    CHECK(ro >= 0 && wo >= 0);
    char buf[8];
    int p[2];
    CHECK(pipe(p) == 0);
    begin();
    ERR("write a read-only fd", write(ro, "x", 1), EBADF);
    ERR("pwrite a read-only fd", pwrite(ro, "x", 1, 0), EBADF);
    ERR("read a write-only fd", read(wo, buf, 1), EBADF);
    ERR("pread a write-only fd", pread(wo, buf, 1, 0), EBADF);
    ERR("write a pipe's read end", write(p[0], "x", 1), EBADF);
    ERR("read a pipe's write end", read(p[1], buf, 1), EBADF);
    close(ro);
    close(wo);
    close(p[0]);
    close(p[1]);
    if (strcmp(contents(P("rw")), "data") != 0)
        note_fail("the file changed");
    END();
}

/* open(2): "Linux reserves the special, nonstandard access mode 3 ... to
 * mean: check for read and write permission on the file and return a file
 * descriptor that can't be used for reading or writing." */
static void test_open_accmode_3(void)
{
    CHECK(make_file(P("am"), "data") == 0);
    int fd = open(P("am"), O_ACCMODE);
    CHECKF(fd >= 0, "open(file, 3): %s; Linux returns a descriptor", ename(errno));
    char c;
    begin();
    ERR("read with access mode 3", read(fd, &c, 1), EBADF);
    ERR("write with access mode 3", write(fd, "x", 1), EBADF);
    close(fd);
    END();
}

static void test_bad_fds(void)
{
    int closed = dup(0);
    close(closed);
    int fds[] = { -1, 256, 100000, closed };
    char buf[64] __attribute__((aligned(8)));
    struct stat st;
    begin();
    for (int i = 0; i < 4; i++) {
        int fd = fds[i];
        char what[64];
#define BADFD(name, call)                                                         \
        snprintf(what, sizeof what, "%s(%d)", name, fd);                          \
        ERR(what, call, EBADF)
        BADFD("read", syscall(SYS_read, fd, buf, 1));
        BADFD("write", syscall(SYS_write, fd, "x", 1));
        BADFD("close", syscall(SYS_close, fd));
        BADFD("fstat", syscall(SYS_fstat, fd, &st));
        BADFD("lseek", syscall(SYS_lseek, fd, 0, SEEK_SET));
        BADFD("dup", syscall(SYS_dup, fd));
        BADFD("dup2", syscall(SYS_dup2, fd, 30));
        BADFD("fcntl", syscall(SYS_fcntl, fd, F_GETFD));
        BADFD("fcntl F_DUPFD", syscall(SYS_fcntl, fd, F_DUPFD, 0));
        BADFD("pread", syscall(SYS_pread64, fd, buf, 1, 0));
        BADFD("pwrite", syscall(SYS_pwrite64, fd, "x", 1, 0));
        BADFD("ftruncate", syscall(SYS_ftruncate, fd, 0));
        BADFD("fchdir", syscall(SYS_fchdir, fd));
        BADFD("getdents64", syscall(SYS_getdents64, fd, buf, sizeof buf));
        BADFD("fsync", syscall(SYS_fsync, fd));
#undef BADFD
    }
    if (fcntl(30, F_GETFD) >= 0)
        note_fail("dup2(bad, 30) opened 30");
    END();
}

static void test_create_in_proc(void)
{
    begin();
    /* Linux: the lookup of a new name in /proc fails first (ENOENT). */
    ERR("open /proc/newfile O_CREAT", open("/proc/newfile", O_WRONLY | O_CREAT, 0644), ENOENT);
    ERR("open /proc/newfile O_CREAT|O_EXCL",
        open("/proc/newfile", O_WRONLY | O_CREAT | O_EXCL, 0644), ENOENT);
    ERR("mkdir /proc/newdir", mkdir("/proc/newdir", 0755), ENOENT);
    ERR("symlink /proc/newlink", symlink("x", "/proc/newlink"), ENOENT);
    CHECK(make_file(P("pf"), "p") == 0);
    ERR("link into /proc", link(P("pf"), "/proc/pf"), ENOENT);
    ERR("unlink /proc/meminfo", unlink("/proc/meminfo"), EPERM);
    ERR("rename into /proc", rename(P("pf"), "/proc/pf"), EXDEV);
    END();
    CHECK(exists("/proc/meminfo"));
}

static void test_empty_path(void)
{
    CHECK(make_file(P("bad_file"), "data") == 0);
    begin();
    path_calls("", ENOENT);
    ERR("symlink target \"\"", symlink("", P("bad_fresh")), ENOENT);
    END();
}

/*
 * Out of memory: a child writes 1 MiB chunks to /tmp/big until write
 * fails. It touches no new memory once it starts (its buffers were
 * touched before, its results go to a shared page), so that nothing but
 * the file competes for frames. The write that runs out may be short; the
 * next fails with ENOSPC (or ENOMEM). The file keeps every byte that was
 * written. Once it is removed, the frames come back (slack: 64 frames,
 * for the kernel's caches and the child's page tables; the file is ~60000).
 */
struct oom_result {
    long long total;        /* bytes written, summed from write's returns */
    long long size;         /* fstat after the failure */
    int err;                /* errno of the failing write */
    int chunks, short_writes;
    int tail_ok;            /* the last bytes read back right */
    int done;
};

/* Touch 32 KiB of stack below us, so the child's stack is its own
 * before memory runs out (after fork, stack pages are copied on write). */
static void __attribute__((noinline)) touch_stack(void)
{
    volatile char pad[32 * 1024];
    for (size_t i = 0; i < sizeof pad; i += 512)
        pad[i] = 1;
}

static void test_enospc_keeps_data(void)
{
    if (!on_weft) {
        printf("note: not weft: filling the host's memory is skipped\n");
        return;
    }
    fill_random(wbuf, MIB, 7);
    memset(rbuf, 0, MIB);
    struct oom_result *res = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                                  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(res != MAP_FAILED);
    memset(res, 0, sizeof *res);
    unlink("/tmp/big");
    long long baseline = t_free_frames();
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        touch_stack();
        errno = 0;                              /* errno's page too (write() sets it) */
        memset(rbuf, 1, 8192);                  /* our own copy now, before memory runs out */
        struct stat st;
        int fd = open("/tmp/big", O_RDWR | O_CREAT | O_TRUNC, 0644);
        if (fd < 0)
            _exit(2);
        long long total = 0;
        ssize_t last = 0;                       /* the last write that wrote something */
        for (int i = 0; i < 4096; i++) {        /* 4 GiB: more than any test machine */
            ssize_t n = write(fd, wbuf, MIB);
            if (n < 0) {
                res->err = errno;
                break;
            }
            res->chunks++;
            res->short_writes += n < MIB;
            total += n;
            if (n > 0)
                last = n;
        }
        res->total = total;
        res->size = fstat(fd, &st) == 0 ? st.st_size : -1;
        /* The file ends with the last write's bytes, wbuf[0 .. last). */
        ssize_t m = last < 4096 ? last : 4096;
        ssize_t n = pread(fd, rbuf, (size_t)m, total - m);
        res->tail_ok = m > 0 && n == m && memcmp(rbuf, wbuf + last - m, (size_t)m) == 0;
        res->done = 1;
        _exit(0);
    }
    int st = wait_status(pid);
    int unlinked = unlink("/tmp/big");
    long long after = t_free_frames();
    printf("note: out of memory after %d writes of 1 MiB (%lld bytes, %d short), errno %s; "
           "free frames %lld -> %lld\n", res->chunks, res->total, res->short_writes,
           ename(res->err), baseline, after);
    CHECKF(st == 0 && res->done, "the writer did not finish: status %d", st);
    CHECKF(unlinked == 0, "unlink /tmp/big after the writer exited: %s", strerror(errno));
    CHECKF(res->err == ENOSPC || res->err == ENOMEM, "the failing write: %s, want ENOSPC",
           ename(res->err));
    CHECKF(res->total > 0 && res->size == res->total, "file size %lld, writes returned %lld",
           res->size, res->total);
    CHECKF(res->tail_ok, "the file's last bytes are not the last write's");
    CHECKF(after >= baseline - 64, "free frames %lld before, %lld after removing the file",
           baseline, after);
    munmap(res, 4096);
}

/* ---- the exec helper and main ---------------------------------------------- */

static int helper(int argc, char **argv)
{
    if (strcmp(argv[1], "--fstat") == 0 && argc == 5) {
        int fd = atoi(argv[2]);
        struct stat st;
        if (fstat(fd, &st) != 0)
            return 3;
        if (st.st_ino != strtoull(argv[3], NULL, 10))
            return 4;
        return lseek(fd, 0, SEEK_CUR) == atol(argv[4]) ? 0 : 5;
    }
    if (strcmp(argv[1], "--fds") == 0) {
        for (int i = 2; i < argc; i++) {
            int fd = atoi(argv[i]);
            char want = strchr(argv[i], '=')[1];
            int open_now = fcntl(fd, F_GETFD) >= 0;
            if (open_now != (want == 'o'))
                return 10 + i - 2;
        }
        return 0;
    }
    return 99;
}

/* rm -r, in passes until the directory is gone (a pass that unlinks as
 * it reads may miss names if readdir skips: see readdir_while_unlinking). */
static void remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (!S_ISDIR(st.st_mode)) {
        unlink(path);
        return;
    }
    for (int pass = 0; pass < 20 && rmdir(path) != 0 && errno == ENOTEMPTY; pass++) {
        DIR *d = opendir(path);
        struct dirent *e;
        char sub[PATH_MAX];
        while (d && (e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
            remove_tree(sub);
        }
        if (d)
            closedir(d);
    }
}

int main(int argc, char **argv)
{
    self = argv[0];
    if (argc > 1 && strncmp(argv[1], "--", 2) == 0)
        return helper(argc, argv);
    T_INIT("files", argc, argv);
    on_weft = t_weft_counter("free_frames") >= 0;
    snprintf(base, sizeof base, "/tmp/files.%d", getpid());
    if (mkdir(base, 0755) != 0) {
        printf("TEST FAIL user/files/setup: mkdir %s: %s\n", base, strerror(errno));
        return 1;
    }
    umask(022);

    RUN(test_fork_shared_offset);
    RUN(test_exec_keeps_fd);
    RUN(test_cloexec);
    RUN(test_dup2_onto_open);
    RUN(test_dup_self_and_errors);
    RUN(test_lowest_free_fd);
    RUN(test_fcntl_getfl);
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
    RUN(test_mkdir_rmdir);
    RUN(test_rename);
    RUN(test_getdents_1000);
    RUN(test_readdir_while_unlinking);
    RUN(test_cwd);
    RUN(test_relative_paths);
    RUN(test_symlink);
    RUN(test_hard_link);
    RUN(test_access);
    RUN(test_stat_fields);
    RUN(test_umask);
    RUN(test_bad_pointer);
    RUN(test_name_too_long);
    RUN(test_missing_component);
    RUN(test_not_a_directory);
    RUN(test_directory_errors);
    RUN(test_rw_mode_errors);
    RUN(test_open_accmode_3);
    RUN(test_bad_fds);
    RUN(test_create_in_proc);
    RUN(test_empty_path);

    remove_tree(base);
    /* Last: it fills the machine's memory (in a child) and gives it back. */
    RUN(test_enospc_keeps_data);
    return T_DONE();
}
