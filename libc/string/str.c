/* str.c: length, comparison, copying and concatenation of C strings. */
#include <string.h>

size_t strlen(const char *s)
{
    const char *p = s;
    while (*p)
        p++;
    return p - s;
}

size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n])
        n++;
    return n;
}

/* Like memcmp, the characters compare as unsigned char. */
int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *(const unsigned char *)a - *(const unsigned char *)b;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b)
            return *(const unsigned char *)a - *(const unsigned char *)b;
        if (!*a)
            break;
    }
    return 0;
}

/* The "C" locale collates by byte value. */
int strcoll(const char *a, const char *b)
{
    return strcmp(a, b);
}

char *strcpy(char *restrict dst, const char *restrict src)
{
    stpcpy(dst, src);
    return dst;
}

/* Like strcpy, but returns the end of the copy (its NUL), so that
 * stpcpy(stpcpy(p, a), b) concatenates without rescanning. */
char *stpcpy(char *restrict dst, const char *restrict src)
{
    while ((*dst = *src++))
        dst++;
    return dst;
}

/* strncpy always writes exactly n bytes: the string, then NULs. It does
 * NOT terminate dst when src is n bytes or longer. */
char *strncpy(char *restrict dst, const char *restrict src, size_t n)
{
    stpncpy(dst, src, n);
    return dst;
}

char *stpncpy(char *restrict dst, const char *restrict src, size_t n)
{
    size_t len = strnlen(src, n);
    memcpy(dst, src, len);
    memset(dst + len, 0, n - len);
    return dst + len;
}

/* BSD's safer copy: always terminates (when size > 0), and returns
 * strlen(src) so the caller can detect truncation (result >= size). */
size_t strlcpy(char *restrict dst, const char *restrict src, size_t size)
{
    size_t len = strlen(src);
    if (size) {
        size_t n = len < size - 1 ? len : size - 1;
        memcpy(dst, src, n);
        dst[n] = '\0';
    }
    return len;
}

size_t strlcat(char *restrict dst, const char *restrict src, size_t size)
{
    size_t dlen = strnlen(dst, size);
    if (dlen == size)               /* dst is not terminated within size */
        return size + strlen(src);
    return dlen + strlcpy(dst + dlen, src, size - dlen);
}

char *strcat(char *restrict dst, const char *restrict src)
{
    strcpy(dst + strlen(dst), src);
    return dst;
}

/* Appends at most n characters of src, then always a NUL. */
char *strncat(char *restrict dst, const char *restrict src, size_t n)
{
    char *d = dst + strlen(dst);
    size_t len = strnlen(src, n);
    memcpy(d, src, len);
    d[len] = '\0';
    return dst;
}

/* strchr(s, 0) finds the terminator, as C requires. */
char *strchr(const char *s, int c)
{
    char *p = strchrnul(s, c);
    return *p == (char)c ? p : NULL;
}

/* Like strchr, but returns the terminator instead of NULL. */
char *strchrnul(const char *s, int c)
{
    while (*s && *s != (char)c)
        s++;
    return (char *)s;
}

char *strrchr(const char *s, int c)
{
    const char *last = NULL;
    do {
        if (*s == (char)c)
            last = s;
    } while (*s++);
    return (char *)last;
}
