/*
 * procbuf.c: a growable text buffer for /proc files.
 *
 * A /proc file's text is printed whole into a struct procbuf when the file
 * is opened, and read() then copies out of it (textfile.c). The buffer
 * starts small and doubles when full, so a generator never has to guess
 * how long its output will be. The generators run under spinlocks; that
 * is fine, because kmalloc() never sleeps.
 *
 * If memory runs out the buffer stops growing and remembers -ENOMEM, which
 * the open() reports: a /proc file is never silently cut short.
 */
#include "procfs.h"
#include "errno.h"
#include "format.h"
#include "kmalloc.h"
#include "string.h"

#define PB_INITIAL 512

void pb_init(struct procbuf *pb)
{
    pb->buf = NULL;
    pb->len = pb->cap = 0;
    pb->error = 0;
}

void pb_free(struct procbuf *pb)
{
    kfree(pb->buf);
    pb_init(pb);
}

/* Room for n more bytes, or false (with pb->error set). */
static bool pb_reserve(struct procbuf *pb, size_t n)
{
    if (pb->error)
        return false;
    if (pb->len + n <= pb->cap)
        return true;
    size_t cap = pb->cap ? pb->cap : PB_INITIAL;
    while (cap < pb->len + n)
        cap *= 2;
    char *bigger = kmalloc(cap);
    if (!bigger) {
        pb->error = -ENOMEM;
        return false;
    }
    if (pb->len)
        memcpy(bigger, pb->buf, pb->len);
    kfree(pb->buf);
    pb->buf = bigger;
    pb->cap = cap;
    return true;
}

void pb_putc(struct procbuf *pb, char c)
{
    if (pb_reserve(pb, 1))
        pb->buf[pb->len++] = c;
}

void pb_write(struct procbuf *pb, const void *data, size_t n)
{
    if (n && pb_reserve(pb, n)) {
        memcpy(pb->buf + pb->len, data, n);
        pb->len += n;
    }
}

/* vformat() hands us one character at a time. */
static void pb_putc_fn(void *arg, char c)
{
    pb_putc(arg, c);
}

void pb_printf(struct procbuf *pb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vformat(pb_putc_fn, pb, fmt, ap);
    va_end(ap);
}

void pb_pad_to(struct procbuf *pb, size_t line_start, size_t width)
{
    while (!pb->error && pb->len - line_start < width)
        pb_putc(pb, ' ');
    pb_putc(pb, ' ');
}
