/*
 * dirent.c: reading directories with getdents64.
 *
 * The kernel fills a buffer with variable-length records (struct
 * linux_dirent64: inode, offset, record length, type, name). A DIR holds
 * that buffer; readdir returns a pointer to the next record in it, which
 * struct dirent matches field for field, and refills the buffer when it
 * runs out. The pointer is valid until the next readdir on the same DIR.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "syscall.h"

struct __dirstream {
    int fd;
    size_t pos, len;                    /* next record at buf[pos]; buf[len] ends */
    /* 8-byte aligned: the records' 64-bit fields are read in place. */
    char buf[4096] __attribute__((aligned(8)));
};

DIR *fdopendir(int fd)
{
    struct stat st;
    if (fstat(fd, &st) < 0)
        return NULL;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return NULL;
    }
    DIR *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->fd = fd;
    fcntl(fd, F_SETFD, FD_CLOEXEC);     /* a child should not inherit it */
    return d;
}

DIR *opendir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    DIR *d = calloc(1, sizeof *d);
    if (!d) {
        close(fd);
        return NULL;
    }
    d->fd = fd;
    return d;
}

struct dirent *readdir(DIR *d)
{
    if (d->pos >= d->len) {
        long n = __syscall3(__NR_getdents64, d->fd, d->buf, sizeof d->buf);
        if (n <= 0) {
            /* 0: the end (errno untouched, as POSIX asks); < 0: error. */
            if (n < 0)
                __syscall_ret(n);
            return NULL;
        }
        d->len = n;
        d->pos = 0;
    }
    struct dirent *e = (struct dirent *)(d->buf + d->pos);
    d->pos += e->d_reclen;
    return e;
}

void rewinddir(DIR *d)
{
    lseek(d->fd, 0, SEEK_SET);
    d->pos = d->len = 0;
}

int dirfd(DIR *d)
{
    return d->fd;
}

int closedir(DIR *d)
{
    int r = close(d->fd);
    free(d);
    return r;
}
