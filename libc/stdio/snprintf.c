/* snprintf.c: formatting into memory. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"

/* A sink that fills buf[0..cap-1], silently dropping what does not fit,
 * while the engine goes on counting: snprintf returns the length the
 * whole output would have had. */
struct buf_sink {
    struct fmt_sink sink;
    char *buf;
    size_t cap;                         /* room left, excluding the NUL */
};

static void buf_write(struct fmt_sink *sink, const char *s, size_t n)
{
    struct buf_sink *b = (struct buf_sink *)sink;
    size_t take = n < b->cap ? n : b->cap;
    memcpy(b->buf, s, take);
    b->buf += take;
    b->cap -= take;
}

int vsnprintf(char *restrict s, size_t n, const char *restrict fmt, va_list ap)
{
    char dummy;
    struct buf_sink b = { { buf_write, 0 }, n ? s : &dummy, n ? n - 1 : 0 };
    int ret = __format(&b.sink, fmt, ap);
    *b.buf = '\0';                      /* always terminated (if n > 0) */
    return ret;
}

int snprintf(char *restrict s, size_t n, const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int ret = vsnprintf(s, n, fmt, ap);
    va_end(ap);
    return ret;
}

/* No bound: the caller promises the buffer is big enough. */
int vsprintf(char *restrict s, const char *restrict fmt, va_list ap)
{
    return vsnprintf(s, INT_MAX, fmt, ap);
}

int sprintf(char *restrict s, const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int ret = vsprintf(s, fmt, ap);
    va_end(ap);
    return ret;
}

/* Format twice: once to learn the length, once into a buffer that big. */
int vasprintf(char **out, const char *fmt, va_list ap)
{
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    if (n < 0 || !(*out = malloc((size_t)n + 1)))
        return -1;
    return vsnprintf(*out, (size_t)n + 1, fmt, ap);
}

int asprintf(char **out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int ret = vasprintf(out, fmt, ap);
    va_end(ap);
    return ret;
}
