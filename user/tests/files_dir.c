/*
 * files_dir.c: directories: mkdir and rmdir (and the link counts they
 * change), rename of files and directories, a directory of 1000 files
 * read with readdir and getdents64 (and resumed at a d_off), emptying a
 * directory while reading it, the working directory, relative paths and
 * the *at() calls.
 *
 * Everything happens under /tmp/files.PID (t_files.h), removed at the end.
 * Like every files_* program, it also runs natively on Linux (the static
 * binary), which checks the expectations themselves.
 */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <weft/dirent.h>

#include "t.h"
#include "t_child.h"
#include "t_errno.h"
#include "t_files.h"

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
    bad_reset();
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
    bad_reset();
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

/* A buffer that faults part way: the records before the fault are
 * returned, and the next call goes on from the first one not returned
 * (Linux's getdents64 does the same). */
static void test_getdents_fault_midway(void)
{
    int fd = open("/", O_RDONLY | O_DIRECTORY);
    CHECK(fd >= 0);
    char all[1024] __attribute__((aligned(8)));
    long n = syscall(SYS_getdents64, fd, all, sizeof all);
    struct linux_dirent64 *first = (void *)all;
    CHECK(n > first->d_reclen);                 /* at least two records */
    struct linux_dirent64 *second = (void *)(all + first->d_reclen);

    char *two = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(two != MAP_FAILED && munmap(two + 4096, 4096) == 0);
    char *buf = two + 4096 - first->d_reclen;   /* room for the first record only */
    CHECK(lseek(fd, 0, SEEK_SET) == 0);
    n = syscall(SYS_getdents64, fd, buf, 4096);
    CHECKF(n == first->d_reclen, "getdents64 into a half-mapped buffer: %ld (%s)", n,
           strerror(errno));
    char next[1024] __attribute__((aligned(8)));
    n = syscall(SYS_getdents64, fd, next, sizeof next);
    CHECKF(n > 0 && strcmp(((struct linux_dirent64 *)next)->d_name, second->d_name) == 0,
           "after the fault: %ld, expected %.32s next", n, second->d_name);
    munmap(two, 4096);
    close(fd);
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

    bad_reset();
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
    bad_reset();
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

int main(int argc, char **argv)
{
    T_INIT("files_dir", argc, argv);
    if (files_setup() != 0)
        return 1;
    RUN(test_mkdir_rmdir);
    RUN(test_rename);
    RUN(test_getdents_1000);
    RUN(test_getdents_fault_midway);
    RUN(test_readdir_while_unlinking);
    RUN(test_cwd);
    RUN(test_relative_paths);
    files_cleanup();
    return T_DONE();
}
