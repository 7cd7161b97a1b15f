/*
 * files_links.c: names and what stat says about them: symbolic links
 * (relative, absolute, dangling, looping), hard links, access(), the
 * fields of stat for files, directories, devices, pipes and links, and
 * the umask.
 *
 * Everything happens under /tmp/files.PID (t_files.h), removed at the end.
 * Like every files_* program, it also runs natively on Linux (the static
 * binary), which checks the expectations themselves.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "t.h"
#include "t_child.h"
#include "t_errno.h"
#include "t_files.h"

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
    bad_reset();
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
    bad_reset();
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
    bad_reset();
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

int main(int argc, char **argv)
{
    T_INIT("files_links", argc, argv);
    if (files_setup() != 0)
        return 1;
    RUN(test_symlink);
    RUN(test_hard_link);
    RUN(test_access);
    RUN(test_stat_fields);
    RUN(test_umask);
    files_cleanup();
    return T_DONE();
}
