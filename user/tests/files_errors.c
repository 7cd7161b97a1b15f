/*
 * files_errors.c: what every path and descriptor call answers to bad
 * input, with Linux's errno each time (the man pages are the
 * specification): bad pointers, names too long, missing components, a
 * file used as a directory, directories used as files, the wrong access
 * mode, bad descriptors, creating in /proc, the empty path.
 *
 * Everything happens under /tmp/files.PID (t_files.h), removed at the end.
 * Like every files_* program, it also runs natively on Linux (the static
 * binary), which checks the expectations themselves.
 */
#include <fcntl.h>
#include <limits.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "t.h"
#include "t_child.h"
#include "t_errno.h"
#include "t_files.h"

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
    bad_reset();
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
    bad_reset();
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
    bad_reset();
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
    bad_reset();
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
    bad_reset();
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
    bad_reset();
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
    bad_reset();
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
    bad_reset();
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
    bad_reset();
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
    bad_reset();
    path_calls("", ENOENT);
    ERR("symlink target \"\"", symlink("", P("bad_fresh")), ENOENT);
    END();
}

int main(int argc, char **argv)
{
    T_INIT("files_errors", argc, argv);
    if (files_setup() != 0)
        return 1;
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
    files_cleanup();
    return T_DONE();
}
