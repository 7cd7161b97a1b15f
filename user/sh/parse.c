/*
 * parse.c: building the command tree, by recursive descent.
 *
 * The grammar, loosest binding first (POSIX's, trimmed):
 *
 *   list      = and_or { (";" | "&" | newline) and_or }
 *   and_or    = pipeline { ("&&" | "||") newlines pipeline }
 *   pipeline  = ["!"] command { "|" newlines command }
 *   command   = simple | compound { redirection }
 *   compound  = "{" list "}" | "(" list ")" | if | while | until | for
 *   simple    = { NAME=value | redirection } { word | redirection }
 *   function  = NAME "(" ")" newlines command
 *
 * Keywords (if then else elif fi while until for in do done { } !) are
 * plain words that mean something only where a command could start.
 *
 * Errors unwind with longjmp straight back to parse(): the tree lives in
 * an arena, so nothing needs freeing on the way. Running out of input in
 * the middle of a command is not an error but P_INCOMPLETE: the caller
 * reads another line ("> " prompt) and parses everything again.
 */
#include <setjmp.h>
#include <string.h>

#include "sh.h"

struct parser {
    struct lexer lx;
    struct token tok;                   /* the lookahead */
    size_t last_end;                    /* end of the last token taken */
    jmp_buf fail;
};

static struct node *parse_list(struct parser *p);
static struct node *parse_command(struct parser *p);

static void next(struct parser *p)
{
    p->last_end = p->tok.end;
    lex_next(&p->lx, &p->tok);
}

/* Give up on this input: incomplete if we ran out of it, else an error. */
static _Noreturn void syntax_error(struct parser *p)
{
    struct token *t = &p->tok;
    if (t->type == T_EOF || t->type == T_INCOMPLETE)
        longjmp(p->fail, P_INCOMPLETE);
    int n = t->end - t->start;
    if (t->type == T_NEWLINE)
        sh_error("syntax error near unexpected token `newline'");
    else if (t->type == T_BAD && p->lx.src[t->start] == '<')
        sh_error("here-documents (<<) are not supported");
    else
        sh_error("syntax error near unexpected token `%.*s'", n, p->lx.src + t->start);
    longjmp(p->fail, P_ERROR);
}

/* Is the lookahead the unquoted word kw? */
static int is_kw(struct parser *p, const char *kw)
{
    return p->tok.type == T_WORD && strcmp(p->tok.word, kw) == 0;
}

static void expect_kw(struct parser *p, const char *kw)
{
    if (!is_kw(p, kw))
        syntax_error(p);
    next(p);
}

static void skip_newlines(struct parser *p)
{
    while (p->tok.type == T_NEWLINE)
        next(p);
}

static struct node *new_node(struct parser *p, enum node_type type, struct node *left)
{
    struct node *n = arena_alloc(p->lx.arena, sizeof *n);
    n->type = type;
    n->left = left;
    return n;
}

/* The source text from offset start to the last token taken. */
static char *span(struct parser *p, size_t start)
{
    return arena_strndup(p->lx.arena, p->lx.src + start, p->last_end - start);
}

/* Words that end a list: the keyword that closes the enclosing compound. */
static int at_list_end(struct parser *p)
{
    static const char *const enders[] = { "then", "else", "elif", "fi", "do", "done", "}" };
    if (p->tok.type == T_EOF || p->tok.type == T_RPAREN)
        return 1;
    for (size_t i = 0; i < sizeof enders / sizeof enders[0]; i++)
        if (is_kw(p, enders[i]))
            return 1;
    return 0;
}

/* A list that must not be empty, as in `if LIST; then`. */
static struct node *parse_body(struct parser *p)
{
    struct node *n = parse_list(p);
    if (!n)
        syntax_error(p);
    return n;
}

/* Redirection operator taken; the next word is the file (or fd). */
static void parse_redir(struct parser *p, struct redir ***tail)
{
    struct redir *r = arena_alloc(p->lx.arena, sizeof *r);
    r->fd = p->tok.fd;
    r->op = p->tok.op;
    next(p);
    if (p->tok.type != T_WORD)
        syntax_error(p);
    r->target = p->tok.word;
    next(p);
    **tail = r;
    *tail = &r->next;
}

static struct word *new_word(struct parser *p, char *text)
{
    struct word *w = arena_alloc(p->lx.arena, sizeof *w);
    w->text = text;
    return w;
}

static struct node *parse_simple(struct parser *p)
{
    struct node *n = new_node(p, N_CMD, NULL);
    struct word **assigns = &n->assigns, **words = &n->words;
    struct redir **redirs = &n->redirs;
    for (;;) {
        if (p->tok.type == T_REDIR) {
            parse_redir(p, &redirs);
        } else if (p->tok.type == T_WORD) {
            char *w = p->tok.word, *eq = strchr(w, '=');
            /* NAME=value before the command name is an assignment. */
            if (!n->words && eq && is_name(w, eq - w)) {
                *assigns = new_word(p, w);
                assigns = &(*assigns)->next;
            } else {
                *words = new_word(p, w);
                words = &(*words)->next;
            }
            next(p);
        } else {
            break;
        }
    }
    if (!n->assigns && !n->words && !n->redirs)
        syntax_error(p);
    if (p->tok.type == T_LPAREN && n->words && !n->words->next && !n->assigns &&
        !n->redirs && is_name(n->words->text, strlen(n->words->text))) {
        /* name() body: a function. Its tree must outlive this input. */
        n->type = N_FUNC;
        n->name = n->words->text;
        next(p);
        if (p->tok.type != T_RPAREN)
            syntax_error(p);
        next(p);
        skip_newlines(p);
        n->left = parse_command(p);
        p->lx.arena->keep = 1;
    }
    return n;
}

/* if LIST then LIST { elif LIST then LIST } [else LIST] fi */
static struct node *parse_if(struct parser *p)
{
    struct node *n = new_node(p, N_IF, NULL);
    next(p);                            /* "if" or "elif" */
    n->left = parse_body(p);
    expect_kw(p, "then");
    n->right = parse_body(p);
    if (is_kw(p, "elif")) {
        n->other = parse_if(p);         /* consumes the "fi" */
        return n;
    }
    if (is_kw(p, "else")) {
        next(p);
        n->other = parse_body(p);
    }
    expect_kw(p, "fi");
    return n;
}

/* for NAME [in WORD...] ; do LIST done   (no "in": the arguments, "$@") */
static struct node *parse_for(struct parser *p)
{
    struct node *n = new_node(p, N_FOR, NULL);
    next(p);
    if (p->tok.type != T_WORD || !is_name(p->tok.word, strlen(p->tok.word)))
        syntax_error(p);
    n->name = p->tok.word;
    next(p);
    skip_newlines(p);
    if (is_kw(p, "in")) {
        struct word **tail = &n->words;
        for (next(p); p->tok.type == T_WORD; next(p)) {
            *tail = new_word(p, p->tok.word);
            tail = &(*tail)->next;
        }
        if (p->tok.type != T_SEMI && p->tok.type != T_NEWLINE)
            syntax_error(p);
        next(p);
    } else {
        n->words = new_word(p, "\"$@\"");
        if (p->tok.type == T_SEMI)
            next(p);
    }
    skip_newlines(p);
    expect_kw(p, "do");
    n->right = parse_body(p);
    expect_kw(p, "done");
    return n;
}

static struct node *parse_command(struct parser *p)
{
    struct node *n;
    if (is_kw(p, "if")) {
        n = parse_if(p);
    } else if (is_kw(p, "while") || is_kw(p, "until")) {
        n = new_node(p, is_kw(p, "while") ? N_WHILE : N_UNTIL, NULL);
        next(p);
        n->left = parse_body(p);
        expect_kw(p, "do");
        n->right = parse_body(p);
        expect_kw(p, "done");
    } else if (is_kw(p, "for")) {
        n = parse_for(p);
    } else if (is_kw(p, "{")) {
        next(p);
        n = new_node(p, N_GROUP, parse_body(p));
        expect_kw(p, "}");
    } else if (p->tok.type == T_LPAREN) {
        next(p);
        n = new_node(p, N_SUBSHELL, parse_body(p));
        if (p->tok.type != T_RPAREN)
            syntax_error(p);
        next(p);
    } else {
        return parse_simple(p);
    }
    struct redir **tail = &n->redirs;   /* e.g. while ...; done < file */
    while (p->tok.type == T_REDIR)
        parse_redir(p, &tail);
    return n;
}

static struct node *parse_pipeline(struct parser *p)
{
    size_t start = p->tok.start;
    int negate = is_kw(p, "!");
    if (negate)
        next(p);
    struct node *first = parse_command(p), *last = first;
    first->text = span(p, start);
    while (p->tok.type == T_PIPE) {
        next(p);
        skip_newlines(p);
        size_t s = p->tok.start;
        last->next = parse_command(p);
        last = last->next;
        last->text = span(p, s);
    }
    struct node *n = first;
    if (first->next) {
        n = new_node(p, N_PIPE, first);
        n->text = span(p, start);
    }
    if (negate) {
        n = new_node(p, N_NOT, n);
        n->text = span(p, start);
    }
    return n;
}

static struct node *parse_and_or(struct parser *p)
{
    size_t start = p->tok.start;
    struct node *n = parse_pipeline(p);
    while (p->tok.type == T_AND || p->tok.type == T_OR) {
        n = new_node(p, p->tok.type == T_AND ? N_AND : N_OR, n);
        next(p);
        skip_newlines(p);
        n->right = parse_pipeline(p);
        n->text = span(p, start);
    }
    return n;
}

static struct node *parse_list(struct parser *p)
{
    struct node *list = NULL;
    for (;;) {
        skip_newlines(p);
        if (at_list_end(p))
            return list;
        struct node *n = parse_and_or(p);
        if (p->tok.type == T_AMP) {
            char *text = n->text;
            n = new_node(p, N_BG, n);
            n->text = text;
            next(p);
        } else if (p->tok.type == T_SEMI || p->tok.type == T_NEWLINE) {
            next(p);
        } else if (!at_list_end(p)) {
            syntax_error(p);
        }
        if (list) {
            list = new_node(p, N_SEQ, list);
            list->right = n;
        } else {
            list = n;
        }
    }
}

enum parse_result parse(const char *src, struct arena *a, struct node **out)
{
    struct parser p = { .lx = { .src = src, .arena = a } };
    int r = setjmp(p.fail);
    if (r)
        return r;
    lex_next(&p.lx, &p.tok);
    *out = parse_list(&p);
    if (p.tok.type != T_EOF)            /* a stray ")" or "fi" */
        syntax_error(&p);
    return *out ? P_OK : P_EMPTY;
}
