/*
 * strtol.c: numbers from strings. One parser reads the magnitude; each
 * function then applies its own type's range.
 *
 *   [spaces] [+|-] [0x|0X (base 16 or 0)] [0 (base 0: octal)] digits
 *
 * Out of range: the result is clamped to the type's limit and errno is
 * ERANGE. No digits at all: 0, and *end = the start of the string.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>

/* Reads the magnitude into *mag (saturating at ULLONG_MAX and setting
 * *overflow). Returns 0 if no digits were found. */
static int parse(const char *s, char **end, int base, int *negative,
                 unsigned long long *mag, int *overflow)
{
    const char *p = s;
    *negative = *overflow = 0;
    *mag = 0;
    if (base < 0 || base == 1 || base > 36) {
        errno = EINVAL;
        if (end)
            *end = (char *)s;
        return 0;
    }
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '+' || *p == '-')
        *negative = *p++ == '-';
    /* "0x" is a prefix only when a hex digit follows: "0xz" is the
     * number 0 followed by "xz". */
    if ((base == 0 || base == 16) && p[0] == '0' && (p[1] | 32) == 'x' &&
        isxdigit((unsigned char)p[2])) {
        p += 2;
        base = 16;
    } else if (base == 0) {
        base = *p == '0' ? 8 : 10;
    }

    const char *digits = p;
    for (;; p++) {
        int c = (unsigned char)*p, d;
        if (isdigit(c))
            d = c - '0';
        else if (isalpha(c))
            d = (c | 32) - 'a' + 10;
        else
            break;
        if (d >= base)
            break;
        if (*mag > (ULLONG_MAX - d) / base)
            *overflow = 1;              /* keep reading: *end must move on */
        else
            *mag = *mag * base + d;
    }
    if (end)
        *end = (char *)(p == digits ? s : p);
    return p != digits;
}

static unsigned long long to_unsigned(const char *s, char **end, int base,
                                      unsigned long long max)
{
    int negative, overflow;
    unsigned long long mag;
    if (!parse(s, end, base, &negative, &mag, &overflow))
        return 0;
    if (overflow || mag > max) {
        errno = ERANGE;
        return max;
    }
    /* C says "-1" converts to the type's maximum: negation, unsigned. */
    return negative ? (-mag & max) : mag;
}

static long long to_signed(const char *s, char **end, int base, long long min,
                           long long max)
{
    int negative, overflow;
    unsigned long long mag;
    if (!parse(s, end, base, &negative, &mag, &overflow))
        return 0;
    /* |min| = max + 1, which only an unsigned type can hold. */
    unsigned long long limit = negative ? (unsigned long long)max + 1 : (unsigned long long)max;
    if (overflow || mag > limit) {
        errno = ERANGE;
        return negative ? min : max;
    }
    return negative ? (long long)(0 - mag) : (long long)mag;
}

long strtol(const char *restrict s, char **restrict end, int base)
{
    return to_signed(s, end, base, LONG_MIN, LONG_MAX);
}

long long strtoll(const char *restrict s, char **restrict end, int base)
{
    return to_signed(s, end, base, LLONG_MIN, LLONG_MAX);
}

unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
    return to_unsigned(s, end, base, ULONG_MAX);
}

unsigned long long strtoull(const char *restrict s, char **restrict end, int base)
{
    return to_unsigned(s, end, base, ULLONG_MAX);
}

intmax_t strtoimax(const char *restrict s, char **restrict end, int base)
{
    return to_signed(s, end, base, INTMAX_MIN, INTMAX_MAX);
}

uintmax_t strtoumax(const char *restrict s, char **restrict end, int base)
{
    return to_unsigned(s, end, base, UINTMAX_MAX);
}

/* The ato* functions: no error reporting at all. */
int atoi(const char *s)
{
    return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
    return strtol(s, NULL, 10);
}

long long atoll(const char *s)
{
    return strtoll(s, NULL, 10);
}
