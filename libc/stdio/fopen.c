/* fopen.c: opening and closing streams. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stdio_impl.h"

/*
 * The mode string: r, w or a, then any of
 *   +  open for reading and writing     b  binary (no difference on POSIX)
 *   x  fail if the file exists (C11)    e  close on exec (glibc, musl)
 * Returns the open(2) flags and sets *stream_flags; -1 if malformed.
 */
int __stdio_parse_mode(const char *mode, int *stream_flags)
{
    int oflags;
    switch (*mode) {
    case 'r': oflags = O_RDONLY; *stream_flags = F_CAN_READ; break;
    case 'w': oflags = O_WRONLY | O_CREAT | O_TRUNC; *stream_flags = F_CAN_WRITE; break;
    case 'a': oflags = O_WRONLY | O_CREAT | O_APPEND; *stream_flags = F_CAN_WRITE; break;
    default: errno = EINVAL; return -1;
    }
    for (const char *m = mode + 1; *m; m++) {
        if (*m == '+') {
            oflags = (oflags & ~O_ACCMODE) | O_RDWR;
            *stream_flags = F_CAN_READ | F_CAN_WRITE;
        } else if (*m == 'x') {
            oflags |= O_EXCL;
        } else if (*m == 'e') {
            oflags |= O_CLOEXEC;
        }                               /* 'b' and anything else: ignored */
    }
    return oflags;
}

FILE *__stdio_new(int fd, int stream_flags)
{
    FILE *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->fd = fd;
    f->flags = stream_flags;
    f->mode = MODE_UNSET;               /* buffered unless it is a terminal */
    f->state = IDLE;
    f->ungot = EOF;
    __stdio_link(f);
    return f;
}

FILE *fopen(const char *restrict path, const char *restrict mode)
{
    int sflags, oflags = __stdio_parse_mode(mode, &sflags);
    if (oflags < 0)
        return NULL;
    int fd = open(path, oflags, 0666);  /* the umask takes away from 0666 */
    if (fd < 0)
        return NULL;
    FILE *f = __stdio_new(fd, sflags);
    if (!f)
        close(fd);
    return f;
}

/* A stream on an open descriptor (from pipe(), say). */
FILE *fdopen(int fd, const char *mode)
{
    int sflags, oflags = __stdio_parse_mode(mode, &sflags);
    if (oflags < 0)
        return NULL;
    if (fcntl(fd, F_GETFL) < 0)         /* EBADF if fd is not open */
        return NULL;
    if ((oflags & O_APPEND) && fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_APPEND) < 0)
        return NULL;
    return __stdio_new(fd, sflags);
}

/* Reuse f for another file (classically: to redirect stdin or stdout). */
FILE *freopen(const char *restrict path, const char *restrict mode, FILE *restrict f)
{
    int sflags, oflags = __stdio_parse_mode(mode, &sflags);
    fflush(f);
    if (oflags < 0 || !path) {          /* changing only the mode: unsupported */
        if (oflags >= 0)
            errno = EINVAL;
        fclose(f);
        return NULL;
    }
    FLOCK(f);
    int fd = open(path, oflags, 0666);
    if (fd >= 0 && fd != f->fd) {
        /* Keep the descriptor number: freopen(..., stdout) must leave
         * the new file on fd 1. */
        if (dup2(fd, f->fd) < 0) {
            close(fd);
            fd = -1;
        } else {
            close(fd);
        }
    }
    FUNLOCK(f);
    if (fd < 0) {
        fclose(f);
        return NULL;
    }
    f->flags = (f->flags & (F_OWN_BUF | F_STATIC)) | sflags;
    f->state = IDLE;
    f->pos = f->len = 0;
    f->ungot = EOF;
    return f;
}

int fclose(FILE *f)
{
    int ret = fflush(f);
    __stdio_unlink(f);                  /* first: the list lock comes before f's */
    FLOCK(f);
    if (close(f->fd) < 0)
        ret = EOF;
    if (f->flags & F_OWN_BUF)
        free(f->buf);
    FUNLOCK(f);
    if (!(f->flags & F_STATIC))
        free(f);
    return ret;
}

int fileno(FILE *f)
{
    return f->fd;
}
