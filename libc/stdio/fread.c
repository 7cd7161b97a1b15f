/* fread.c: reading from streams. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "stdio_impl.h"

size_t fread(void *restrict p, size_t size, size_t n, FILE *restrict f)
{
    unsigned char *dst = p;
    if (size == 0 || n == 0)
        return 0;
    if (n > SIZE_MAX / size) {          /* the byte count would overflow */
        errno = EOVERFLOW;
        return 0;
    }
    size_t want = size * n, got = 0;
    FLOCK(f);
    if (want && f->ungot != EOF) {
        dst[got++] = (unsigned char)f->ungot;
        f->ungot = EOF;
    }
    while (got < want && !(f->flags & F_EOF)) {
        if (f->state != READING && __stdio_to_read(f) == EOF)
            break;
        if (f->pos == f->len && __stdio_fill(f) == 0)
            break;
        size_t take = f->len - f->pos;
        if (take > want - got)
            take = want - got;
        memcpy(dst + got, f->buf + f->pos, take);
        f->pos += take;
        got += take;
    }
    FUNLOCK(f);
    return got / size;                  /* whole items only */
}

int fgetc(FILE *f)
{
    FLOCK(f);
    int c = __stdio_getc(f);
    FUNLOCK(f);
    return c;
}

int getc(FILE *f)
{
    return fgetc(f);
}

int getchar(void)
{
    return fgetc(stdin);
}

/* One byte of push-back, which is what C guarantees. */
int ungetc(int c, FILE *f)
{
    if (c == EOF)
        return EOF;
    FLOCK(f);
    int ret = EOF;
    if (f->ungot == EOF) {
        f->ungot = (unsigned char)c;
        f->flags &= ~F_EOF;             /* there is a byte to read again */
        ret = (unsigned char)c;
    }
    FUNLOCK(f);
    return ret;
}

/* A line (with its '\n') or size-1 bytes, whichever comes first. */
char *fgets(char *restrict s, int size, FILE *restrict f)
{
    int i = 0, c = 0;
    if (size <= 0)
        return NULL;
    FLOCK(f);
    while (i < size - 1 && (c = __stdio_getc(f)) != EOF) {
        s[i++] = (char)c;
        if (c == '\n')
            break;
    }
    FUNLOCK(f);
    s[i] = '\0';
    /* NULL if nothing was read at end of file, or on a read error. */
    if ((c == EOF && i == 0) || (f->flags & F_ERR && c == EOF))
        return NULL;
    return s;
}

/*
 * Read up to and including delim into *line, a malloc'ed buffer of *cap
 * bytes that grows (doubling) as needed. Returns the length, or -1 at end
 * of file with nothing read, or on error.
 */
ssize_t getdelim(char **restrict line, size_t *restrict cap, int delim, FILE *restrict f)
{
    if (!line || !cap) {
        errno = EINVAL;
        return -1;
    }
    if (!*line)
        *cap = 0;
    size_t i = 0;
    int c;
    FLOCK(f);
    for (;;) {
        if (i + 2 > *cap) {             /* room for c and the NUL */
            size_t ncap = *cap ? *cap * 2 : 128;
            char *p = realloc(*line, ncap);
            if (!p) {
                f->flags |= F_ERR;
                FUNLOCK(f);
                return -1;
            }
            *line = p;
            *cap = ncap;
        }
        if ((c = __stdio_getc(f)) == EOF)
            break;
        (*line)[i++] = (char)c;
        if (c == delim)
            break;
    }
    FUNLOCK(f);
    (*line)[i] = '\0';
    if (i == 0 || (c == EOF && (f->flags & F_ERR)))
        return -1;
    return (ssize_t)i;
}

ssize_t getline(char **restrict line, size_t *restrict cap, FILE *restrict f)
{
    return getdelim(line, cap, '\n', f);
}
