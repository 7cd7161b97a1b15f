/*
 * lex.c: cutting the input into tokens.
 *
 * A token is an operator (| || & && ; ( ) newline, a redirection such as
 * 2>> or >&) or a word. Words are returned exactly as typed, with their
 * quotes and backslashes: expand.c needs them to know what was quoted.
 * All the lexer must know about quoting is where a word ends: a blank or
 * an operator ends it, except inside '...', "...", $(...), `...` or after
 * a backslash. If the input ends inside one of those, the token is
 * T_INCOMPLETE: the caller can read another line and try again.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

/*
 * s[i] is just after an opening "$(" (close ')'), "${" (close '}') or
 * '`' (close '`'): return the index of the matching close, or -1 if the
 * string ends first. Quotes inside are skipped; $( ... ) nests.
 */
long skip_subst(const char *s, long i, char close)
{
    int depth = 0;
    for (; s[i]; i++) {
        char c = s[i];
        if (c == '\\' && s[i + 1]) {
            i++;
        } else if (c == close && depth == 0) {
            return i;
        } else if (close == '`') {
            continue;                   /* no nesting or quotes in `...` */
        } else if (c == '\'') {
            char *q = strchr(s + i + 1, '\'');
            if (!q)
                return -1;
            i = q - s;
        } else if (c == '"') {
            for (i++; s[i] && s[i] != '"'; i++) {
                if (s[i] == '\\' && s[i + 1])
                    i++;
                else if (s[i] == '$' && (s[i + 1] == '(' || s[i + 1] == '{')) {
                    i = skip_subst(s, i + 2, s[i + 1] == '(' ? ')' : '}');
                    if (i < 0)
                        return -1;
                }
            }
            if (!s[i])
                return -1;
        } else if (c == '$' && (s[i + 1] == '(' || s[i + 1] == '{')) {
            i = skip_subst(s, i + 2, s[i + 1] == '(' ? ')' : '}');
            if (i < 0)
                return -1;
        } else if (c == '(' && close == ')') {
            depth++;
        } else if (c == ')' && close == ')') {
            depth--;
        }
    }
    return -1;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Characters that end an unquoted word. */
static int ends_word(char c)
{
    return c == '\0' || is_blank(c) || c == '\n' || strchr("|&;<>()", c);
}

/*
 * Scan the word that starts at s[i] into w. Returns the index just past
 * it, or -1 if the input ends inside quotes.
 */
static long scan_word(const char *s, long i, struct str *w)
{
    while (!ends_word(s[i])) {
        long start = i;
        char c = s[i];
        if (c == '\\') {
            if (s[i + 1] == '\n' && !s[i + 2])
                return -1;              /* continued on a line not read yet */
            if (s[i + 1] == '\n') {     /* line continuation: vanishes */
                i += 2;
                continue;
            }
            if (!s[i + 1])
                return -1;
            i += 2;
        } else if (c == '\'') {
            const char *q = strchr(s + i + 1, '\'');
            if (!q)
                return -1;
            i = q - s + 1;
        } else if (c == '"') {
            for (i++; s[i] != '"'; i++) {
                if (!s[i])
                    return -1;
                if (s[i] == '\\' && s[i + 1])
                    i++;
                else if (s[i] == '$' && (s[i + 1] == '(' || s[i + 1] == '{'))
                    i = skip_subst(s, i + 2, s[i + 1] == '(' ? ')' : '}');
                else if (s[i] == '`')
                    i = skip_subst(s, i + 1, '`');
                if (i < 0)
                    return -1;
            }
            i++;
        } else if (c == '$' && (s[i + 1] == '(' || s[i + 1] == '{')) {
            i = skip_subst(s, i + 2, s[i + 1] == '(' ? ')' : '}');
            if (i < 0)
                return -1;
            i++;
        } else if (c == '`') {
            i = skip_subst(s, i + 1, '`');
            if (i < 0)
                return -1;
            i++;
        } else {
            i++;
        }
        str_addn(w, s + start, i - start);
    }
    return i;
}

/* A redirection operator at s[i] ("<", ">", ">>", ">&", "<&", ">|"):
 * fill in t and return its length, or 0 if there is none. */
static int scan_redir(const char *s, long i, struct token *t)
{
    t->type = T_REDIR;
    if (s[i] == '<') {
        t->fd = t->fd < 0 ? 0 : t->fd;
        if (s[i + 1] == '&')
            return t->op = R_DUP, 2;
        if (s[i + 1] == '<')
            return t->type = T_BAD, 2;  /* here-documents: not supported */
        return t->op = R_IN, 1;
    }
    if (s[i] == '>') {
        t->fd = t->fd < 0 ? 1 : t->fd;
        if (s[i + 1] == '>')
            return t->op = R_APPEND, 2;
        if (s[i + 1] == '&')
            return t->op = R_DUP, 2;
        if (s[i + 1] == '|')
            return t->op = R_OUT, 2;
        return t->op = R_OUT, 1;
    }
    return 0;
}

void lex_next(struct lexer *lx, struct token *t)
{
    const char *s = lx->src;
    long i = lx->pos;

    int more = 0;                       /* a \newline at the very end */
    for (;;) {                          /* blanks, comments, \newline */
        while (is_blank(s[i]))
            i++;
        if (s[i] == '\\' && s[i + 1] == '\n') {
            i += 2;
            more = !s[i];
        } else if (s[i] == '#') {
            while (s[i] && s[i] != '\n')
                i++;
        } else {
            break;
        }
    }
    memset(t, 0, sizeof *t);
    t->start = i;
    t->fd = -1;

    /* "2>" and friends: digits right before < or > name the descriptor. */
    long d = i;
    while (isdigit((unsigned char)s[d]))
        d++;
    int len;
    if (d > i && d - i < 4 && (s[d] == '<' || s[d] == '>')) {
        t->fd = atoi(s + i);
        len = d - i + scan_redir(s, d, t);
    } else if ((len = scan_redir(s, i, t)) > 0) {
        /* a redirection without a number */
    } else if (s[i] == '\0') {
        t->type = more ? T_INCOMPLETE : T_EOF;
        len = 0;
    } else if (s[i] == '\n') {
        t->type = T_NEWLINE, len = 1;
    } else if (s[i] == '&') {
        t->type = s[i + 1] == '&' ? T_AND : T_AMP;
        len = s[i + 1] == '&' ? 2 : 1;
    } else if (s[i] == '|') {
        t->type = s[i + 1] == '|' ? T_OR : T_PIPE;
        len = s[i + 1] == '|' ? 2 : 1;
    } else if (s[i] == ';') {
        t->type = s[i + 1] == ';' ? T_BAD : T_SEMI;
        len = s[i + 1] == ';' ? 2 : 1;
    } else if (s[i] == '(' || s[i] == ')') {
        t->type = s[i] == '(' ? T_LPAREN : T_RPAREN;
        len = 1;
    } else {
        struct str w = {0};
        long end = scan_word(s, i, &w);
        if (end < 0) {
            t->type = T_INCOMPLETE;
            end = strlen(s);
        } else {
            t->type = T_WORD;
            t->word = arena_strndup(lx->arena, w.s ? w.s : "", w.len);
        }
        str_free(&w);
        len = end - i;
    }
    t->end = i + len;
    lx->pos = t->end;
}
