/*
 * check.h: the little framework of the libc host unit tests.
 *
 * A test program is a table of cases; main() runs those whose full name
 * ("unit/libc_printf/int_d") contains the filter given as argv[1], and
 * prints for each
 *
 *      TEST START unit/libc_printf/int_d
 *      TEST PASS unit/libc_printf/int_d
 *   or TEST FAIL unit/libc_printf/int_d: test_printf.c:42: <what>
 *
 * CHECK* record a failure and let the case go on, so a run shows every
 * broken expectation (the first few are printed in full, on lines of their
 * own, before the FAIL line). The exit status is 1 if any case failed.
 *
 * The libc under test is compiled with its symbols renamed weft_* (see
 * the Makefile), so it sits beside the host's C library, which serves as
 * the reference: weft_snprintf must print what snprintf prints.
 */
#ifndef LIBC_CHECK_H
#define LIBC_CHECK_H

#include <stddef.h>

struct test_case {
    const char *name;
    void (*fn)(void);
};

#define CASE(fn) { #fn, fn }

/* Runs the cases of file `file` ("printf" -> unit/libc_printf/...). */
int run_cases(const char *file, const struct test_case *cases, size_t n,
              int argc, char **argv);

void check_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* How many expectations were tested, in all (reported at the end). */
extern unsigned long check_count;

#define CHECK(cond)                                                      \
    do {                                                                 \
        check_count++;                                                   \
        if (!(cond))                                                     \
            check_fail(__FILE__, __LINE__, "%s", #cond);                 \
    } while (0)

#define CHECK_EQ(a, b)                                                   \
    do {                                                                 \
        long long check_a_ = (long long)(a), check_b_ = (long long)(b);  \
        check_count++;                                                   \
        if (check_a_ != check_b_)                                        \
            check_fail(__FILE__, __LINE__, "%s == %s (%lld vs %lld)",    \
                       #a, #b, check_a_, check_b_);                      \
    } while (0)

#define CHECK_STREQ(a, b)                                                \
    do {                                                                 \
        const char *check_a_ = (a), *check_b_ = (b);                     \
        check_count++;                                                   \
        if (!check_a_ || !check_b_ || strcmp(check_a_, check_b_) != 0)   \
            check_fail(__FILE__, __LINE__, "%s == %s (\"%s\" vs \"%s\")", \
                       #a, #b, check_a_ ? check_a_ : "(null)",           \
                       check_b_ ? check_b_ : "(null)");                  \
    } while (0)

/* A deterministic generator for the randomized tests (xorshift64*), so a
 * failure reproduces exactly. */
void rng_seed(unsigned long long seed);
unsigned long long rng_next(void);
unsigned long rng_below(unsigned long n);

#endif
