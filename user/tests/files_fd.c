/*
 * files_fd.c: file descriptors: one open file shared across fork (one
 * offset), inherited across exec, close-on-exec set and cleared every
 * way there is, dup2/dup3 onto open descriptors, the lowest-free rule up
 * to EMFILE, and F_GETFL/F_SETFL.
 *
 * Run with "--fds N=o|c ..." or "--fstat FD INO OFF", the program is the
 * helper that the exec cases run: it checks which descriptors it
 * inherited and exits 0, or 10 + the index of the first wrong one.
 *
 * Everything happens under /tmp/files.PID (t_files.h), removed at the end.
 * Like every files_* program, it also runs natively on Linux (the static
 * binary), which checks the expectations themselves.
 */
#include <fcntl.h>
#include <limits.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "t.h"
#include "t_child.h"
#include "t_errno.h"
#include "t_files.h"

static const char *self;                /* argv[0], for the exec cases */

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
    return reap_code(pid);
}

static void test_fork_shared_offset(void)
{
    int fd = open(P("shared"), O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0)
        _exit(write(fd, "child\n", 6) == 6 ? 0 : 1);
    CHECK(reap_code(pid) == 0);
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
    CHECK(reap_code(pid) == 0);
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
    bad_reset();
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
    CHECKF(reap_code(pid) == 0, "dup until the table is full: not 255 then EMFILE");
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

/* ---- the exec helper ----------------------------------------------------------- */

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

int main(int argc, char **argv)
{
    self = argv[0];
    if (argc > 1 && strncmp(argv[1], "--", 2) == 0)
        return helper(argc, argv);
    T_INIT("files_fd", argc, argv);
    if (files_setup() != 0)
        return 1;
    RUN(test_fork_shared_offset);
    RUN(test_exec_keeps_fd);
    RUN(test_cloexec);
    RUN(test_dup2_onto_open);
    RUN(test_dup_self_and_errors);
    RUN(test_lowest_free_fd);
    RUN(test_fcntl_getfl);
    files_cleanup();
    return T_DONE();
}
