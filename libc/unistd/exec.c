/* exec.c: replacing the program: execve and its conveniences. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "syscall.h"

int execve(const char *path, char *const argv[], char *const envp[])
{
    return (int)__syscall_ret(__syscall3(__NR_execve, path, argv, envp));
}

int execv(const char *path, char *const argv[])
{
    return execve(path, argv, environ);
}

/*
 * execvp: a name without '/' is looked for in each directory of $PATH
 * (default "/bin:/usr/bin"; an empty entry means the current directory).
 * A directory where the file does not exist is skipped; if some candidate
 * existed but could not be run (EACCES), that is the error reported.
 */
int execvpe(const char *file, char *const argv[], char *const envp[])
{
    if (!*file) {
        errno = ENOENT;
        return -1;
    }
    if (strchr(file, '/'))
        return execve(file, argv, envp);
    const char *path = getenv("PATH");
    if (!path)
        path = "/bin:/usr/bin";
    size_t flen = strlen(file);
    if (flen > NAME_MAX) {
        errno = ENAMETOOLONG;
        return -1;
    }
    char buf[PATH_MAX];
    int denied = 0;
    for (const char *p = path;; p++) {
        const char *end = strchrnul(p, ':');
        size_t dlen = end - p;
        if (dlen + 1 + flen < sizeof buf) {
            memcpy(buf, p, dlen);
            if (dlen)
                buf[dlen++] = '/';
            memcpy(buf + dlen, file, flen + 1);
            execve(buf, argv, envp);    /* returns only on failure */
            if (errno == EACCES)
                denied = 1;
            else if (errno != ENOENT && errno != ENOTDIR)
                return -1;              /* found but broken: report that */
        }
        if (!*end)
            break;
        p = end;
    }
    if (denied)
        errno = EACCES;
    return -1;
}

int execvp(const char *file, char *const argv[])
{
    return execvpe(file, argv, environ);
}

/* The execl family: the arguments are a NULL-terminated list. Count them,
 * then build the argv array on the stack. */
#define COLLECT_ARGS(first, argv, after)                        \
    va_list ap;                                                 \
    int argc = 1;                                               \
    va_start(ap, first);                                        \
    while (va_arg(ap, const char *))                            \
        argc++;                                                 \
    va_end(ap);                                                 \
    char *argv[argc + 1];                                       \
    argv[0] = (char *)first;                                    \
    va_start(ap, first);                                        \
    for (int i = 1; i <= argc; i++)                             \
        argv[i] = va_arg(ap, char *); /* the last is NULL */    \
    after;                                                      \
    va_end(ap)

int execl(const char *path, const char *arg, ...)
{
    COLLECT_ARGS(arg, argv, (void)0);
    return execve(path, argv, environ);
}

int execlp(const char *file, const char *arg, ...)
{
    COLLECT_ARGS(arg, argv, (void)0);
    return execvp(file, argv);
}

/* execle: after the NULL that ends the arguments comes envp. */
int execle(const char *path, const char *arg, ...)
{
    char **envp;
    COLLECT_ARGS(arg, argv, envp = va_arg(ap, char **));
    return execve(path, argv, envp);
}
