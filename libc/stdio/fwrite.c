/* fwrite.c: writing to streams. */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "stdio_impl.h"

size_t fwrite(const void *restrict p, size_t size, size_t n, FILE *restrict f)
{
    if (size == 0 || n == 0)
        return 0;
    if (n > SIZE_MAX / size) {
        errno = EOVERFLOW;
        return 0;
    }
    FLOCK(f);
    size_t done = __stdio_write(f, p, size * n);
    FUNLOCK(f);
    return done / size;
}

int fputc(int c, FILE *f)
{
    unsigned char ch = (unsigned char)c;
    FLOCK(f);
    size_t done = __stdio_write(f, &ch, 1);
    FUNLOCK(f);
    return done == 1 ? ch : EOF;
}

int putc(int c, FILE *f)
{
    return fputc(c, f);
}

int putchar(int c)
{
    return fputc(c, stdout);
}

int fputs(const char *restrict s, FILE *restrict f)
{
    size_t n = strlen(s);
    return fwrite(s, 1, n, f) == n ? 0 : EOF;
}

/* puts adds the newline (fputs does not). */
int puts(const char *s)
{
    FLOCK(stdout);
    size_t n = strlen(s);
    int ok = __stdio_write(stdout, s, n) == n && __stdio_write(stdout, "\n", 1) == 1;
    FUNLOCK(stdout);
    return ok ? 0 : EOF;
}
