/*
 * func.c: shell functions.
 *
 *   greet() { echo "hello, $1"; }
 *   greet world
 *
 * Defining a function stores its body (a command tree) under its name;
 * calling it runs the body in this shell with $1, $2 ... set to the
 * call's arguments, then puts the old ones back. `return [n]` ends the
 * body early, unwinding like break does (exec.c stops running lists
 * while `returning` is set).
 *
 * The tree lives in the parse arena of the input that defined it, which
 * main.c therefore keeps instead of freeing (a redefinition leaks the old
 * body: harmless at this scale).
 */
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct func {
    struct func *next;
    char *name;
    struct node *body;
};

static struct func *funcs;
int returning;
static int call_depth;

struct node *func_find(const char *name)
{
    for (struct func *f = funcs; f; f = f->next)
        if (!strcmp(f->name, name))
            return f->body;
    return NULL;
}

void func_define(const char *name, struct node *body)
{
    struct func *f = funcs;
    while (f && strcmp(f->name, name))
        f = f->next;
    if (!f) {
        f = xmalloc(sizeof *f);
        f->name = xstrdup(name);
        f->next = funcs;
        funcs = f;
    }
    f->body = body;
}

int func_call(struct node *body, int argc, char **argv)
{
    if (call_depth >= 1000) {          /* f() { f; }: stop before the stack does */
        sh_error("%s: maximum function nesting level exceeded", argv[0]);
        return 1;
    }
    char **oldv = posv;
    int oldc = posc;
    posv = argv + 1;
    posc = argc - 1;
    call_depth++;
    int status = run(body);
    call_depth--;
    if (returning) {
        returning = 0;
        status = last_status;           /* what return set */
    }
    posv = oldv;
    posc = oldc;
    return status;
}

/* return [n]: leave the function with status n (default: $?). */
int bi_return(int argc, char **argv)
{
    int status = argc > 1 ? atoi(argv[1]) & 0xff : last_status;
    if (call_depth == 0) {
        sh_error("return: can only `return' from a function");
        return 1;
    }
    returning = 1;
    return status;
}
