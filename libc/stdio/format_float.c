/*
 * format_float.c: %f, %e and %g, exactly.
 *
 * A double is m * 2^e with m a 53-bit integer: every double is a finite
 * decimal fraction. We compute ALL its decimal digits with big-integer
 * arithmetic, then round that digit string to the precision asked for,
 * ties to even. That is slower than the clever algorithms (Ryu, Grisu,
 * or glibc's), but obviously right, and it prints the same digits as glibc
 * does in its default rounding mode.
 *
 *   e >= 0:  v = m * 2^e             an integer (at most 309 digits)
 *   e <  0:  v = m * 5^-e / 10^-e    the digits of m * 5^-e, with the
 *                                    decimal point -e places from the right
 *                                    (at most 767 digits)
 */
#include <stdint.h>
#include <string.h>

#include "format.h"

/* A big natural number in base 10^9, least significant limb first. */
#define BIG_BASE  1000000000u
#define BIG_LIMBS 90                    /* 810 decimal digits */

struct big {
    uint32_t limb[BIG_LIMBS];
    int n;                              /* limbs in use */
};

/* b *= k, for k small enough that limb * k + carry fits in 64 bits. */
static void big_mul(struct big *b, uint32_t k)
{
    uint64_t carry = 0;
    for (int i = 0; i < b->n; i++) {
        uint64_t t = (uint64_t)b->limb[i] * k + carry;
        b->limb[i] = t % BIG_BASE;
        carry = t / BIG_BASE;
    }
    for (; carry; carry /= BIG_BASE)    /* k may exceed the base: two limbs */
        b->limb[b->n++] = carry % BIG_BASE;
}

/* The exact decimal value of a finite, non-negative double:
 * v = 0.d[0] d[1] d[2] ... * 10^exp10, with no trailing zeros in d. */
struct decimal {
    char d[BIG_LIMBS * 9 + 1];
    int len;                            /* 0 means the value is zero */
    int exp10;
};

static void decimal_from_double(struct decimal *dec, double v)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);     /* the IEEE 754 encoding */
    uint64_t m = bits & ((1ull << 52) - 1);
    int biased = (int)(bits >> 52 & 0x7ff);
    int e;
    if (biased == 0) {
        e = -1074;                      /* subnormal: no implicit 1 bit */
    } else {
        m |= 1ull << 52;
        e = biased - 1075;              /* 1023 bias + 52 fraction bits */
    }
    dec->len = 0;
    dec->exp10 = 0;
    if (m == 0)
        return;

    struct big b = { .n = 0 };
    for (uint64_t t = m; t; t /= BIG_BASE)
        b.limb[b.n++] = t % BIG_BASE;
    int frac_digits = 0;
    if (e >= 0) {
        for (; e >= 29; e -= 29)        /* 2^29: limb * 2^29 < 2^59 */
            big_mul(&b, 1u << 29);
        big_mul(&b, 1u << e);
    } else {
        frac_digits = -e;
        for (; e <= -13; e += 13)       /* 5^13 = 1220703125 < 2^31 */
            big_mul(&b, 1220703125u);
        uint32_t k = 1;
        for (; e < 0; e++)
            k *= 5;
        big_mul(&b, k);
    }

    /* Limbs to digits: the top limb without leading zeros, then 9 each. */
    char *p = dec->d;
    uint32_t top = b.limb[b.n - 1];
    char tmp[10], *t = tmp + sizeof tmp;
    do
        *--t = '0' + top % 10;
    while (top /= 10);
    while (t < tmp + sizeof tmp)
        *p++ = *t++;
    for (int i = b.n - 2; i >= 0; i--)
        for (uint32_t l = b.limb[i], div = BIG_BASE / 10; div; div /= 10)
            *p++ = '0' + l / div % 10;
    dec->len = p - dec->d;
    dec->exp10 = dec->len - frac_digits;
    while (dec->len > 0 && dec->d[dec->len - 1] == '0')
        dec->len--;                     /* trailing zeros add nothing */
}

/* Round to the first `keep` digits (keep may be <= 0: the value then
 * becomes 0 or a single 1 one place up), ties to even. */
static void decimal_round(struct decimal *dec, long keep)
{
    if (keep >= dec->len)
        return;                         /* exact already */
    if (keep < 0) {
        dec->len = 0;                   /* below half a unit: rounds to zero */
        return;
    }
    char first = dec->d[keep];          /* the first digit dropped */
    int up;
    if (first != '5')
        up = first > '5';
    else if (keep + 1 < dec->len)
        up = 1;                         /* more than half (no trailing zeros) */
    else                                /* exactly half: to the even neighbour */
        up = keep > 0 && (dec->d[keep - 1] - '0') % 2 == 1;

    dec->len = keep;
    if (up) {
        int i = keep - 1;
        while (i >= 0 && dec->d[i] == '9')
            dec->d[i--] = '0';          /* 0.1999 -> 0.2000 */
        if (i >= 0) {
            dec->d[i]++;
        } else {                        /* 0.999 -> 1.000: one more digit */
            dec->d[0] = '1';
            dec->len = 1;
            dec->exp10++;
        }
    }
    while (dec->len > 0 && dec->d[dec->len - 1] == '0')
        dec->len--;
}

/* Write digits number from..from+count-1 (digit 0 is d[0]); positions
 * before the first digit or after the last are zeros. */
static void emit_digits(struct fmt_sink *sink, const struct decimal *dec, long from,
                        long count)
{
    if (from < 0) {                     /* zeros between the point and d[0] */
        long z = -from < count ? -from : count;
        __fmt_pad(sink, '0', z);
        from += z;
        count -= z;
    }
    if (count > 0 && from < dec->len) {
        long n = dec->len - from < count ? dec->len - from : count;
        __fmt_out(sink, dec->d + from, n);
        from += n;
        count -= n;
    }
    __fmt_pad(sink, '0', count);        /* exact zeros beyond the last digit */
}

/* Emit "sign body" padded to the width; body_len was computed in advance
 * so padding can come first without buffering hundreds of digits. */
typedef void body_fn(struct fmt_sink *, const struct decimal *, const struct fmt_spec *);

static void emit_padded(struct fmt_sink *sink, const struct fmt_spec *sp, char sign,
                        long body_len, body_fn *body, const struct decimal *dec)
{
    long total = body_len + (sign != 0);
    int zero_pad = (sp->flags & FMT_ZERO) && !(sp->flags & FMT_MINUS);
    if (!(sp->flags & FMT_MINUS) && !zero_pad)
        __fmt_pad(sink, ' ', sp->width - total);
    if (sign)
        __fmt_out(sink, &sign, 1);
    if (zero_pad)
        __fmt_pad(sink, '0', sp->width - total);
    body(sink, dec, sp);
    if (sp->flags & FMT_MINUS)
        __fmt_pad(sink, ' ', sp->width - total);
}

/* The body of %f: integer digits, then '.' and prec fraction digits. */
static long fixed_len(const struct decimal *dec, const struct fmt_spec *sp)
{
    long int_digits = dec->exp10 > 0 ? dec->exp10 : 1;
    return int_digits + (sp->prec > 0 || (sp->flags & FMT_ALT) ? 1 + sp->prec : 0);
}

static void fixed_body(struct fmt_sink *sink, const struct decimal *dec,
                       const struct fmt_spec *sp)
{
    if (dec->exp10 > 0)
        emit_digits(sink, dec, 0, dec->exp10);
    else
        __fmt_out(sink, "0", 1);
    if (sp->prec > 0 || (sp->flags & FMT_ALT))
        __fmt_out(sink, ".", 1);
    emit_digits(sink, dec, dec->exp10, sp->prec);
}

/* The body of %e: d.ddd then e+XX (at least two exponent digits). */
static int exponent_of(const struct decimal *dec)
{
    return dec->len ? dec->exp10 - 1 : 0;
}

static long exp_len(const struct decimal *dec, const struct fmt_spec *sp)
{
    int x = exponent_of(dec);
    if (x < 0)
        x = -x;
    int xdigits = x >= 100 ? 3 : 2;
    return 1 + (sp->prec > 0 || (sp->flags & FMT_ALT) ? 1 + sp->prec : 0) + 2 + xdigits;
}

static void exp_body(struct fmt_sink *sink, const struct decimal *dec,
                     const struct fmt_spec *sp)
{
    emit_digits(sink, dec, 0, 1);
    if (sp->prec > 0 || (sp->flags & FMT_ALT))
        __fmt_out(sink, ".", 1);
    emit_digits(sink, dec, 1, sp->prec);
    int x = exponent_of(dec);
    char buf[6], *p = buf;
    *p++ = (sp->conv == 'E' || sp->conv == 'G') ? 'E' : 'e';
    *p++ = x < 0 ? '-' : '+';
    if (x < 0)
        x = -x;
    if (x >= 100)
        *p++ = '0' + x / 100;
    *p++ = '0' + x / 10 % 10;
    *p++ = '0' + x % 10;
    __fmt_out(sink, buf, p - buf);
}

void __fmt_double(struct fmt_sink *sink, double v, const struct fmt_spec *spec_in)
{
    struct fmt_spec sp = *spec_in;
    int upper = sp.conv == 'F' || sp.conv == 'E' || sp.conv == 'G';
    char sign = __builtin_signbit(v) ? '-' : (sp.flags & FMT_PLUS) ? '+'
                : (sp.flags & FMT_SPACE) ? ' ' : 0;

    if (__builtin_isnan(v) || __builtin_isinf(v)) {
        /* No digits, so never zero padding. */
        const char *word = __builtin_isnan(v) ? (upper ? "NAN" : "nan")
                                              : (upper ? "INF" : "inf");
        struct fmt_spec plain = sp;
        plain.flags &= ~FMT_ZERO;
        long total = 3 + (sign != 0);
        if (!(plain.flags & FMT_MINUS))
            __fmt_pad(sink, ' ', plain.width - total);
        if (sign)
            __fmt_out(sink, &sign, 1);
        __fmt_out(sink, word, 3);
        if (plain.flags & FMT_MINUS)
            __fmt_pad(sink, ' ', plain.width - total);
        return;
    }

    struct decimal dec;
    decimal_from_double(&dec, v < 0 ? -v : v);
    if (sp.prec < 0)
        sp.prec = 6;

    char style = sp.conv | 32;          /* 'f', 'e' or 'g' */
    if (style == 'g') {
        /* %g: P significant digits, in the style that suits the
         * exponent X the value has once rounded to P digits. */
        int P = sp.prec == 0 ? 1 : sp.prec;
        struct decimal r = dec;
        decimal_round(&r, P);
        int X = exponent_of(&r);
        if (P > X && X >= -4) {
            style = 'f';
            sp.prec = P - 1 - X;
        } else {
            style = 'e';
            sp.prec = P - 1;
        }
        /* Without '#', trailing zeros of the fraction are dropped: keep
         * only fraction digits that exist in the rounded value. */
        if (!(sp.flags & FMT_ALT)) {
            long have = style == 'f' ? r.len - r.exp10 : r.len - 1;
            if (have < 0)
                have = 0;
            if (sp.prec > have)
                sp.prec = have;
        }
    }

    if (style == 'f') {
        decimal_round(&dec, (long)dec.exp10 + sp.prec);
        emit_padded(sink, &sp, sign, fixed_len(&dec, &sp), fixed_body, &dec);
    } else {
        decimal_round(&dec, (long)sp.prec + 1);
        emit_padded(sink, &sp, sign, exp_len(&dec, &sp), exp_body, &dec);
    }
}
