/*
 * unit_main.c: the runner shared by every host unit test program.
 *
 *      build/unit/test_frame [FILTER]
 *
 * runs the tests of the program whose full name ("unit/frame/<case>")
 * contains FILTER (all of them when it is empty or missing), prints the
 * TEST START / PASS / FAIL lines described in unit.h, and exits with 0 if
 * every test passed, 1 otherwise.
 */
#include "unit.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TESTS 256

struct unit_test {
    const char *file;
    int line;
    const char *name;
    void (*fn)(void);
};

static struct unit_test tests[MAX_TESTS];
static int ntests;

static char current[256];           /* full name of the running test, "" if none */
static int nfailures;               /* failed expectations in the running test */
static char first_failure[1024];

void unit_register(const char *file, int line, const char *name, void (*fn)(void))
{
    if (ntests == MAX_TESTS) {
        fprintf(stderr, "unit: more than %d tests; raise MAX_TESTS\n", MAX_TESTS);
        exit(2);
    }
    tests[ntests++] = (struct unit_test){ file, line, name, fn };
}

/* Constructors run in no promised order: sort by place in the source. */
static int by_place(const void *a, const void *b)
{
    const struct unit_test *x = a, *y = b;
    int c = strcmp(x->file, y->file);
    return c ? c : x->line - y->line;
}

/* "tests/unit/test_frame.c" -> "frame" */
static void suite_name(const char *file, char *out, size_t size)
{
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    if (strncmp(base, "test_", 5) == 0)
        base += 5;
    size_t n = strcspn(base, ".");
    if (n >= size)
        n = size - 1;
    memcpy(out, base, n);
    out[n] = '\0';
}

/* Copy s, writing control characters as \xNN, so a message stays one line. */
static void escape(char *dst, size_t size, const char *s)
{
    size_t n = 0;
    for (; *s && n + 5 < size; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == 0x7f)
            n += (size_t)snprintf(dst + n, size - n, "\\x%02x", c);
        else
            dst[n++] = (char)c;
    }
    dst[n] = '\0';
}

void unit_fail(const char *file, int line, const char *fmt, ...)
{
    char msg[900], line_text[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(line_text, sizeof line_text, "%s:%d: ", file, line);
    size_t n = strlen(line_text);
    escape(line_text + n, sizeof line_text - n, msg);
    if (nfailures++ == 0)
        snprintf(first_failure, sizeof first_failure, "%s", line_text);
    printf("    failed: %s\n", line_text);
}

void unit_expect_streq(const char *file, int line, const char *ea, const char *eb,
                       const char *a, const char *b)
{
    if (a && b && strcmp(a, b) == 0)
        return;
    unit_fail(file, line, "%s == %s (\"%s\" vs \"%s\")", ea, eb, a ? a : "(NULL)",
              b ? b : "(NULL)");
}

bool unit_strcontains(const char *s, const char *sub)
{
    return strstr(s, sub) != NULL;
}

const char *unit_current_test(void)
{
    return current[0] ? current : NULL;
}

void unit_fail_fatal(const char *why)
{
    char esc[600];
    escape(esc, sizeof esc, why);
    if (current[0])
        printf("TEST FAIL %s: %s\n", current, esc);
    else
        printf("unit: %s\n", esc);
    fflush(stdout);
}

int main(int argc, char **argv)
{
    const char *filter = argc > 1 ? argv[1] : "";
    int failed = 0;

    setvbuf(stdout, NULL, _IOLBF, 0);   /* a crash must not eat the START line */
    qsort(tests, (size_t)ntests, sizeof tests[0], by_place);
    for (int i = 0; i < ntests; i++) {
        char suite[64];
        suite_name(tests[i].file, suite, sizeof suite);
        snprintf(current, sizeof current, "unit/%s/%s", suite, tests[i].name);
        if (strstr(current, filter) == NULL)
            continue;
        nfailures = 0;
        printf("TEST START %s\n", current);
        tests[i].fn();
        if (nfailures == 0) {
            printf("TEST PASS %s\n", current);
        } else {
            printf("TEST FAIL %s: %s\n", current, first_failure);
            failed = 1;
        }
        current[0] = '\0';
    }
    return failed;
}
