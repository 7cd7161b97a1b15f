/* printf.c: formatted output to streams and file descriptors. */
#include <unistd.h>

#include "format.h"
#include "stdio_impl.h"

struct file_sink {
    struct fmt_sink sink;
    FILE *f;
};

static void file_write(struct fmt_sink *sink, const char *s, size_t n)
{
    struct file_sink *fs = (struct file_sink *)sink;
    __stdio_write(fs->f, s, n);         /* errors set F_ERR, checked below */
}

int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
    struct file_sink fs = { { file_write, 0 }, f };
    FLOCK(f);
    __stdio_setup(f);
    int old_err = f->flags & F_ERR;
    f->flags &= ~F_ERR;

    /* An unbuffered stream (stderr) would get one write(2) per piece of
     * the format; lend it a buffer on the stack for this call, so each
     * message goes out whole, in one write. (glibc does the same.) */
    unsigned char tmp[512];
    int unbuffered = f->mode == _IONBF && f->state != READING;
    if (unbuffered) {
        f->buf = tmp;
        f->size = sizeof tmp;
        f->mode = _IOFBF;
    }
    int ret = __format(&fs.sink, fmt, ap);
    if (unbuffered) {
        __stdio_flush(f);
        f->buf = &f->tiny;
        f->size = 1;
        f->mode = _IONBF;
    }
    if (f->flags & F_ERR)
        ret = -1;
    f->flags |= old_err;
    FUNLOCK(f);
    return ret;
}

int fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int ret = vfprintf(f, fmt, ap);
    va_end(ap);
    return ret;
}

int vprintf(const char *restrict fmt, va_list ap)
{
    return vfprintf(stdout, fmt, ap);
}

int printf(const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int ret = vfprintf(stdout, fmt, ap);
    va_end(ap);
    return ret;
}

/* dprintf: to a file descriptor, through a small buffer on the stack. */
struct fd_sink {
    struct fmt_sink sink;
    int fd, failed;
    size_t len;
    char buf[256];
};

static void fd_flush(struct fd_sink *d)
{
    size_t done = 0;
    while (done < d->len) {
        ssize_t r = write(d->fd, d->buf + done, d->len - done);
        if (r <= 0) {
            d->failed = 1;
            break;
        }
        done += r;
    }
    d->len = 0;
}

static void fd_write(struct fmt_sink *sink, const char *s, size_t n)
{
    struct fd_sink *d = (struct fd_sink *)sink;
    while (n--) {
        if (d->len == sizeof d->buf)
            fd_flush(d);
        d->buf[d->len++] = *s++;
    }
}

int vdprintf(int fd, const char *restrict fmt, va_list ap)
{
    struct fd_sink d = { .sink = { fd_write, 0 }, .fd = fd };
    int ret = __format(&d.sink, fmt, ap);
    fd_flush(&d);
    return d.failed ? -1 : ret;
}

int dprintf(int fd, const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int ret = vdprintf(fd, fmt, ap);
    va_end(ap);
    return ret;
}
