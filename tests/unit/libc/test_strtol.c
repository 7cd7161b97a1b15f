/*
 * test_strtol.c: strtol, strtoul, strtoll, strtoull and atoi against the
 * host's: the value, where parsing stopped, and errno, for tricky strings
 * in every base that matters, and for random numbers printed in random
 * bases.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "weft.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const inputs[] = {
    "0", "1", "-1", "+1", "42", "  42", "\t\n 42abc", "-0", "+", "-", "", "   ",
    "abc", "0x", "0x1f", "0X1F", "-0x10", "0xg", "0x 1", "010", "08", "0b101", "z",
    "Zz", "7fffffffffffffff", "9223372036854775807", "9223372036854775808",
    "-9223372036854775808", "-9223372036854775809", "18446744073709551615",
    "18446744073709551616", "-18446744073709551615", "-18446744073709551616",
    "99999999999999999999999999", "-99999999999999999999999999",
    "0xffffffffffffffff", "0x10000000000000000", "2147483647", "2147483648",
    "-2147483649", "1e5", "12.5", "0777", "-0777", "0009", "+-1", "- 1", "0x-1",
    "11111111111111111111111111111111111111111111111111111111111111111",
};
static const int bases[] = { 0, 2, 8, 10, 16, 36, 1, 37, -1 };

/* Run one function of the family on both libraries and compare. */
#define COMPARE(wfn, hfn, s, base)                                              \
    do {                                                                        \
        char *we_, *he_;                                                        \
        errno = 0;                                                              \
        long long wv_ = (long long)wfn(s, &we_, base);                          \
        int werr_ = errno;                                                      \
        errno = 0;                                                              \
        long long hv_ = (long long)hfn(s, &he_, base);                          \
        int herr_ = errno;                                                      \
        check_count++;                                                          \
        if (wv_ != hv_ || we_ - s != he_ - s || werr_ != herr_)                  \
            check_fail(__FILE__, __LINE__,                                      \
                       "%s(\"%s\", %d): weft %lld end %td errno %d, "           \
                       "host %lld end %td errno %d", #hfn, s, base, wv_,        \
                       we_ - s, werr_, hv_, he_ - s, herr_);                    \
    } while (0)

static void fixed_strings(void)
{
    for (size_t i = 0; i < NELEM(inputs); i++)
        for (size_t b = 0; b < NELEM(bases); b++) {
            const char *s = inputs[i];
            int base = bases[b];
            if (base == 1 || base < 0 || base > 36)
                continue;                       /* see invalid_bases */
            COMPARE(weft_strtol, strtol, s, base);
            COMPARE(weft_strtoul, strtoul, s, base);
            COMPARE(weft_strtoll, strtoll, s, base);
            COMPARE(weft_strtoull, strtoull, s, base);
        }
}

/* An invalid base: EINVAL and 0 (glibc leaves *end alone then, so only
 * the value and errno are compared). */
static void invalid_bases(void)
{
    for (size_t b = 0; b < NELEM(bases); b++) {
        int base = bases[b];
        if (!(base == 1 || base < 0 || base > 36))
            continue;
        errno = 0;
        CHECK_EQ(weft_strtol("12", NULL, base), 0);
        CHECK_EQ(errno, EINVAL);
    }
}

/* NULL end pointers are allowed. */
static void null_end(void)
{
    CHECK_EQ(weft_strtol("123", NULL, 10), 123);
    CHECK_EQ(weft_strtoull("ff", NULL, 16), 255);
}

static void random_numbers(void)
{
    static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    rng_seed(7);
    for (int i = 0; i < 20000; i++) {
        unsigned long long v = rng_next() >> rng_below(64);
        int base = (int)(2 + rng_below(35));
        char buf[80], *p = buf + sizeof buf;
        *--p = '\0';
        do
            *--p = digits[v % base];
        while (v /= base);
        if (rng_below(3) == 0)
            *--p = '-';
        if (rng_below(5) == 0)
            *--p = ' ';
        COMPARE(weft_strtol, strtol, p, base);
        COMPARE(weft_strtoull, strtoull, p, base);
    }
}

static void ato(void)
{
    for (size_t i = 0; i < NELEM(inputs); i++) {
        /* atoi of an out-of-range number is undefined: compare only the
         * in-range ones. */
        long v = strtol(inputs[i], NULL, 10);
        if (v >= INT_MIN && v <= INT_MAX)
            CHECK_EQ(weft_atoi(inputs[i]), atoi(inputs[i]));
        CHECK_EQ(weft_atol(inputs[i]), atol(inputs[i]));
    }
}

static const struct test_case cases[] = {
    CASE(fixed_strings), CASE(invalid_bases), CASE(null_end), CASE(random_numbers),
    CASE(ato),
};

int main(int argc, char **argv)
{
    return run_cases("strtol", cases, NELEM(cases), argc, argv);
}
