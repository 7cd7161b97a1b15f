/*
 * builtins.c: commands the shell runs itself, and the table of them.
 *
 * Why built in? cd must change the shell's own directory, exit must end
 * the shell, export and unset change its variables: a child process
 * could only change its own. (jobs, fg, bg, wait: jobcmds.c; kill:
 * kill.c; test and [: test.c. exec is handled in exec.c, since it
 * replaces the shell itself.)
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

_Noreturn void sh_exit(int status)
{
    if (interactive)
        jobs_hangup();
    fflush(stdout);
    exit(status);
}

/* cd [dir | -]: no dir means $HOME, - means $OLDPWD. */
static int bi_cd(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : var_get("HOME");
    int print = 0;
    if (argc > 1 && !strcmp(dir, "-")) {
        dir = var_get("OLDPWD");
        print = 1;
    }
    if (!dir) {
        sh_error("cd: %s not set", print ? "OLDPWD" : "HOME");
        return 1;
    }
    char old[PATH_MAX], now[PATH_MAX];
    if (!getcwd(old, sizeof old))
        old[0] = '\0';
    if (chdir(dir) < 0) {
        sh_error("cd: %s: %s", dir, strerror(errno));
        return 1;
    }
    var_set("OLDPWD", old, 0);
    if (getcwd(now, sizeof now)) {
        var_set("PWD", now, 0);
        if (print)
            printf("%s\n", now);
    }
    return 0;
}

static int bi_pwd(int argc, char **argv)
{
    (void)argc, (void)argv;
    char buf[PATH_MAX];
    if (!getcwd(buf, sizeof buf)) {
        sh_error("pwd: %s", strerror(errno));
        return 1;
    }
    printf("%s\n", buf);
    return 0;
}

/* exit [n]: without n, the status of the last command. */
static int bi_exit(int argc, char **argv)
{
    int status = last_status;
    if (argc > 1) {
        char *end;
        status = strtol(argv[1], &end, 10);
        if (!*argv[1] || *end) {
            sh_error("exit: %s: numeric argument required", argv[1]);
            status = 2;
        }
    }
    sh_exit(status & 0xff);
}

/* export [NAME[=value] ...]: the variables go into children's environment. */
static int bi_export(int argc, char **argv)
{
    if (argc == 1 || (argc == 2 && !strcmp(argv[1], "-p"))) {
        var_print_exports();
        return 0;
    }
    int status = 0;
    for (int i = 1; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        size_t n = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
        if (!is_name(argv[i], n)) {
            sh_error("export: `%s': not a valid identifier", argv[i]);
            status = 1;
        } else if (eq) {
            *eq = '\0';
            var_set(argv[i], eq + 1, 1);
        } else {
            var_export(argv[i]);
        }
    }
    return status;
}

static int bi_unset(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "-v") != 0)
            var_unset(argv[i]);
    return 0;
}

/* shift [n]: $2 becomes $1, and so on. */
static int bi_shift(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 1;
    if (n < 0 || n > posc) {
        sh_error("shift: %s: shift count out of range", argc > 1 ? argv[1] : "1");
        return 1;
    }
    posv += n;
    posc -= n;
    return 0;
}

/* . file [args]: run the file's commands in this shell (source). */
static int bi_dot(int argc, char **argv)
{
    if (argc < 2) {
        sh_error("%s: filename argument required", argv[0]);
        return 2;
    }
    char **oldv = posv;
    int oldc = posc;
    if (argc > 2) {
        posv = argv + 2;
        posc = argc - 2;
    }
    int status = run_file(argv[1]);
    posv = oldv;
    posc = oldc;
    return status;
}

/* type name...: what would run. */
static int bi_type(int argc, char **argv)
{
    static const char *const keywords[] = {
        "if", "then", "else", "elif", "fi", "while", "until", "for", "in", "do",
        "done", "{", "}", "!",
    };
    int status = 0;
    for (int i = 1; i < argc; i++) {
        int found = 0;
        for (size_t k = 0; k < sizeof keywords / sizeof keywords[0]; k++)
            if (!strcmp(argv[i], keywords[k]))
                found = printf("%s is a shell keyword\n", argv[i]);
        if (!found && (find_builtin(argv[i]) || !strcmp(argv[i], "exec")))
            found = printf("%s is a shell builtin\n", argv[i]);
        char *path = found ? NULL : path_search(argv[i]);
        if (path) {
            found = printf("%s is %s\n", argv[i], path);
            free(path);
        }
        if (!found) {
            sh_error("type: %s: not found", argv[i]);
            status = 1;
        }
    }
    return status;
}

static int bi_true(int argc, char **argv)
{
    (void)argc, (void)argv;
    return 0;
}

static int bi_false(int argc, char **argv)
{
    (void)argc, (void)argv;
    return 1;
}

static const struct {
    const char *name;
    builtin_fn *fn;
} builtins[] = {
    { "cd", bi_cd },       { "pwd", bi_pwd },     { "exit", bi_exit },
    { "export", bi_export }, { "unset", bi_unset }, { "shift", bi_shift },
    { ".", bi_dot },       { "source", bi_dot },  { "type", bi_type },
    { ":", bi_true },      { "true", bi_true },   { "false", bi_false },
    { "jobs", bi_jobs },   { "fg", bi_fg },       { "bg", bi_bg },
    { "wait", bi_wait },   { "kill", bi_kill },   { "test", bi_test },
    { "[", bi_bracket },   { "read", bi_read },   { "break", bi_break },
    { "continue", bi_continue }, { "return", bi_return },
};

/* POSIX's "special" builtins: NAME=value before them stays set after. */
int is_special_builtin(const char *name)
{
    static const char *const special[] = {
        ".", ":", "break", "continue", "exec", "exit", "export", "return", "shift", "unset",
    };
    for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
        if (!strcmp(name, special[i]))
            return 1;
    return 0;
}

builtin_fn *find_builtin(const char *name)
{
    for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
        if (!strcmp(name, builtins[i].name))
            return builtins[i].fn;
    return NULL;
}
