/*
 * expand.c: turning a word as typed into the arguments a program gets.
 *
 * Walking the word once, left to right, it
 *   - removes quotes: '...' keeps everything, "..." keeps all but $ ` \;
 *   - replaces $NAME ${NAME} $? $$ $! $# $0..$9 $@ $* with their values,
 *     and $(command) `command` with what the command printed;
 *   - splits the values of unquoted $... at blanks into several fields,
 *     so that x="a b"; ls $x gives ls two arguments and "$x" one;
 *   - and notes unquoted * ? [ so glob.c can match them against files.
 *
 * Inside a field being built, a backslash marks the next byte as literal
 * (quoted * stays a star, not a pattern): glob.c and unescape() read it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct fields {
    struct strv done;                   /* the finished fields */
    struct str cur;                     /* the field being built */
    int have;                           /* quotes seen: "" is a field */
    int glob;                           /* cur has an unquoted * ? [ */
    int split;                          /* split values and glob? */
    int empty_at;                       /* "$@" with no arguments seen */
};

/* One byte of the field; quoted bytes never act as patterns. */
static void add(struct fields *f, char c, int quoted)
{
    int special = strchr("*?[", c) != NULL;
    if (c == '\\' || (quoted && special))
        str_addc(&f->cur, '\\');
    else if (special)
        f->glob = 1;
    str_addc(&f->cur, c);
}

/* Drop the escaping backslashes that add() put in. */
void unescape(char *s)
{
    char *d = s;
    for (; *s; s++) {
        if (*s == '\\' && s[1])
            s++;
        *d++ = *s;
    }
    *d = '\0';
}

static void end_field(struct fields *f)
{
    if (f->cur.len || f->have) {
        char *s = f->cur.s ? f->cur.s : xstrdup("");
        if (f->glob && f->split) {
            glob_field(s, &f->done);
            free(s);
        } else {
            unescape(s);
            strv_push(&f->done, s);
        }
    }
    f->cur = (struct str){0};
    f->have = f->glob = 0;
}

/* The value of an expansion. Unquoted, blanks split it into fields. */
static void add_value(struct fields *f, const char *v, int quoted)
{
    for (; v && *v; v++) {
        if (!quoted && f->split && strchr(" \t\n", *v)) {
            if (f->cur.len || f->have)
                end_field(f);
        } else {
            add(f, *v, quoted);
        }
    }
}

/* $@ and $*: the arguments. Only "$@" keeps them apart as fields. */
static void add_args(struct fields *f, int at, int quoted)
{
    if (posc == 0 && at && quoted)
        f->empty_at = 1;
    for (int i = 0; i < posc; i++) {
        if (i > 0 && at && quoted) {
            end_field(f);
            f->have = 1;                /* an empty argument stays one */
        } else if (i > 0) {
            add_value(f, " ", quoted);
        }
        add_value(f, posv[i], quoted);
    }
}

/* How long is the parameter name at s? One special character, digits
 * (only one unless in braces: $10 is ${1}0), or a NAME. */
static size_t param_len(const char *s, int braces)
{
    size_t n = 0;
    if (*s && strchr("?$!#@*-", *s))
        return 1;
    if (*s >= '0' && *s <= '9') {
        while (s[n] >= '0' && s[n] <= '9')
            n++;
        return braces ? n : 1;
    }
    while (is_name(s, n + 1))
        n++;
    return n;
}

/* The special and positional parameters' values; NULL if unset. */
static const char *special(const char *name, char *buf, size_t size)
{
    switch (name[0]) {
    case '?': snprintf(buf, size, "%d", last_status); return buf;
    case '$': snprintf(buf, size, "%d", shell_pid); return buf;
    case '#': snprintf(buf, size, "%d", posc); return buf;
    case '!': if (!last_bg_pid) return "";
              snprintf(buf, size, "%d", last_bg_pid); return buf;
    case '-': return "";
    }
    if (name[0] >= '0' && name[0] <= '9') {
        int i = atoi(name);
        return i == 0 ? arg0 : i <= posc ? posv[i - 1] : NULL;
    }
    return var_get(name);
}

/*
 * ${...}: NAME, #NAME (its length), and the defaults NAME:-word (word if
 * NAME is unset or empty), NAME-word (if unset), NAME:=word (and assign
 * it), NAME:+word (word if NAME is set and not empty).
 */
static int brace(struct fields *f, char *in, int quoted)
{
    char buf[32], *name = in;
    int length = in[0] == '#' && in[1]; /* ${#NAME}, but ${#} is $# */
    if (length)
        name++;
    char *op = name + param_len(name, 1);
    if (op == name || (length && *op)) {
        sh_error("${%s}: bad substitution", in);
        return -1;
    }
    char opc = *op;
    *op = '\0';
    if (!strcmp(name, "@") || !strcmp(name, "*")) {
        add_args(f, name[0] == '@', quoted);
        return 0;
    }
    const char *v = special(name, buf, sizeof buf);
    if (length) {
        snprintf(buf, sizeof buf, "%zu", v ? strlen(v) : 0);
        add_value(f, buf, quoted);
        return 0;
    }
    if (!opc) {
        add_value(f, v, quoted);
        return 0;
    }
    int colon = opc == ':', empty = !v || (colon && !*v);
    char how = op[colon];
    char *word = op + colon + 1;
    if (!strchr("-=+", how) || !how) {
        sh_error("${%s%s}: bad substitution", name, op + 1);
        return -1;
    }
    if ((how == '+') == empty) {        /* the variable's own value */
        add_value(f, how == '+' ? NULL : v, quoted);
        return 0;
    }
    char *w = expand_one(word);
    if (!w)
        return -1;
    if (how == '=')
        var_set(name, w, 0);
    add_value(f, w, quoted);
    free(w);
    return 0;
}

/* $ at s[i]: expand what follows. Returns the index after it, or -1. */
static long dollar(struct fields *f, const char *s, long i, int quoted)
{
    char buf[32], c = s[i + 1];
    if (c == '(' || c == '{') {
        long end = skip_subst(s, i + 2, c == '(' ? ')' : '}');
        if (end < 0) {
            sh_error("missing `%c'", c == '(' ? ')' : '}');
            return -1;
        }
        char *in = strndup(s + i + 2, end - i - 2);
        size_t len = strlen(in);
        int r;
        if (c == '{') {
            r = brace(f, in, quoted);
        } else if (len >= 2 && in[0] == '(' && in[len - 1] == ')') {
            in[len - 1] = '\0';         /* $((expression)) */
            char *e = expand_one(in + 1);
            long value = 0;
            r = e ? arith(e, &value) : -1;
            snprintf(buf, sizeof buf, "%ld", value);
            if (r == 0)
                add_value(f, buf, quoted);
            free(e);
        } else {
            struct str out = {0};
            r = command_subst(in, &out);
            add_value(f, out.s, quoted);
            str_free(&out);
        }
        free(in);
        return r < 0 ? -1 : end + 1;
    }
    if (c == '@' || c == '*') {
        add_args(f, c == '@', quoted);
        return i + 2;
    }
    long n = param_len(s + i + 1, 0);
    if (n == 0) {
        add(f, '$', quoted);            /* a lone $ is just a dollar */
        return i + 1;
    }
    char *name = strndup(s + i + 1, n);
    add_value(f, special(name, buf, sizeof buf), quoted);
    free(name);
    return i + 1 + n;
}

/* The main walk over one word (see the comment at the top). */
static int expand_word(struct fields *f, const char *s)
{
    int dq = 0;                         /* inside "..." */
    long i = 0;
    if (s[0] == '~' && (s[1] == '/' || !s[1])) {
        add_value(f, var_get("HOME") ? var_get("HOME") : "~", 1);
        i = 1;
    }
    while (i >= 0 && s[i]) {
        char c = s[i];
        if (c == '\'' && !dq) {
            for (i++; s[i] && s[i] != '\''; i++)
                add(f, s[i], 1);
            f->have = 1;
            i++;
        } else if (c == '"') {
            dq = !dq;
            f->have = 1;
            i++;
        } else if (c == '\\') {
            /* In "...", a backslash escapes only $ ` " \ and newline. */
            if (s[i + 1] && (!dq || strchr("$`\"\\\n", s[i + 1])))
                i++;
            add(f, s[i], 1);
            i++;
        } else if (c == '$') {
            i = dollar(f, s, i, dq);
        } else if (c == '`') {
            long end = skip_subst(s, i + 1, '`');
            if (end < 0) {
                sh_error("missing `");
                return -1;
            }
            char *cmd = strndup(s + i + 1, end - i - 1);
            struct str out = {0};
            command_subst(cmd, &out);
            add_value(f, out.s, dq);
            str_free(&out);
            free(cmd);
            i = end + 1;
        } else {
            add(f, c, dq);
            i++;
        }
    }
    return i < 0 ? -1 : 0;
}

/* The arguments of a command: every word expanded, split and globbed.
 * Returns a malloc'ed NULL-terminated array, or NULL on an error. */
char **expand_words(struct word *w, int *argc)
{
    struct fields f = { .split = 1 };
    strv_push(&f.done, NULL);           /* so that v is never NULL */
    f.done.n = 0;
    for (; w; w = w->next) {
        f.empty_at = 0;
        if (expand_word(&f, w->text) < 0) {
            str_free(&f.cur);
            free_argv(f.done.v);
            return NULL;
        }
        if (f.empty_at && !f.cur.len)
            f.have = 0;                 /* "$@" with no arguments: nothing */
        end_field(&f);
    }
    *argc = f.done.n;
    return f.done.v;
}

/* One word to one string: no splitting, no globbing (assignments,
 * redirection targets, case words). NULL on an error. */
char *expand_one(const char *text)
{
    struct fields f = { .split = 0 };
    if (expand_word(&f, text) < 0) {
        str_free(&f.cur);
        return NULL;
    }
    char *s = f.cur.s ? f.cur.s : xstrdup("");
    unescape(s);
    return s;
}

void free_argv(char **argv)
{
    for (int i = 0; argv && argv[i]; i++)
        free(argv[i]);
    free(argv);
}
