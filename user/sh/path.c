/*
 * path.c: finding a program on $PATH and starting it.
 *
 * A command name without a slash is looked for in each directory of
 * $PATH in turn ("/bin:/usr/bin"; an empty entry means the current
 * directory). We simply try execve() on each candidate: it fails with
 * ENOENT where there is no such file, and succeeds (never returning)
 * where there is. The kernel reads "#!" lines; a text file without one
 * is a shell script by tradition (ENOEXEC), and we run it ourselves.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

/* The next candidate "dir/name" from the $PATH list at *p (malloc'ed),
 * or NULL when the list is used up. */
static char *next_candidate(const char **p, const char *name)
{
    if (!*p || !**p)
        return NULL;
    size_t n = strcspn(*p, ":");
    struct str path = {0};
    str_addn(&path, n ? *p : ".", n ? n : 1);
    str_addc(&path, '/');
    str_adds(&path, name);
    *p += n;
    if (**p == ':')
        (*p)++;
    return path.s;
}

/* Where would name run from (for `type`)? A malloc'ed path, or NULL. */
char *path_search(const char *name)
{
    struct stat st;
    if (strchr(name, '/'))
        return access(name, X_OK) == 0 ? xstrdup(name) : NULL;
    const char *p = var_get("PATH");
    char *path;
    while ((path = next_candidate(&p, name))) {
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0)
            return path;
        free(path);
    }
    return NULL;
}

/* execve; for a script without "#!", run it in this (child) shell. */
static void try_exec(const char *path, char **argv, char **envp)
{
    execve(path, argv, envp);
    if (errno == ENOEXEC) {
        int argc = 0;
        while (argv[argc])
            argc++;
        arg0 = (char *)path;
        posv = argv + 1;
        posc = argc - 1;
        _exit(run_file(path));
    }
}

/* Replace this process with the program argv[0]. If that fails, say why
 * and exit: 127 if there is no such command, 126 if it cannot be run. */
_Noreturn void exec_path(char **argv)
{
    char **envp = var_environ();
    const char *name = argv[0];
    int err = ENOENT;
    if (strchr(name, '/')) {
        try_exec(name, argv, envp);
        err = errno;
    } else if (*name) {
        const char *p = var_get("PATH");
        char *path;
        while ((path = next_candidate(&p, name))) {
            try_exec(path, argv, envp);
            if (errno != ENOENT && errno != ENOTDIR)
                err = errno;            /* there, but could not run it */
            free(path);
        }
    }
    struct stat st;
    if (err == ENOENT && !strchr(name, '/'))
        sh_error("%s: command not found", name);
    else if (err == EACCES && stat(name, &st) == 0 && S_ISDIR(st.st_mode))
        sh_error("%s: Is a directory", name);
    else
        sh_error("%s: %s", name, strerror(err));
    _exit(err == ENOENT ? 127 : 126);
}
