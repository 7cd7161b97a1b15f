/*
 * util.c: growable strings and argvs, the parse arena, allocation that
 * never fails, and error messages.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

/* A shell that runs out of memory can only say so and stop. */
void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        sh_error("out of memory");
        _exit(2);
    }
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        sh_error("out of memory");
        _exit(2);
    }
    return p;
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

void str_addn(struct str *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->s = xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';                /* always a C string too */
}

void str_addc(struct str *b, char c)
{
    str_addn(b, &c, 1);
}

void str_adds(struct str *b, const char *s)
{
    str_addn(b, s, strlen(s));
}

void str_free(struct str *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

void strv_push(struct strv *l, char *s)
{
    if (l->n + 2 > l->cap) {
        l->cap = l->cap ? 2 * l->cap : 8;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = s;
    l->v[l->n] = NULL;
}

/* Each allocation is its own malloc'ed chunk, linked to the others so
 * arena_free can find them all. */
struct chunk {
    struct chunk *next;
    max_align_t data[];
};

void *arena_alloc(struct arena *a, size_t n)
{
    struct chunk *c = xmalloc(sizeof *c + n);
    c->next = a->chunks;
    a->chunks = c;
    return memset(c->data, 0, n);
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void arena_free(struct arena *a)
{
    while (a->chunks) {
        struct chunk *c = a->chunks;
        a->chunks = c->next;
        free(c);
    }
}

/* "sh: message\n", in a single write so that messages from several
 * processes never interleave mid-line. */
void sh_error(const char *fmt, ...)
{
    char buf[512];
    int n = snprintf(buf, sizeof buf, "sh: ");
    va_list ap;
    va_start(ap, fmt);
    n += vsnprintf(buf + n, sizeof buf - n - 1, fmt, ap);
    va_end(ap);
    if (n > (int)sizeof buf - 2)
        n = sizeof buf - 2;
    buf[n++] = '\n';
    if (write(2, buf, n) < 0) {
        /* nowhere left to complain */
    }
}

/* The shell's convention for $?: the exit code, or 128 + the signal. */
int status_of(int wstatus)
{
    if (WIFEXITED(wstatus))
        return WEXITSTATUS(wstatus);
    if (WIFSTOPPED(wstatus))
        return 128 + WSTOPSIG(wstatus);
    return 128 + WTERMSIG(wstatus);
}
