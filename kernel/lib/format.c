/*
 * format.c: the printf engine behind kprintf and snprintf.
 *
 * It walks the format string once. Each '%' starts a conversion
 * specification, read left to right as C specifies it:
 *
 *      %[flags][width][.precision][length]conversion
 *
 * The pieces are gathered into a struct spec and handed to one of two
 * emitters: emit_number() or emit_string(). Both pad to the width the same
 * way, so padding logic lives in one place.
 */
#include "format.h"
#include "string.h"
#include <stdbool.h>
#include <stdint.h>

struct spec {
    bool left;          /* '-': pad on the right */
    bool zero;          /* '0': pad numbers with zeros */
    bool plus;          /* '+': always print a sign */
    bool space;         /* ' ': a space where a '+' would go */
    bool alt;           /* '#': 0x prefix for %x, 0 for %o */
    int width;          /* minimum field width, 0 if none */
    int precision;      /* minimum digits / maximum chars, -1 if none */
};

struct out {
    format_putc_fn putc;
    void *arg;
    int count;
};

static void put(struct out *o, char c)
{
    o->putc(o->arg, c);
    o->count++;
}

static void pad(struct out *o, char c, int n)
{
    while (n-- > 0)
        put(o, c);
}

static void emit_string(struct out *o, const struct spec *sp, const char *s)
{
    if (s == NULL)
        s = "(null)";
    int len = (int)strnlen(s, sp->precision >= 0 ? (size_t)sp->precision : SIZE_MAX);
    if (!sp->left)
        pad(o, ' ', sp->width - len);
    for (int i = 0; i < len; i++)
        put(o, s[i]);
    if (sp->left)
        pad(o, ' ', sp->width - len);
}

/*
 * Print an integer: [sign or prefix][zeros][digits], padded to the width.
 * 'negative' says whether to print a '-'; 'v' is the magnitude.
 */
static void emit_number(struct out *o, const struct spec *sp, uint64_t v, bool negative,
                        unsigned base, bool upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char buf[24];                          /* 2^64 needs 22 octal digits */
    int n = 0;

    /* C says: precision 0 and value 0 print no digits at all. */
    if (!(v == 0 && sp->precision == 0)) {
        do {
            buf[n++] = digits[v % base];
            v /= base;
        } while (v != 0);
    }

    const char *prefix = "";
    if (negative)
        prefix = "-";
    else if (sp->plus)
        prefix = "+";
    else if (sp->space)
        prefix = " ";
    else if (sp->alt && base == 16 && n > 0 && !(n == 1 && buf[0] == '0'))
        prefix = upper ? "0X" : "0x";

    int zeros = sp->precision > n ? sp->precision - n : 0;
    if (sp->alt && base == 8 && zeros == 0 && (n == 0 || buf[n - 1] != '0'))
        zeros = 1;                        /* %#o: the result starts with 0 */
    int plen = (int)strlen(prefix);
    int fill = sp->width - plen - zeros - n;

    /* The '0' flag pads with zeros after the sign, unless a precision is
     * given or '-' is set (then it is ignored, as C specifies). */
    if (sp->zero && !sp->left && sp->precision < 0) {
        zeros += fill > 0 ? fill : 0;
        fill = 0;
    }
    if (!sp->left)
        pad(o, ' ', fill);
    for (int i = 0; i < plen; i++)
        put(o, prefix[i]);
    pad(o, '0', zeros);
    while (n > 0)
        put(o, buf[--n]);
    if (sp->left)
        pad(o, ' ', fill);
}

/* Reads a decimal number or '*' (taken from the arguments). */
static int read_count(const char **fmt, va_list *ap)
{
    if (**fmt == '*') {
        (*fmt)++;
        return va_arg(*ap, int);
    }
    int n = 0;
    while (**fmt >= '0' && **fmt <= '9')
        n = n * 10 + (*(*fmt)++ - '0');
    return n;
}

int vformat(format_putc_fn putc, void *arg, const char *fmt, va_list ap_in)
{
    struct out o = { putc, arg, 0 };
    va_list ap;
    va_copy(ap, ap_in);

    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put(&o, *fmt);
            continue;
        }
        fmt++;

        struct spec sp = { .precision = -1 };
        for (;; fmt++) {                   /* flags, in any order */
            if (*fmt == '-') sp.left = true;
            else if (*fmt == '0') sp.zero = true;
            else if (*fmt == '+') sp.plus = true;
            else if (*fmt == ' ') sp.space = true;
            else if (*fmt == '#') sp.alt = true;
            else break;
        }
        sp.width = read_count(&fmt, &ap);
        if (sp.width < 0) {                /* a negative '*' width means '-' */
            sp.left = true;
            sp.width = -sp.width;
        }
        if (*fmt == '.') {
            fmt++;
            sp.precision = read_count(&fmt, &ap);
            if (sp.precision < 0)
                sp.precision = -1;         /* negative '*' precision: none */
        }

        /* Length: how wide the argument is. 'size' counts l's; h's are
         * negative; z and t are long-sized on x86-64. */
        int size = 0;
        for (;; fmt++) {
            if (*fmt == 'l' || *fmt == 'z' || *fmt == 't' || *fmt == 'j') size++;
            else if (*fmt == 'h') size--;
            else break;
        }

        switch (*fmt) {
        case 'd':
        case 'i': {
            int64_t v = size > 0 ? va_arg(ap, int64_t) : va_arg(ap, int);
            if (size == -1) v = (short)v;
            if (size <= -2) v = (signed char)v;
            uint64_t mag = v < 0 ? -(uint64_t)v : (uint64_t)v;
            emit_number(&o, &sp, mag, v < 0, 10, false);
            break;
        }
        case 'u':
        case 'x':
        case 'X':
        case 'o': {
            uint64_t v = size > 0 ? va_arg(ap, uint64_t) : va_arg(ap, unsigned int);
            if (size == -1) v = (unsigned short)v;
            if (size <= -2) v = (unsigned char)v;
            unsigned base = *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16;
            sp.plus = sp.space = false;    /* signs are for signed numbers */
            emit_number(&o, &sp, v, false, base, *fmt == 'X');
            break;
        }
        case 'p': {
            /* Pointers: 0x and 16 hex digits, so addresses line up. The
             * 0x is ours, not '#''s: %#x prints no 0x for a zero (NULL). */
            struct spec ps = { .precision = 16 };
            if (!sp.left) pad(&o, ' ', sp.width - 18);
            put(&o, '0');
            put(&o, 'x');
            emit_number(&o, &ps, (uint64_t)va_arg(ap, void *), false, 16, false);
            if (sp.left) pad(&o, ' ', sp.width - 18);
            break;
        }
        case 's':
            emit_string(&o, &sp, va_arg(ap, const char *));
            break;
        case 'c': {                        /* one character, even '\0' */
            char c = (char)va_arg(ap, int);
            if (!sp.left) pad(&o, ' ', sp.width - 1);
            put(&o, c);
            if (sp.left) pad(&o, ' ', sp.width - 1);
            break;
        }
        case '%':
            put(&o, '%');
            break;
        case '\0':
            fmt--;                         /* a lone '%' at the end: stop */
            break;
        default:                           /* unknown: print it as written */
            put(&o, '%');
            put(&o, *fmt);
            break;
        }
    }
    va_end(ap);
    return o.count;
}

struct buf {
    char *p;
    size_t size;    /* room, including the terminating NUL */
    size_t len;     /* characters produced so far (may exceed size) */
};

static void buf_putc(void *arg, char c)
{
    struct buf *b = arg;
    if (b->len + 1 < b->size)
        b->p[b->len] = c;
    b->len++;
}

int vsnprintf(char *s, size_t size, const char *fmt, va_list ap)
{
    struct buf b = { s, size, 0 };
    int n = vformat(buf_putc, &b, fmt, ap);
    if (size > 0)
        s[b.len < size ? b.len : size - 1] = '\0';
    return n;
}

int snprintf(char *s, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(s, size, fmt, ap);
    va_end(ap);
    return n;
}
