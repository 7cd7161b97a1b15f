/*
 * sh.h: what the parts of the shell share.
 *
 * The shell's life is a loop (main.c): read a line (input.c), cut it into
 * tokens (lex.c), build a tree of commands from them (parse.c), run the
 * tree (exec.c). Words stay as typed, quotes and all, until just before a
 * command runs: then expand.c replaces $NAME and $(...), removes the
 * quotes and splits the result into arguments. A program runs in a child
 * process (fork, then execve); each pipeline is a job (jobs.c) with its
 * own process group, so that the terminal sends ^C and ^Z to the job and
 * not to the shell. Builtins run inside the shell itself.
 *
 * The files, roughly in the order a command meets them:
 *   main.c      start-up, the read-parse-run loop, scripts, sh -c
 *   input.c     reading lines from a terminal, file, pipe or string
 *   lex.c       tokens: words (quotes kept) and operators
 *   parse.c     the command tree
 *   exec.c      running the tree: lists, if/while/for, pipelines
 *   path.c      finding a program on $PATH and exec'ing it
 *   redirect.c  < > >> 2> 2>&1
 *   expand.c    $NAME, quote removal, field splitting
 *   subst.c     $(command)        arith.c  $((expression))
 *   glob.c      * ? [...]         vars.c   variables, the environment
 *   func.c      functions         jobs.c   jobs, process groups, waiting
 *   jobcmds.c   jobs fg bg wait   kill.c   kill and signal names
 *   test.c      test and [        read.c   read
 *   builtins.c  cd pwd exit export unset shift . type ..., the table
 *   util.c      strings, the parse arena, error messages
 */
#ifndef SH_H
#define SH_H

#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* --- util.c: small helpers everybody uses ------------------------------- */

/* A growable string. */
struct str {
    char *s;
    size_t len, cap;
};
void str_addc(struct str *b, char c);
void str_addn(struct str *b, const char *s, size_t n);
void str_adds(struct str *b, const char *s);
void str_free(struct str *b);

/* A growable argv: n strings, then a NULL. */
struct strv {
    char **v;
    int n, cap;
};
void strv_push(struct strv *l, char *s);

/* An arena: everything parsed from one input is allocated here and freed
 * in one go once it has run, so the tree needs no free function. */
struct arena {
    struct chunk *chunks;
    int keep;                           /* it holds a function: never free */
};
void *arena_alloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_free(struct arena *a);

void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
void sh_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int status_of(int wstatus);             /* waitpid status -> $? */

/* --- lex.c: tokens ----------------------------------------------------- */

enum token_type {
    T_EOF, T_NEWLINE, T_WORD, T_SEMI, T_AMP, T_PIPE, T_AND, T_OR,
    T_LPAREN, T_RPAREN, T_REDIR,
    T_INCOMPLETE,                       /* input ended inside quotes, $(, \ */
    T_BAD,                              /* an operator we do not support */
};

enum redir_op { R_IN, R_OUT, R_APPEND, R_DUP };

struct token {
    enum token_type type;
    char *word;                         /* T_WORD: the text, quotes kept */
    int fd;                             /* T_REDIR: the descriptor, */
    enum redir_op op;                   /* and what to do with it */
    size_t start, end;                  /* where it is in the source */
};

struct lexer {
    const char *src;
    size_t pos;
    struct arena *arena;
};
void lex_next(struct lexer *lx, struct token *t);
long skip_subst(const char *s, long i, char close);

/* --- parse.c: the command tree ----------------------------------------- */

struct word {
    struct word *next;
    char *text;                         /* as typed: quotes, $, \ kept */
};

struct redir {
    struct redir *next;
    int fd;                             /* the descriptor redirected */
    enum redir_op op;
    char *target;                       /* a file, or for R_DUP "N" or "-" */
};

enum node_type {
    N_CMD,          /* a simple command: assigns, words, redirs */
    N_PIPE,         /* left | left->next | ... */
    N_AND, N_OR,    /* left && right, left || right */
    N_SEQ,          /* left ; right */
    N_BG,           /* left & */
    N_NOT,          /* ! left */
    N_IF,           /* if left; then right; else other; fi */
    N_WHILE,        /* while left; do right; done */
    N_UNTIL,        /* until left; do right; done */
    N_FOR,          /* for name in words; do right; done */
    N_GROUP,        /* { left; } */
    N_SUBSHELL,     /* ( left ) */
    N_FUNC,         /* name() left */
};

struct node {
    enum node_type type;
    struct node *left, *right, *other;
    struct node *next;                  /* the next command of a pipeline */
    struct word *assigns;               /* N_CMD: NAME=value prefixes */
    struct word *words;                 /* N_CMD: arguments; N_FOR: list */
    char *name;                         /* N_FOR: the variable, N_FUNC: name */
    struct redir *redirs;               /* N_CMD and compound commands */
    char *text;                         /* the source text, for `jobs` */
};

enum parse_result { P_OK, P_EMPTY, P_INCOMPLETE, P_ERROR };
enum parse_result parse(const char *src, struct arena *a, struct node **out);

/* --- input.c and main.c: where commands come from ----------------------- */

struct input {
    int fd;                             /* a file or the terminal, or -1 */
    const char *str;                    /* ... or a string (sh -c) */
    size_t str_pos;
    char buf[1024];
    size_t start, end;                  /* unread bytes: buf[start..end) */
};
int input_line(struct input *in, struct str *out);
void input_sync(struct input *in);
int run_source(struct input *in, int prompt);
int run_string(const char *s);
int run_file(const char *path);

/* --- vars.c: variables and the special parameters ----------------------- */

extern int last_status;                 /* $? */
extern pid_t shell_pid;                 /* $$ */
extern pid_t last_bg_pid;               /* $! */
extern char *arg0;                      /* $0 */
extern char **posv;                     /* $1 ... */
extern int posc;                        /* $# */

void vars_init(char **envp);
const char *var_get(const char *name);
void var_set(const char *name, const char *value, int export);
void var_export(const char *name);
void var_unset(const char *name);
char **var_environ(void);
void var_print_exports(void);
int is_name(const char *s, size_t n);
int assign(const char *text, int export);
struct saved_var;
struct saved_var *var_save(const char *name, struct saved_var *list);
void var_restore(struct saved_var *s);

/* --- expand.c, subst.c, arith.c, glob.c: words into arguments ---------- */

char **expand_words(struct word *w, int *argc);
char *expand_one(const char *text);
void free_argv(char **argv);
void glob_field(char *pattern, struct strv *args);
void unescape(char *s);
int command_subst(const char *cmd, struct str *out);
extern unsigned subst_count;            /* command substitutions so far */
int arith(const char *expr, long *result);

/* --- redirect.c ------------------------------------------------------------ */

struct saved_fd;
int do_redirs(struct redir *r, struct saved_fd **save);
void undo_redirs(struct saved_fd *save);

/* --- exec.c and path.c: running the tree -------------------------------- */

int run(struct node *n);
char *path_search(const char *name);
_Noreturn void run_in_child(struct node *n);
_Noreturn void exec_path(char **argv);
extern int interrupted;                 /* ^C killed a job: stop lists */
extern int loop_depth, breaking, continuing;

/* --- func.c: shell functions -------------------------------------------- */

extern int returning;                   /* `return` ran: unwind to the call */
void func_define(const char *name, struct node *body);
struct node *func_find(const char *name);
int func_call(struct node *body, int argc, char **argv);

/* --- jobs.c: jobs and process groups ------------------------------------ */

enum proc_state { P_RUNNING, P_STOPPED, P_DONE };

struct proc {
    pid_t pid;
    enum proc_state state;
    int wstatus;                        /* from waitpid */
};

/* A job: the processes of one pipeline (or one command, or a `(...) &`). */
struct job {
    int id;                             /* [1], [2], ... */
    pid_t pgid;                         /* its process group (job control) */
    struct proc *procs;
    int nprocs;
    char *text;                         /* the command line, for `jobs` */
    unsigned seq;                       /* newer (started, stopped): bigger */
    int notified;                       /* its latest state was reported */
};

extern struct job **jobtab;             /* jobtab[id - 1], NULL if free */
extern int njobtab;
extern int interactive;                 /* prompt, ^C handling */
extern int jobctl;                      /* process groups, the terminal */
extern pid_t shell_pgid;
extern volatile sig_atomic_t got_sigint;   /* ^C reached the shell */

void jobs_init(void);
void child_reset(int bg);
struct job *job_new(const char *text);
pid_t job_fork(struct job *j, int fg);
int job_start(struct job *j, int bg);
int job_foreground(struct job *j, int cont);
int job_wait(struct job *j, int interruptible);
int job_running(struct job *j);
int job_stopped(struct job *j);
int job_status(struct job *j);
void job_free(struct job *j);
void jobs_update(void);
void jobs_notify(void);
void jobs_hangup(void);

/* jobcmds.c: the builtins that work on jobs; showing and naming jobs. */
struct job *job_find(const char *spec, const char *who);
void job_print(struct job *j, FILE *out, int with_pids);
char job_mark(struct job *j);
int job_signal(struct job *j, int sig);

/* --- the builtins ------------------------------------------------------ */

typedef int builtin_fn(int argc, char **argv);
builtin_fn *find_builtin(const char *name);
int is_special_builtin(const char *name);
builtin_fn bi_jobs, bi_fg, bi_bg, bi_wait, bi_kill, bi_test, bi_bracket;
builtin_fn bi_break, bi_continue, bi_read, bi_return;
_Noreturn void sh_exit(int status);

#endif
