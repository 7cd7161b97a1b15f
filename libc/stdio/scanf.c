/*
 * scanf.c: sscanf, reading values out of a string.
 *
 * Supported: whitespace (matches any amount, including none), literal
 * characters, and %[*][width][hh|h|l|ll|z|j|t] followed by one of
 * d i u o x X p (integers, through strtoll/strtoull), s c [set] n %.
 * Floating point (%f) is not: weft's libc has no strtod yet.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_J, LEN_T };

static void store_int(va_list *ap, enum length len, unsigned long long v)
{
    switch (len) {
    case LEN_HH: *va_arg(*ap, char *) = (char)v; break;
    case LEN_H: *va_arg(*ap, short *) = (short)v; break;
    case LEN_L: *va_arg(*ap, long *) = (long)v; break;
    case LEN_LL: *va_arg(*ap, long long *) = (long long)v; break;
    case LEN_Z: *va_arg(*ap, size_t *) = (size_t)v; break;
    case LEN_J: *va_arg(*ap, intmax_t *) = (intmax_t)v; break;
    case LEN_T: *va_arg(*ap, ptrdiff_t *) = (ptrdiff_t)v; break;
    default: *va_arg(*ap, int *) = (int)v; break;
    }
}

/* Does c belong to the scanset that starts after "%[" at *set? Leaves
 * *end just past the closing ']'. */
static int in_scanset(const char *set, int c, const char **end)
{
    int negate = *set == '^', found = 0;
    if (negate)
        set++;
    const char *p = set;
    if (*p == ']')                      /* "[]...]": ']' first is literal */
        found |= c == ']', p++;
    for (; *p && *p != ']'; p++) {
        if (p[1] == '-' && p[2] && p[2] != ']') {   /* a range a-z */
            found |= c >= (unsigned char)p[0] && c <= (unsigned char)p[2];
            p += 2;
        } else {
            found |= c == (unsigned char)*p;
        }
    }
    *end = *p ? p + 1 : p;
    return found != negate;
}

int vsscanf(const char *restrict str, const char *restrict fmt, va_list ap_in)
{
    va_list ap;
    va_copy(ap, ap_in);
    const unsigned char *s = (const unsigned char *)str;
    int assigned = 0, saved_errno = errno;
    int result = 0;

    for (const char *f = fmt; *f; f++) {
        if (isspace((unsigned char)*f)) {
            while (isspace(*s))
                s++;
            continue;
        }
        if (*f != '%' || f[1] == '%') {     /* a literal, or "%%" */
            if (*f == '%') {
                f++;
                while (isspace(*s))
                    s++;
            }
            if (*s != (unsigned char)*f)
                goto fail;
            s++;
            continue;
        }
        f++;
        int suppress = *f == '*';
        if (suppress)
            f++;
        long width = 0;
        while (isdigit((unsigned char)*f))
            width = width * 10 + (*f++ - '0');
        enum length len = LEN_NONE;
        if (*f == 'h') len = f[1] == 'h' ? (f++, LEN_HH) : LEN_H, f++;
        else if (*f == 'l') len = f[1] == 'l' ? (f++, LEN_LL) : LEN_L, f++;
        else if (*f == 'z') len = LEN_Z, f++;
        else if (*f == 'j') len = LEN_J, f++;
        else if (*f == 't') len = LEN_T, f++;
        char conv = *f;
        if (!conv)
            break;

        if (conv == 'n') {                  /* not an assignment */
            if (!suppress)
                store_int(&ap, len, (const char *)s - str);
            continue;
        }
        if (conv != 'c' && conv != '[')     /* these two see whitespace */
            while (isspace(*s))
                s++;
        if (!*s)
            goto fail;                      /* input ran out */

        if (strchr("diuoxXp", conv)) {
            /* Copy at most `width` characters so strtoll cannot read past
             * the field, then let it do the work. */
            char field[80];
            size_t n = strlen((const char *)s);
            if (width && (size_t)width < n)
                n = width;
            if (n >= sizeof field)
                n = sizeof field - 1;
            memcpy(field, s, n);
            field[n] = '\0';
            int base = conv == 'd' || conv == 'u' ? 10 : conv == 'i' ? 0
                     : conv == 'o' ? 8 : 16;
            char *end;
            unsigned long long v = conv == 'd' || conv == 'i'
                                   ? (unsigned long long)strtoll(field, &end, base)
                                   : strtoull(field, &end, base);
            if (end == field)
                goto fail;                  /* no number here */
            /* A "0x" with no hex digit after it (within the width) still
             * belongs to this field, as in glibc: "%2x" of "0x1f" is 0. */
            if ((*end | 32) == 'x' && (base == 16 || base == 0) && end[-1] == '0' &&
                (end - 1 == field || ((end - 2 == field) && (*field == '-' || *field == '+'))))
                end++;
            s += end - field;
            if (!suppress) {
                if (conv == 'p')
                    *va_arg(ap, void **) = (void *)(uintptr_t)v;
                else
                    store_int(&ap, len, v);
            }
        } else if (conv == 's' || conv == '[') {
            const char *set_end = f;
            char *out = suppress ? NULL : va_arg(ap, char *);
            long n = 0;
            while (*s && (!width || n < width)) {
                if (conv == 's' ? isspace(*s) : !in_scanset(f + 1, *s, &set_end))
                    break;
                if (out)
                    out[n] = (char)*s;
                n++, s++;
            }
            if (conv == '[') {
                in_scanset(f + 1, 0, &set_end);  /* find the ']' */
                f = set_end - 1;
            }
            if (n == 0)
                goto fail;
            if (out)
                out[n] = '\0';
        } else if (conv == 'c') {           /* width bytes (default 1), no NUL */
            if (!width)
                width = 1;
            /* Fewer left: take them (glibc does; the input ends there). */
            size_t n = strnlen((const char *)s, width);
            if (!suppress)
                memcpy(va_arg(ap, char *), s, n);
            s += n;
        } else {
            goto fail;                      /* unknown conversion */
        }
        if (!suppress)
            assigned++;
        continue;
    fail:
        /* C: EOF if the input ended before the first conversion. */
        if (!*s && assigned == 0)
            result = EOF;
        break;
    }
    va_end(ap);
    errno = saved_errno;                    /* strtoll's ERANGE is not ours */
    return result == EOF ? EOF : assigned;
}

int sscanf(const char *restrict s, const char *restrict fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int ret = vsscanf(s, fmt, ap);
    va_end(ap);
    return ret;
}
