/*
 * libc_check.h: the little test framework of the libc test programs
 * (user/tests/libc_*.c). They are built with weft's own libc and run on
 * weft, or natively on Linux: the system-call ABI is the same.
 *
 *      static void files(void) { CHECK(fopen("/tmp/x", "w") != NULL); }
 *      ...
 *      RUN("stdio", cases);     in main: runs each case, prints
 *
 *      TEST START user/libc_stdio/files
 *      TEST PASS user/libc_stdio/files
 *   or TEST FAIL user/libc_stdio/files: libc_stdio.c:12: fopen(...) != NULL
 *
 * argv[1], if given, is a filter: only cases whose name contains it run.
 * A failed CHECK records the first failure and the case goes on. The
 * output goes through write(2) directly, so a broken stdio cannot hide
 * a result; the exit status is 1 if any case failed.
 */
#ifndef LIBC_CHECK_H
#define LIBC_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct check_case {
    const char *name;
    void (*fn)(void);
};
#define CASE(fn) { #fn, fn }

static int check_failures;
static char check_first[512];

static void check_out(const char *s)
{
    write(1, s, strlen(s));
}

static void check_fail(const char *file, int line, const char *what)
{
    if (check_failures++ == 0)
        snprintf(check_first, sizeof check_first, "%s:%d: %s", file, line, what);
}

#define CHECK(cond)                                                        \
    do {                                                                   \
        if (!(cond))                                                       \
            check_fail(__FILE__, __LINE__, #cond);                         \
    } while (0)

/* Integers: the message shows both values. */
#define CHECK_EQ(a, b)                                                     \
    do {                                                                   \
        long long check_a_ = (long long)(a), check_b_ = (long long)(b);    \
        if (check_a_ != check_b_) {                                        \
            char check_m_[256];                                            \
            snprintf(check_m_, sizeof check_m_, "%.80s == %.80s (%lld vs %lld)", \
                     #a, #b, check_a_, check_b_);                          \
            check_fail(__FILE__, __LINE__, check_m_);                      \
        }                                                                  \
    } while (0)

#define CHECK_STREQ(a, b)                                                  \
    do {                                                                   \
        const char *check_a_ = (a), *check_b_ = (b);                       \
        if (!check_a_ || !check_b_ || strcmp(check_a_, check_b_) != 0) {   \
            char check_m_[320];                                            \
            snprintf(check_m_, sizeof check_m_,                            \
                     "%.50s == %.50s (\"%.90s\" vs \"%.90s\")",              \
                     #a, #b, check_a_ ? check_a_ : "(null)",              \
                     check_b_ ? check_b_ : "(null)");                      \
            check_fail(__FILE__, __LINE__, check_m_);                      \
        }                                                                  \
    } while (0)

/* Run fn in a child with its stdout and stderr on a pipe; what it wrote
 * (NUL-terminated, in a static buffer), its wait status in *status if
 * status is not NULL. */
static inline const char *child_output(void (*fn)(void), int *status)
{
    static char buf[512];
    int fds[2];
    pipe(fds);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        close(fds[0]);
        close(fds[1]);
        fn();
        exit(0);
    }
    close(fds[1]);
    size_t len = 0;
    ssize_t n;
    while ((n = read(fds[0], buf + len, sizeof buf - 1 - len)) > 0)
        len += n;
    buf[len] = '\0';
    close(fds[0]);
    waitpid(pid, status, 0);
    return buf;
}

static int check_run(const char *file, const struct check_case *cases, size_t n,
                     int argc, char **argv)
{
    const char *filter = argc > 1 ? argv[1] : "";
    int failed = 0;
    for (size_t i = 0; i < n; i++) {
        char name[128], line[768];
        snprintf(name, sizeof name, "user/libc_%s/%s", file, cases[i].name);
        if (!strstr(name, filter))
            continue;
        snprintf(line, sizeof line, "TEST START %s\n", name);
        check_out(line);
        check_failures = 0;
        cases[i].fn();
        if (check_failures) {
            snprintf(line, sizeof line, "TEST FAIL %s: %s\n", name, check_first);
            failed++;
        } else {
            snprintf(line, sizeof line, "TEST PASS %s\n", name);
        }
        check_out(line);
    }
    return failed ? 1 : 0;
}

#define RUN(file, cases) check_run(file, cases, sizeof(cases) / sizeof((cases)[0]), argc, argv)

#endif
