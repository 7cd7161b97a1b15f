/* check.c: the runner for check.h. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

unsigned long check_count;
static int failures;                    /* in the running case */
static char first[1024];                /* its first failure */

void check_fail(const char *file, int line, const char *fmt, ...)
{
    char msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    if (failures == 0)
        snprintf(first, sizeof first, "%s:%d: %s", base, line, msg);
    if (failures < 5)                   /* the first few, in full */
        printf("    %s:%d: %s\n", base, line, msg);
    failures++;
}

int run_cases(const char *file, const struct test_case *cases, size_t n,
              int argc, char **argv)
{
    const char *filter = argc > 1 ? argv[1] : "";
    int failed = 0;
    for (size_t i = 0; i < n; i++) {
        char name[256];
        snprintf(name, sizeof name, "unit/libc_%s/%s", file, cases[i].name);
        if (!strstr(name, filter))
            continue;
        printf("TEST START %s\n", name);
        fflush(stdout);
        failures = 0;
        cases[i].fn();
        if (failures) {
            printf("TEST FAIL %s: %s", name, first);
            if (failures > 1)
                printf(" (and %d more)", failures - 1);
            printf("\n");
            failed++;
        } else {
            printf("TEST PASS %s\n", name);
        }
        fflush(stdout);
    }
    printf("# libc_%s: %lu checks\n", file, check_count);
    return failed ? 1 : 0;
}

static unsigned long long rng_state = 88172645463325252ull;

void rng_seed(unsigned long long seed)
{
    rng_state = seed ? seed : 88172645463325252ull;
}

unsigned long long rng_next(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ull;
}

unsigned long rng_below(unsigned long n)
{
    return n ? (unsigned long)(rng_next() % n) : 0;
}
