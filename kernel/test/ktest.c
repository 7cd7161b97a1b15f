/*
 * ktest.c: run the in-kernel self tests (ktest.h) and report each one in
 * the line format tests/run-qemu-tests reads.
 */
#include "ktest.h"
#include "format.h"
#include "kprintf.h"
#include "string.h"

extern const struct ktest _ktests_start[], _ktests_end[];

static int failures;
static char first_failure[160];

void ktest_fail(const char *file, int line, const char *what)
{
    if (failures++ == 0)
        snprintf(first_failure, sizeof first_failure, "%s:%d: %s", file, line, what);
    kprintf("  expectation failed: %s:%d: %s\n", file, line, what);
}

/* One result line, in the format the user-space runner prints too. */
static void test_report(const char *suite, const char *name, int passed, const char *reason)
{
    if (passed)
        kprintf("TEST PASS %s/%s\n", suite, name);
    else
        kprintf("TEST FAIL %s/%s: %s\n", suite, name, reason);
}

static int matches(const char *name, const char *filter)
{
    size_t n = strlen(filter);
    if (n == 0)
        return 1;
    for (const char *p = name; *p; p++)
        if (strncmp(p, filter, n) == 0)
            return 1;
    return 0;
}

void ktest_run_all(const char *filter)
{
    for (const struct ktest *t = _ktests_start; t < _ktests_end; t++) {
        char full[80];
        snprintf(full, sizeof full, "kernel/%s", t->name);
        if (!matches(full, filter))
            continue;
        kprintf("TEST START kernel/%s\n", t->name);
        failures = 0;
        t->fn();
        test_report("kernel", t->name, failures == 0, first_failure);
    }
}
