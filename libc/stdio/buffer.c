/*
 * buffer.c: moving bytes between a FILE's buffer and its file descriptor.
 * Every stream operation is built from these; they assume the caller
 * holds the stream's lock.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stdio_impl.h"

/* First use: decide the buffering mode and get a buffer. */
int __stdio_setup(FILE *f)
{
    if (f->mode == MODE_UNSET) {
        int saved = errno;              /* a failed isatty sets ENOTTY: hide it */
        f->mode = isatty(f->fd) ? _IOLBF : _IOFBF;
        errno = saved;
    }
    if (f->buf)
        return 0;
    if (f->mode != _IONBF && (f->buf = malloc(BUFSIZ))) {
        f->size = BUFSIZ;
        f->flags |= F_OWN_BUF;
        return 0;
    }
    /* Unbuffered (or out of memory): a one-byte buffer, so reading still
     * works the same way, one read(2) per byte. */
    f->mode = _IONBF;
    f->buf = &f->tiny;
    f->size = 1;
    return 0;
}

/* write(2) until everything is out, retrying short writes and EINTR.
 * Returns how many bytes were written. */
static size_t write_all(int fd, const unsigned char *p, size_t n)
{
    size_t done = 0;
    while (done < n) {
        ssize_t r = write(fd, p + done, n - done);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        done += r;
    }
    return done;
}

int __stdio_flush(FILE *f)
{
    if (f->state != WRITING)
        return 0;
    size_t n = f->len;
    f->len = 0;
    f->state = IDLE;
    if (write_all(f->fd, f->buf, n) != n) {
        f->flags |= F_ERR;              /* the unwritten bytes are lost */
        return EOF;
    }
    return 0;
}

int __stdio_to_read(FILE *f)
{
    if (!(f->flags & F_CAN_READ)) {
        f->flags |= F_ERR;
        errno = EBADF;
        return EOF;
    }
    __stdio_setup(f);
    if (f->state == WRITING && __stdio_flush(f) == EOF)
        return EOF;
    if (f->state != READING) {
        f->state = READING;
        f->pos = f->len = 0;
    }
    return 0;
}

int __stdio_to_write(FILE *f)
{
    if (!(f->flags & F_CAN_WRITE)) {
        f->flags |= F_ERR;
        errno = EBADF;
        return EOF;
    }
    __stdio_setup(f);
    if (f->state == READING) {
        /* Give the read-ahead back, so the write lands where the program
         * thinks it is (fails harmlessly on a pipe). */
        off_t unread = (off_t)(f->len - f->pos) + (f->ungot != EOF);
        if (unread)
            lseek(f->fd, -unread, SEEK_CUR);
        f->ungot = EOF;
        f->state = IDLE;
    }
    if (f->state != WRITING) {
        f->state = WRITING;
        f->len = 0;
    }
    return 0;
}

/* C: asking a line-buffered or unbuffered stream for input flushes every
 * line-buffered output stream, so a prompt without a newline shows.
 * Threads: the caller holds its own stream's lock, so here we only *try*
 * the list lock and each stream's (taking them in the usual order could
 * deadlock); a stream another thread holds is being written right now
 * and gets flushed by that thread. */
void __stdio_flush_line_buffered(void)
{
    if (!__trylock(&__stdio_list_lock))
        return;
    for (FILE *g = __stdio_head; g; g = g->next) {
        if (g->mode == _IOLBF && g->state == WRITING && __rlock_trylock(&g->lock)) {
            __stdio_flush(g);
            __rlock_unlock(&g->lock);
        }
    }
    __unlock(&__stdio_list_lock);
}

/* Refill an empty read buffer. Returns the number of bytes now
 * available, or 0 at end of file (F_EOF) or on error (F_ERR). */
int __stdio_fill(FILE *f)
{
    if (f->mode != _IOFBF)
        __stdio_flush_line_buffered();
    ssize_t n = read(f->fd, f->buf, f->size);
    f->pos = 0;
    f->len = n > 0 ? (size_t)n : 0;
    if (n == 0)
        f->flags |= F_EOF;
    else if (n < 0)
        f->flags |= F_ERR;
    return (int)f->len;
}

int __stdio_getc(FILE *f)
{
    if (f->ungot != EOF) {
        int c = f->ungot;
        f->ungot = EOF;
        return c;
    }
    /* End of file is sticky (C11): after EOF, fgetc keeps returning EOF
     * until clearerr(), even if a terminal would give more. */
    if (f->flags & F_EOF)
        return EOF;
    if (f->state != READING && __stdio_to_read(f) == EOF)
        return EOF;
    if (f->pos == f->len && __stdio_fill(f) == 0)
        return EOF;
    return f->buf[f->pos++];
}

/* Append n bytes to the stream. Returns how many were accepted (less
 * than n only on error). */
size_t __stdio_write(FILE *f, const void *data, size_t n)
{
    const unsigned char *p = data;
    if (__stdio_to_write(f) == EOF)
        return 0;
    if (f->mode == _IONBF) {            /* straight through */
        size_t done = write_all(f->fd, p, n);
        if (done != n)
            f->flags |= F_ERR;
        f->state = IDLE;
        return done;
    }
    size_t done = 0;
    while (done < n) {
        if (f->len == 0 && n - done >= f->size) {
            /* More than a buffer's worth and nothing pending: skip the
             * copy and write it directly. */
            size_t w = write_all(f->fd, p + done, n - done);
            done += w;
            if (done != n) {
                f->flags |= F_ERR;
                return done;
            }
            break;
        }
        size_t take = f->size - f->len;
        if (take > n - done)
            take = n - done;
        memcpy(f->buf + f->len, p + done, take);
        f->len += take;
        done += take;
        if (f->len == f->size && __stdio_flush(f) == EOF)
            return 0;                   /* how much got out is unknown */
        f->state = WRITING;
    }
    /* Line buffered: a newline sends the line (and what came before). */
    if (f->mode == _IOLBF && memchr(p, '\n', n) && __stdio_flush(f) == EOF)
        return 0;
    return done;
}

/* Only before any I/O on the stream, as C requires. */
int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size)
{
    if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF) {
        errno = EINVAL;
        return -1;
    }
    FLOCK(f);
    if (f->flags & F_OWN_BUF)
        free(f->buf);
    f->flags &= ~F_OWN_BUF;
    f->mode = mode;
    f->buf = NULL;
    if (mode == _IONBF) {
        f->buf = &f->tiny;
        f->size = 1;
    } else if (buf && size) {
        f->buf = (unsigned char *)buf;  /* the caller's: never freed */
        f->size = size;
    }                                   /* else: malloc'ed at first use */
    FUNLOCK(f);
    return 0;
}

void setbuf(FILE *restrict f, char *restrict buf)
{
    setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}
