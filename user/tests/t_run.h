/*
 * t_run.h: run another program (a demo, a musl-built binary, a script)
 * and keep what it printed, to compare or to show in a failure message.
 */
#ifndef WEFT_T_RUN_H
#define WEFT_T_RUN_H

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "t_child.h"

#define CAPTURE_STDERR 1        /* its stderr too, not only its stdout */
#define CAPTURE_ECHO   2        /* copy the output into our log, indented */

/*
 * Run path with argv and envp (environ: ours) in a child, its output
 * into out (NUL-terminated, at most size - 1 bytes). The wait
 * status; -1 if path is not an executable (or no child could be made).
 */
static inline int capture(const char *path, char *const argv[], char *const envp[], int flags,
                          char *out, size_t size)
{
    out[0] = '\0';
    int fds[2];
    if (access(path, X_OK) != 0 || pipe(fds) < 0)
        return -1;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        if (flags & CAPTURE_STDERR)
            dup2(fds[1], 2);
        close(fds[0]);
        close(fds[1]);
        execve(path, argv, envp);
        printf("cannot run %s: %s\n", path, strerror(errno));
        _exit(127);
    }
    close(fds[1]);
    size_t used = 0;
    ssize_t n;
    while (pid > 0 && used + 1 < size && (n = read(fds[0], out + used, size - 1 - used)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        used += (size_t)n;
    }
    out[used] = '\0';
    close(fds[0]);
    if (pid < 0)
        return -1;
    int status = reap(pid);
    for (char *line = out; (flags & CAPTURE_ECHO) && *line;) {
        size_t len = strcspn(line, "\n");
        printf("  | %.*s\n", (int)len, line);
        line += len + (line[len] == '\n');
    }
    return status;
}

/* s with newlines and tabs shown as \n and \t, for one-line messages. */
static inline const char *esc(const char *s)
{
    static char bufs[2][512];
    static int which;
    char *out = bufs[which ^= 1];
    size_t n = 0;
    for (; *s && n + 3 < sizeof bufs[0]; s++) {
        if (*s == '\n' || *s == '\t') {
            out[n++] = '\\';
            out[n++] = *s == '\n' ? 'n' : 't';
        } else {
            out[n++] = *s;
        }
    }
    out[n] = '\0';
    return out;
}

#endif
