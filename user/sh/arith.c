/*
 * arith.c: $((expression)), integer arithmetic.
 *
 * A recursive-descent evaluator, one function per precedence level, from
 * loosest to tightest:
 *
 *   expr     = and { "||" and }
 *   and      = equality { "&&" equality }
 *   equality = compare { ("==" | "!=") compare }
 *   compare  = sum { ("<" | "<=" | ">" | ">=") sum }
 *   sum      = product { ("+" | "-") product }
 *   product  = unary { ("*" | "/" | "%") unary }
 *   unary    = ("-" | "+" | "!") unary | primary
 *   primary  = number | NAME | "(" expr ")"
 *
 * A NAME's value is read as a number (unset or empty: 0). No assignment
 * operators: write i=$((i + 1)).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct calc {
    const char *s;
    int error;                          /* 1: syntax, 2: reported already */
};

static long expr(struct calc *c);

static void blanks(struct calc *c)
{
    while (isspace((unsigned char)*c->s))
        c->s++;
}

/* Take the operator op if it comes next (and not a longer one: "<" must
 * not match the start of "<="). */
static int take(struct calc *c, const char *op)
{
    blanks(c);
    size_t n = strlen(op);
    if (strncmp(c->s, op, n) != 0 || (n == 1 && c->s[1] == '=' && *op != '=') ||
        (n == 1 && (*op == '&' || *op == '|') && c->s[1] == *op))
        return 0;
    c->s += n;
    return 1;
}

static long primary(struct calc *c)
{
    blanks(c);
    if (take(c, "(")) {
        long v = expr(c);
        if (!take(c, ")"))
            c->error = 1;
        return v;
    }
    if (isdigit((unsigned char)*c->s)) {
        char *end;
        long v = strtol(c->s, &end, 0);
        c->s = end;
        return v;
    }
    size_t n = 0;
    while (is_name(c->s, n + 1))
        n++;
    if (n == 0) {
        c->error = 1;
        return 0;
    }
    char name[64];
    snprintf(name, sizeof name, "%.*s", (int)n, c->s);
    c->s += n;
    const char *v = var_get(name);
    return v ? strtol(v, NULL, 0) : 0;
}

static long unary(struct calc *c)
{
    if (take(c, "-"))
        return -unary(c);
    if (take(c, "+"))
        return unary(c);
    if (take(c, "!"))
        return !unary(c);
    return primary(c);
}

static long product(struct calc *c)
{
    long v = unary(c);
    for (;;) {
        int op = take(c, "*") ? '*' : take(c, "/") ? '/' : take(c, "%") ? '%' : 0;
        if (!op)
            return v;
        long r = unary(c);
        if (op != '*' && r == 0) {
            sh_error("division by zero");
            c->error = 2;
            return 0;
        }
        v = op == '*' ? v * r : op == '/' ? v / r : v % r;
    }
}

static long sum(struct calc *c)
{
    long v = product(c);
    for (;;) {
        if (take(c, "+"))
            v += product(c);
        else if (take(c, "-"))
            v -= product(c);
        else
            return v;
    }
}

static long compare(struct calc *c)
{
    long v = sum(c);
    for (;;) {
        if (take(c, "<="))
            v = v <= sum(c);
        else if (take(c, ">="))
            v = v >= sum(c);
        else if (take(c, "<"))
            v = v < sum(c);
        else if (take(c, ">"))
            v = v > sum(c);
        else
            return v;
    }
}

static long equality(struct calc *c)
{
    long v = compare(c);
    for (;;) {
        if (take(c, "=="))
            v = v == compare(c);
        else if (take(c, "!="))
            v = v != compare(c);
        else
            return v;
    }
}

static long and(struct calc *c)
{
    long v = equality(c);
    while (take(c, "&&")) {
        long r = equality(c);           /* evaluated anyway: no side effects */
        v = v && r;
    }
    return v;
}

static long expr(struct calc *c)
{
    long v = and(c);
    while (take(c, "||")) {
        long r = and(c);
        v = v || r;
    }
    return v;
}

/* Evaluate s; 0 and the value in *result, or -1 after an error message. */
int arith(const char *s, long *result)
{
    struct calc c = { .s = s };
    *result = expr(&c);
    blanks(&c);
    if (c.error == 2)
        return -1;
    if (c.error || *c.s) {
        sh_error("%s: arithmetic syntax error", s);
        return -1;
    }
    return 0;
}
