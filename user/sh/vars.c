/*
 * vars.c: shell variables, the environment, and the special parameters.
 *
 * Every variable lives in one list; some are marked "exported". The
 * environment a program gets is built from the exported ones at the
 * moment it is started (var_environ), so `export` and `unset` need not
 * keep a second copy in sync. At start-up the inherited environment
 * becomes the first exported variables.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct var {
    struct var *next;
    char *name;
    char *value;                        /* NULL: declared by export only */
    int exported;
};

static struct var *vars;

int last_status;                        /* $? */
pid_t shell_pid;                        /* $$: the same in subshells */
pid_t last_bg_pid;                      /* $! */
char *arg0 = "sh";                      /* $0 */
char **posv;                            /* $1 ... $posc */
int posc;

/* A name is a letter or _ then letters, digits and _. */
int is_name(const char *s, size_t n)
{
    if (n == 0 || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
        return 0;
    for (size_t i = 1; i < n; i++)
        if (!(isalnum((unsigned char)s[i]) || s[i] == '_'))
            return 0;
    return 1;
}

static struct var *find(const char *name)
{
    for (struct var *v = vars; v; v = v->next)
        if (strcmp(v->name, name) == 0)
            return v;
    return NULL;
}

const char *var_get(const char *name)
{
    struct var *v = find(name);
    return v ? v->value : NULL;
}

/* Set name to value; export = 1 also marks it exported (it never
 * un-exports: POSIX says an exported variable stays so). */
void var_set(const char *name, const char *value, int export)
{
    struct var *v = find(name);
    if (!v) {
        v = xmalloc(sizeof *v);
        v->name = xstrdup(name);
        v->value = NULL;
        v->exported = 0;
        v->next = vars;
        vars = v;
    }
    if (value) {
        free(v->value);
        v->value = xstrdup(value);
    }
    v->exported |= export;
}

void var_export(const char *name)
{
    var_set(name, NULL, 1);
}

void var_unset(const char *name)
{
    for (struct var **pv = &vars; *pv; pv = &(*pv)->next) {
        struct var *v = *pv;
        if (strcmp(v->name, name) == 0) {
            *pv = v->next;
            free(v->name);
            free(v->value);
            free(v);
            return;
        }
    }
}

/* "NAME=value" as typed: the value is expanded, then assigned. Returns
 * 0, or -1 if the expansion failed. */
int assign(const char *text, int export)
{
    const char *eq = strchr(text, '=');
    char *name = xstrdup(text);
    name[eq - text] = '\0';
    char *value = expand_one(eq + 1);
    if (!value) {
        free(name);
        return -1;
    }
    var_set(name, value, export);
    free(name);
    free(value);
    return 0;
}

void vars_init(char **envp)
{
    for (; envp && *envp; envp++) {
        char *eq = strchr(*envp, '=');
        if (!eq || !is_name(*envp, eq - *envp))
            continue;                   /* not something we could name */
        char *name = xstrdup(*envp);
        name[eq - *envp] = '\0';
        var_set(name, eq + 1, 1);
        free(name);
    }
    if (!var_get("PATH"))
        var_set("PATH", "/bin:/usr/bin", 0);
}

/* The environment for a program about to be exec'ed: NAME=value for
 * every exported variable that has a value. Called in the child, so the
 * memory is never freed: execve replaces it all. */
char **var_environ(void)
{
    int n = 0;
    for (struct var *v = vars; v; v = v->next)
        n++;
    char **env = xmalloc((n + 1) * sizeof *env);
    int i = 0;
    for (struct var *v = vars; v; v = v->next) {
        if (!v->exported || !v->value)
            continue;
        size_t len = strlen(v->name) + strlen(v->value) + 2;
        env[i] = xmalloc(len);
        snprintf(env[i++], len, "%s=%s", v->name, v->value);
    }
    env[i] = NULL;
    return env;
}

/*
 * X=1 cmd, where cmd is a function or a regular builtin: X is set while
 * cmd runs, then put back as it was. var_save snapshots one variable
 * onto a list; var_restore undoes the whole list.
 */
struct saved_var {
    struct saved_var *next;
    char *name;
    char *value;                        /* NULL: it did not exist */
    int exported;
};

struct saved_var *var_save(const char *name, struct saved_var *list)
{
    struct var *v = find(name);
    struct saved_var *s = xmalloc(sizeof *s);
    s->name = xstrdup(name);
    s->value = v && v->value ? xstrdup(v->value) : NULL;
    s->exported = v ? v->exported : 0;
    s->next = list;
    return s;
}

void var_restore(struct saved_var *s)
{
    while (s) {
        struct saved_var *next = s->next;
        var_unset(s->name);
        if (s->value || s->exported)
            var_set(s->name, s->value, s->exported);
        free(s->name);
        free(s->value);
        free(s);
        s = next;
    }
}

static int by_name(const void *a, const void *b)
{
    return strcmp((*(struct var *const *)a)->name, (*(struct var *const *)b)->name);
}

/* `export` without arguments: the exported variables, sorted, in a form
 * the shell could read back. */
void var_print_exports(void)
{
    int n = 0;
    for (struct var *v = vars; v; v = v->next)
        n += v->exported;
    struct var **list = xmalloc((n + 1) * sizeof *list);
    n = 0;
    for (struct var *v = vars; v; v = v->next)
        if (v->exported)
            list[n++] = v;
    qsort(list, n, sizeof *list, by_name);
    for (int i = 0; i < n; i++) {
        if (!list[i]->value) {
            printf("export %s\n", list[i]->name);
            continue;
        }
        printf("export %s='", list[i]->name);
        for (const char *s = list[i]->value; *s; s++) {
            if (*s == '\'')
                fputs("'\\''", stdout);    /* end quote, \', reopen */
            else
                putchar(*s);
        }
        printf("'\n");
    }
    free(list);
}
