/*
 * exec.c: running the command tree.
 *
 * run() walks the tree: ; && || ! and the compound commands (if, while,
 * for, { }) are decided right here in the shell, by the exit statuses of
 * what ran before. What is left are simple commands and pipelines:
 *
 *   - a builtin runs in the shell itself, with its redirections undone
 *     afterwards;
 *   - anything else, and every member of a pipeline, runs in a child:
 *     fork(), wire up the pipe ends and redirections, then execve() the
 *     program found on $PATH (or, for a compound command or builtin in
 *     a pipeline, run it in the child copy of the shell and exit).
 *
 * The shell then waits for the job (jobs.c), unless it was started with &.
 * (Finding the program on $PATH and exec'ing it: path.c.)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

int interrupted;                        /* ^C killed a foreground job */
int loop_depth, breaking, continuing;   /* for break and continue */

/* NAME=value words before a command: exported when a program follows,
 * so they reach its environment. Returns 0, or 1 after an error. */
static int assign_all(struct word *w, int export)
{
    for (; w; w = w->next)
        if (assign(w->text, export) < 0)
            return 1;
    return 0;
}

/* The same for a function or a regular builtin: only while it runs. The
 * old values go on *undo, for var_restore. */
static int assign_temporarily(struct word *w, struct saved_var **undo)
{
    for (; w; w = w->next) {
        char *name = xstrdup(w->text);
        name[strcspn(name, "=")] = '\0';
        *undo = var_save(name, *undo);
        free(name);
        if (assign(w->text, 1) < 0)
            return 1;
    }
    return 0;
}

/* Run a function or builtin in the shell, its redirections undone after
 * (unless forked: then nothing needs undoing). */
static int run_here(struct node *n, int forked, int argc, char **argv)
{
    struct saved_fd *save = NULL;
    struct saved_var *undo = NULL;
    struct node *body = func_find(argv[0]);
    int status = is_special_builtin(argv[0]) ? assign_all(n->assigns, 0)
                                            : assign_temporarily(n->assigns, &undo);
    fflush(stdout);
    if (!status && do_redirs(n->redirs, forked ? NULL : &save) < 0)
        status = 1;
    else if (!status && body)
        status = func_call(body, argc, argv);
    else if (!status)
        status = find_builtin(argv[0])(argc, argv);
    fflush(stdout);
    undo_redirs(save);
    var_restore(undo);
    return status;
}

/*
 * A simple command. forked: we are already in a child (a pipeline
 * member), so builtins run here and programs replace us.
 */
static int simple(struct node *n, int forked)
{
    int argc, status = 0;
    unsigned substs = subst_count;
    char **argv = expand_words(n->words, &argc);
    if (!argv)
        return interrupted ? 130 : 1;
    if (argc == 0) {                    /* only assignments and redirections */
        struct saved_fd *save = NULL;
        status = assign_all(n->assigns, 0);
        if (!status && subst_count != substs)
            status = last_status;       /* x=$(cmd): cmd's status */
        if (!status && do_redirs(n->redirs, &save) < 0)
            status = 1;
        undo_redirs(save);
    } else if (!strcmp(argv[0], "exec")) {
        /* exec: no fork. Without a command, the redirections stay. */
        status = assign_all(n->assigns, 1);
        if (!status && do_redirs(n->redirs, NULL) < 0)
            status = 1;
        if (!status && argc > 1) {
            child_reset(0);
            exec_path(argv + 1);
        }
    } else if (func_find(argv[0]) || find_builtin(argv[0])) {
        status = run_here(n, forked, argc, argv);
    } else if (forked) {
        if (assign_all(n->assigns, 1) || do_redirs(n->redirs, NULL) < 0)
            _exit(1);
        exec_path(argv);
    } else {
        struct job *j = job_new(n->text);
        if (job_fork(j, 1) == 0) {
            if (assign_all(n->assigns, 1) || do_redirs(n->redirs, NULL) < 0)
                _exit(1);
            exec_path(argv);
        }
        status = job_start(j, 0);
    }
    free_argv(argv);
    return status;
}

/* In a child: make from the descriptor to. */
static void move_fd(int from, int to)
{
    if (from != to) {
        dup2(from, to);
        close(from);
    }
}

/*
 * Start n as a job: each member of a pipeline in its own child, joined by
 * pipes; or one child for a single command, `( ... )` or `a && b &`. The
 * parent closes every pipe end after forking, so that a reader sees EOF
 * when its writer exits (an open write end anywhere would keep it waiting).
 */
static int launch(struct node *n, int bg)
{
    struct job *j = job_new(n->text);
    int pipeline = n->type == N_PIPE, in = -1;
    int null_input = bg && !jobctl;     /* (the child forgets jobctl) */
    for (struct node *m = pipeline ? n->left : n; m; m = pipeline ? m->next : NULL) {
        int p[2] = { -1, -1 };
        if (m->next && pipeline && pipe(p) < 0) {
            sh_error("pipe: %s", strerror(errno));
            break;
        }
        pid_t pid = job_fork(j, !bg);
        if (pid == 0) {
            if (in >= 0)
                move_fd(in, 0);
            else if (null_input)        /* no terminal input for it (POSIX) */
                move_fd(open("/dev/null", O_RDONLY), 0);
            if (p[1] >= 0) {
                close(p[0]);
                move_fd(p[1], 1);
            }
            run_in_child(m);
        }
        if (in >= 0)
            close(in);
        if (p[1] >= 0)
            close(p[1]);
        in = p[0];
        if (pid < 0)
            break;
    }
    if (in >= 0)
        close(in);
    return job_start(j, bg);
}

_Noreturn void run_in_child(struct node *n)
{
    int status;
    if (n->type == N_CMD) {
        status = simple(n, 1);
    } else if (n->type == N_SUBSHELL) {
        status = do_redirs(n->redirs, NULL) < 0 ? 1 : run(n->left);
    } else {
        status = run(n);
    }
    fflush(stdout);
    _exit(status);
}

/* After a loop body: what do break and continue ask for? 1 = leave. */
static int loop_exit(void)
{
    if (interrupted || returning)
        return 1;
    if (breaking) {
        breaking--;
        return 1;
    }
    if (continuing && --continuing > 0)
        return 1;                       /* continue an outer loop */
    return 0;
}

static int compound(struct node *n)
{
    int status = 0;
    if (n->type == N_IF) {
        if (run(n->left) == 0)
            status = run(n->right);
        else if (n->other)
            status = run(n->other);
    } else if (n->type == N_WHILE || n->type == N_UNTIL) {
        loop_depth++;
        while (!interrupted && (run(n->left) == 0) == (n->type == N_WHILE)) {
            status = run(n->right);
            if (loop_exit())
                break;
        }
        loop_depth--;
    } else if (n->type == N_FOR) {
        int argc;
        char **argv = expand_words(n->words, &argc);
        if (!argv)
            return 1;
        loop_depth++;
        for (int i = 0; i < argc; i++) {
            var_set(n->name, argv[i], 0);
            status = run(n->right);
            if (loop_exit())
                break;
        }
        loop_depth--;
        free_argv(argv);
    } else {                            /* N_GROUP */
        status = run(n->left);
    }
    return status;
}

/* Stop running a list? After ^C, or on the way out of break/continue. */
static int stopping(void)
{
    return interrupted || breaking || continuing || returning;
}

int run(struct node *n)
{
    int status = 0;
    struct saved_fd *save = NULL;
    switch (n->type) {
    case N_SEQ:
        status = run(n->left);
        if (!stopping())
            status = run(n->right);
        break;
    case N_AND:
    case N_OR:
        status = run(n->left);
        if (!stopping() && (status == 0) == (n->type == N_AND))
            status = run(n->right);
        break;
    case N_NOT:
        status = !run(n->left);
        break;
    case N_BG:
        status = launch(n->left, 1);
        break;
    case N_PIPE:
    case N_SUBSHELL:
        status = launch(n, 0);
        break;
    case N_CMD:
        status = simple(n, 0);
        break;
    case N_FUNC:
        func_define(n->name, n->left);
        break;
    default:                            /* if, while, until, for, { } */
        fflush(stdout);
        if (do_redirs(n->redirs, &save) < 0)
            status = 1;
        else
            status = compound(n);
        fflush(stdout);
        undo_redirs(save);
        break;
    }
    return last_status = status;
}

/* break [n] and continue [n]: leave (or restart) the n-th enclosing loop. */
static int loop_builtin(int argc, char **argv, int *what)
{
    int n = argc > 1 ? atoi(argv[1]) : 1;
    if (n < 1) {
        sh_error("%s: %s: loop count out of range", argv[0], argv[1]);
        return 1;
    }
    if (loop_depth)
        *what = n < loop_depth ? n : loop_depth;
    return 0;
}

int bi_break(int argc, char **argv) { return loop_builtin(argc, argv, &breaking); }
int bi_continue(int argc, char **argv) { return loop_builtin(argc, argv, &continuing); }
