/*
 * libc_dirent.c: reading directories with opendir/readdir (getdents64):
 * every entry exactly once, the right types, more entries than one
 * getdents64 buffer holds, rewinddir, fdopendir and the errors.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libc_check.h"

#define DIR_PATH "/tmp/libc_dirent.d"
#define NFILES 300                      /* ~30 bytes each: several buffers */

static void make_tree(void)
{
    mkdir(DIR_PATH, 0755);
    for (int i = 0; i < NFILES; i++) {
        char path[128];
        snprintf(path, sizeof path, DIR_PATH "/file-%03d", i);
        close(open(path, O_WRONLY | O_CREAT, 0644));
    }
    mkdir(DIR_PATH "/subdir", 0755);
    symlink("file-000", DIR_PATH "/link");
}

static void remove_tree(void)
{
    for (int i = 0; i < NFILES; i++) {
        char path[128];
        snprintf(path, sizeof path, DIR_PATH "/file-%03d", i);
        unlink(path);
    }
    rmdir(DIR_PATH "/subdir");
    unlink(DIR_PATH "/link");
    rmdir(DIR_PATH);
}

/* Read the whole directory; count what we see; 0 if something is off. */
static int scan(DIR *d, int *files, int *others)
{
    static char seen[NFILES];
    memset(seen, 0, sizeof seen);
    *files = *others = 0;
    int ok = 1;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d))) {
        int n;
        if (sscanf(e->d_name, "file-%d", &n) == 1) {
            ok &= n >= 0 && n < NFILES && !seen[n];   /* each exactly once */
            if (n >= 0 && n < NFILES)
                seen[n] = 1;
            ok &= e->d_type == DT_REG || e->d_type == DT_UNKNOWN;
            ok &= e->d_reclen >= 19 + strlen(e->d_name) + 1;
            (*files)++;
        } else if (strcmp(e->d_name, "subdir") == 0) {
            ok &= e->d_type == DT_DIR || e->d_type == DT_UNKNOWN;
            (*others)++;
        } else if (strcmp(e->d_name, "link") == 0) {
            ok &= e->d_type == DT_LNK || e->d_type == DT_UNKNOWN;
            (*others)++;
        } else if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
            (*others)++;
        } else {
            ok = 0;                             /* something we did not make */
        }
    }
    ok &= errno == 0;                           /* the end, not an error */
    return ok;
}

static void read_all_entries(void)
{
    make_tree();
    DIR *d = opendir(DIR_PATH);
    CHECK(d != NULL);
    int files, others;
    CHECK(scan(d, &files, &others));
    CHECK_EQ(files, NFILES);
    CHECK_EQ(others, 4);                        /* . .. subdir link */
    CHECK(readdir(d) == NULL);                  /* stays at the end */

    rewinddir(d);                               /* and again, from the start */
    CHECK(scan(d, &files, &others));
    CHECK_EQ(files, NFILES);
    CHECK_EQ(closedir(d), 0);
    remove_tree();
}

static void fdopendir_and_dirfd(void)
{
    make_tree();
    int fd = open(DIR_PATH, O_RDONLY | O_DIRECTORY);
    CHECK(fd >= 0);
    DIR *d = fdopendir(fd);
    CHECK(d != NULL);
    CHECK_EQ(dirfd(d), fd);
    int files, others;
    CHECK(scan(d, &files, &others));
    CHECK_EQ(files, NFILES);
    closedir(d);
    CHECK_EQ(fcntl(fd, F_GETFD), -1);           /* closedir closed it */
    CHECK_EQ(errno, EBADF);
    remove_tree();
}

static void errors(void)
{
    errno = 0;
    CHECK(opendir("/tmp/libc_dirent.none") == NULL);
    CHECK_EQ(errno, ENOENT);
    int fd = open("/tmp/libc_dirent.file", O_WRONLY | O_CREAT, 0644);
    errno = 0;
    CHECK(opendir("/tmp/libc_dirent.file") == NULL);
    CHECK_EQ(errno, ENOTDIR);
    errno = 0;
    CHECK(fdopendir(fd) == NULL);
    CHECK_EQ(errno, ENOTDIR);
    close(fd);
    unlink("/tmp/libc_dirent.file");
}

static void empty_directory(void)
{
    mkdir("/tmp/libc_dirent.empty", 0755);
    DIR *d = opendir("/tmp/libc_dirent.empty");
    int n = 0;
    while (readdir(d))
        n++;
    CHECK_EQ(n, 2);                             /* just . and .. */
    closedir(d);
    rmdir("/tmp/libc_dirent.empty");
}

static const struct check_case cases[] = {
    CASE(read_all_entries), CASE(fdopendir_and_dirfd), CASE(errors), CASE(empty_directory),
};

int main(int argc, char **argv)
{
    return RUN("dirent", cases);
}
