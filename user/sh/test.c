/*
 * test.c: the test builtin, also spelled [ ... ].
 *
 *   test -e FILE   exists          -f  a regular file   -d  a directory
 *        -r -w -x  may be read, written, executed       -s  not empty
 *        -L -h     a symbolic link -p  a pipe           -c  a device
 *        -n STR    not empty       -z STR  empty        STR not empty
 *        A = B  A != B             strings equal or not
 *        A -eq B  -ne -lt -le -gt -ge   numbers compared
 *        ! EXPR   EXPR -a EXPR   EXPR -o EXPR   ( EXPR )
 *
 * Status 0 if true, 1 if false, 2 if the expression makes no sense.
 * Parsed by recursive descent: or = and {-o and}, and = not {-a not},
 * not = "!" not | primary.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

struct test {
    char **argv;
    int argc, i;
    int error;
};

static int or_expr(struct test *t);

static const char *peek(struct test *t, int ahead)
{
    return t->i + ahead < t->argc ? t->argv[t->i + ahead] : NULL;
}

static int number(struct test *t, const char *s)
{
    char *end;
    long n = strtol(s, &end, 10);
    if (!*s || *end) {
        sh_error("test: %s: integer expression expected", s);
        t->error = 1;
    }
    return n;
}

static int file_test(char op, const char *path)
{
    struct stat st;
    if (op == 'L' || op == 'h')
        return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
    if (op == 'r' || op == 'w' || op == 'x')
        return access(path, op == 'r' ? R_OK : op == 'w' ? W_OK : X_OK) == 0;
    if (stat(path, &st) < 0)
        return 0;
    switch (op) {
    case 'e': return 1;
    case 'f': return S_ISREG(st.st_mode);
    case 'd': return S_ISDIR(st.st_mode);
    case 'p': return S_ISFIFO(st.st_mode);
    case 'c': return S_ISCHR(st.st_mode);
    case 'b': return S_ISBLK(st.st_mode);
    case 's': return st.st_size > 0;
    }
    return 0;
}

static int binary(struct test *t, const char *a, const char *op, const char *b)
{
    static const char *const ops[] = { "-eq", "-ne", "-lt", "-le", "-gt", "-ge" };
    if (!strcmp(op, "=") || !strcmp(op, "=="))
        return strcmp(a, b) == 0;
    if (!strcmp(op, "!="))
        return strcmp(a, b) != 0;
    for (int k = 0; k < 6; k++) {
        if (strcmp(op, ops[k]) != 0)
            continue;
        long x = number(t, a), y = number(t, b);
        int r[] = { x == y, x != y, x < y, x <= y, x > y, x >= y };
        return r[k];
    }
    return -1;                          /* not a binary operator */
}

static int primary(struct test *t)
{
    const char *a = peek(t, 0), *op = peek(t, 1);
    if (!a) {
        t->error = 1;
        return 0;
    }
    if (!strcmp(a, "(") && op) {
        t->i++;
        int r = or_expr(t);
        if (!peek(t, 0) || strcmp(peek(t, 0), ")"))
            t->error = 1;
        t->i++;
        return r;
    }
    if (op && peek(t, 2)) {             /* A op B */
        int r = binary(t, a, op, peek(t, 2));
        if (r >= 0) {
            t->i += 3;
            return r;
        }
    }
    if (a[0] == '-' && a[1] && !a[2] && op) {   /* -x ARG */
        t->i += 2;
        if (a[1] == 'n')
            return op[0] != '\0';
        if (a[1] == 'z')
            return op[0] == '\0';
        if (strchr("efdrwxsLhpcb", a[1]))
            return file_test(a[1], op);
        t->i -= 2;
    }
    t->i++;                             /* a lone string: is it non-empty? */
    return a[0] != '\0';
}

static int not_expr(struct test *t)
{
    if (peek(t, 0) && !strcmp(peek(t, 0), "!") && peek(t, 1)) {
        t->i++;
        return !not_expr(t);
    }
    return primary(t);
}

static int and_expr(struct test *t)
{
    int r = not_expr(t);
    while (peek(t, 0) && !strcmp(peek(t, 0), "-a")) {
        t->i++;
        r = not_expr(t) && r;
    }
    return r;
}

static int or_expr(struct test *t)
{
    int r = and_expr(t);
    while (peek(t, 0) && !strcmp(peek(t, 0), "-o")) {
        t->i++;
        r = and_expr(t) || r;
    }
    return r;
}

int bi_test(int argc, char **argv)
{
    struct test t = { .argv = argv + 1, .argc = argc - 1 };
    if (t.argc == 0)
        return 1;                       /* test with nothing: false */
    int r = or_expr(&t);
    if (t.error || t.i != t.argc) {
        if (!t.error)
            sh_error("%s: %s: unexpected argument", argv[0], t.argv[t.i]);
        return 2;
    }
    return !r;
}

/* [ EXPR ] is test EXPR, with a "]" to end it. */
int bi_bracket(int argc, char **argv)
{
    if (strcmp(argv[argc - 1], "]") != 0) {
        sh_error("[: missing `]'");
        return 2;
    }
    argv[argc - 1] = NULL;
    return bi_test(argc - 1, argv);
}
