/*
 * format.c: the printf engine (see internal/format.h).
 *
 * A conversion specification is
 *
 *      % [flags] [width] [.precision] [length] conversion
 *        -+ #0    12 or *  .3 or .*    hh h l ll z j t L
 *
 * and each one is handled in three steps: parse it into a struct fmt_spec,
 * fetch the argument with va_arg at the type the length modifier names,
 * then lay out the field: sign or prefix, padding, digits.
 * Floating point lives in format_float.c.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>

#include "format.h"

/* Every byte of output goes through here, so the count is always right. */
void __fmt_out(struct fmt_sink *sink, const char *s, size_t n)
{
    if (n) {
        sink->write(sink, s, n);
        sink->count += n;
    }
}

/* n copies of c (nothing if n <= 0), in chunks. */
void __fmt_pad(struct fmt_sink *sink, char c, long n)
{
    char chunk[32];
    memset(chunk, c, sizeof chunk);
    for (; n > 0; n -= sizeof chunk)
        __fmt_out(sink, chunk, n < (long)sizeof chunk ? (size_t)n : sizeof chunk);
}

/* Length modifiers, in the order of the argument types they name. */
enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_J, LEN_T, LEN_BIG_L };

/*
 * Fetch an integer argument. Arguments narrower than int were promoted to
 * int by the caller, so %hhd reads an int and then truncates it to char.
 */
static uintmax_t arg_unsigned(va_list *ap, enum length len)
{
    switch (len) {
    case LEN_HH: return (unsigned char)va_arg(*ap, unsigned);
    case LEN_H: return (unsigned short)va_arg(*ap, unsigned);
    case LEN_L: return va_arg(*ap, unsigned long);
    case LEN_LL: return va_arg(*ap, unsigned long long);
    case LEN_Z: return va_arg(*ap, size_t);
    case LEN_J: return va_arg(*ap, uintmax_t);
    case LEN_T: return (uintmax_t)va_arg(*ap, ptrdiff_t);
    default: return va_arg(*ap, unsigned);
    }
}

static intmax_t arg_signed(va_list *ap, enum length len)
{
    switch (len) {
    case LEN_HH: return (signed char)va_arg(*ap, int);
    case LEN_H: return (short)va_arg(*ap, int);
    case LEN_L: return va_arg(*ap, long);
    case LEN_LL: return va_arg(*ap, long long);
    case LEN_Z: return va_arg(*ap, ssize_t);
    case LEN_J: return va_arg(*ap, intmax_t);
    case LEN_T: return va_arg(*ap, ptrdiff_t);
    default: return va_arg(*ap, int);
    }
}

/*
 * Lay out a field: [spaces] prefix [zeros] body [spaces], where the
 * leading or trailing spaces fill the width, and `zeros` is extra zero
 * padding already decided by the caller (precision or the '0' flag).
 */
static void emit_field(struct fmt_sink *sink, const struct fmt_spec *sp,
                       const char *prefix, long zeros, const char *body, size_t blen)
{
    long plen = strlen(prefix);
    long total = plen + zeros + (long)blen;
    if (!(sp->flags & FMT_MINUS))
        __fmt_pad(sink, ' ', sp->width - total);
    __fmt_out(sink, prefix, plen);
    __fmt_pad(sink, '0', zeros);
    __fmt_out(sink, body, blen);
    if (sp->flags & FMT_MINUS)
        __fmt_pad(sink, ' ', sp->width - total);
}

/* %d %i %u %o %x %X (and %p, which is %#lx). */
static void format_integer(struct fmt_sink *sink, const struct fmt_spec *sp,
                           uintmax_t u, int negative)
{
    char buf[3 * sizeof(uintmax_t)];    /* 22 octal digits fit */
    char *end = buf + sizeof buf, *d = end;
    unsigned base = 10;
    const char *xdigits = "0123456789abcdef";
    char prefix[3] = "";

    if (sp->conv == 'o')
        base = 8;
    else if (sp->conv == 'x' || sp->conv == 'X' || sp->conv == 'p')
        base = 16;
    if (sp->conv == 'X')
        xdigits = "0123456789ABCDEF";

    /* The digits, last first. "%.0d" of 0 prints no digits at all. */
    for (uintmax_t v = u; v; v /= base)
        *--d = xdigits[v % base];
    if (u == 0 && sp->prec != 0)
        *--d = '0';
    long ndigits = end - d;

    /* Precision = minimum number of digits. */
    long zeros = sp->prec > ndigits ? sp->prec - ndigits : 0;

    if (sp->conv == 'd' || sp->conv == 'i') {
        if (negative)
            prefix[0] = '-';
        else if (sp->flags & FMT_PLUS)
            prefix[0] = '+';
        else if (sp->flags & FMT_SPACE)
            prefix[0] = ' ';
    } else if (sp->flags & FMT_ALT) {
        /* '#': octal gets a leading 0 (unless one is already there);
         * hex gets 0x, but not for the value 0. */
        if (base == 8 && zeros == 0 && (ndigits == 0 || *d != '0'))
            zeros = 1;
        else if (base == 16 && u != 0) {
            prefix[0] = '0';
            prefix[1] = sp->conv == 'X' ? 'X' : 'x';
        }
    }

    /* '0' pads with zeros between the prefix and the digits, but only
     * when no precision was given (then precision decides the zeros). */
    if ((sp->flags & FMT_ZERO) && !(sp->flags & FMT_MINUS) && sp->prec < 0) {
        long fill = sp->width - (long)strlen(prefix) - zeros - ndigits;
        if (fill > 0)
            zeros += fill;
    }
    emit_field(sink, sp, prefix, zeros, d, ndigits);
}

/* %s, %c and the like: precision limits the bytes taken from s. */
static void format_string(struct fmt_sink *sink, const struct fmt_spec *sp, const char *s)
{
    if (!s)
        s = "(null)";                   /* glibc's choice; C says undefined */
    size_t n = sp->prec >= 0 ? strnlen(s, sp->prec) : strlen(s);
    emit_field(sink, sp, "", 0, s, n);
}

/* Parse a decimal number at *p (width or precision), saturating at INT_MAX. */
static int parse_number(const char **p)
{
    long n = 0;
    while (**p >= '0' && **p <= '9') {
        n = n * 10 + (*(*p)++ - '0');
        if (n > INT_MAX)
            n = INT_MAX;
    }
    return (int)n;
}

static enum length parse_length(const char **p)
{
    switch (*(*p)++) {
    case 'h':
        if (**p == 'h') {
            (*p)++;
            return LEN_HH;
        }
        return LEN_H;
    case 'l':
        if (**p == 'l') {
            (*p)++;
            return LEN_LL;
        }
        return LEN_L;
    case 'q': return LEN_LL;            /* BSD's name for ll */
    case 'z': return LEN_Z;
    case 'j': return LEN_J;
    case 't': return LEN_T;
    case 'L': return LEN_BIG_L;
    default:
        (*p)--;                         /* not a length: put it back */
        return LEN_NONE;
    }
}

int __format(struct fmt_sink *sink, const char *fmt, va_list ap_in)
{
    /* A copy we can hand to helpers by address (va_list is an array type
     * on x86-64, so it cannot be passed around by value and reused). */
    va_list ap;
    va_copy(ap, ap_in);
    int saved_errno = errno;            /* for %m */

    for (const char *p = fmt; *p;) {
        /* Copy everything up to the next '%' in one piece. */
        if (*p != '%') {
            const char *q = strchrnul(p, '%');
            __fmt_out(sink, p, q - p);
            p = q;
            continue;
        }
        const char *start = p++;        /* at the '%' */
        struct fmt_spec sp = { .flags = 0, .width = 0, .prec = -1, .conv = 0 };

        for (;; p++) {                  /* flags, in any order */
            if (*p == '-') sp.flags |= FMT_MINUS;
            else if (*p == '+') sp.flags |= FMT_PLUS;
            else if (*p == ' ') sp.flags |= FMT_SPACE;
            else if (*p == '0') sp.flags |= FMT_ZERO;
            else if (*p == '#') sp.flags |= FMT_ALT;
            else break;
        }
        if (*p == '*') {                /* width from the arguments */
            p++;
            sp.width = va_arg(ap, int);
            if (sp.width < 0) {         /* a negative width means '-' */
                sp.flags |= FMT_MINUS;
                sp.width = sp.width == INT_MIN ? INT_MAX : -sp.width;
            }
        } else {
            sp.width = parse_number(&p);
        }
        if (*p == '.') {
            p++;
            if (*p == '*') {
                p++;
                sp.prec = va_arg(ap, int);
                if (sp.prec < 0)        /* negative: as if not given */
                    sp.prec = -1;
            } else {
                sp.prec = parse_number(&p);
            }
        }
        enum length len = parse_length(&p);
        sp.conv = *p;
        if (*p)
            p++;

        switch (sp.conv) {
        case 'd':
        case 'i': {
            intmax_t v = arg_signed(&ap, len);
            /* The magnitude as unsigned: -INTMAX_MIN would overflow. */
            uintmax_t u = v < 0 ? -(uintmax_t)v : (uintmax_t)v;
            format_integer(sink, &sp, u, v < 0);
            break;
        }
        case 'u':
        case 'o':
        case 'x':
        case 'X':
            format_integer(sink, &sp, arg_unsigned(&ap, len), 0);
            break;
        case 'p': {
            void *ptr = va_arg(ap, void *);
            if (!ptr) {
                sp.prec = -1;
                format_string(sink, &sp, "(nil)");  /* as glibc prints it */
            } else {
                sp.flags |= FMT_ALT;
                format_integer(sink, &sp, (uintptr_t)ptr, 0);
            }
            break;
        }
        case 'c': {
            char c = (char)va_arg(ap, int);
            sp.prec = -1;
            emit_field(sink, &sp, "", 0, &c, 1);
            break;
        }
        case 's':
            format_string(sink, &sp, va_arg(ap, const char *));
            break;
        case 'm':                       /* glibc: the text of errno */
            format_string(sink, &sp, strerror(saved_errno));
            break;
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'G': {
            /* long double is narrowed to double: weft prints 17
             * significant digits at most, which is all a double has. */
            double v = len == LEN_BIG_L ? (double)va_arg(ap, long double)
                                        : va_arg(ap, double);
            __fmt_double(sink, v, &sp);
            break;
        }
        case '%':
            __fmt_out(sink, "%", 1);
            break;
        default:
            /* Unknown (or %n, which weft does not support): print the
             * specification as written, which makes the mistake visible. */
            __fmt_out(sink, start, p - start);
            break;
        }
    }
    va_end(ap);
    if (sink->count > INT_MAX) {
        errno = EOVERFLOW;
        return -1;
    }
    return (int)sink->count;
}
