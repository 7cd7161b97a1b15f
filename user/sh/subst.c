/*
 * subst.c: command substitution, $(command) and `command`.
 *
 * The command runs in a child copy of the shell whose standard output is
 * a pipe; the shell reads everything from the other end until the child
 * closes it, then collects the child's status (it becomes $? if the
 * command line has nothing but assignments, as in x=$(false)).
 * Trailing newlines are dropped: x=$(pwd) should not end in one.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

unsigned subst_count;

int command_subst(const char *cmd, struct str *out)
{
    subst_count++;
    int p[2];
    if (pipe(p) < 0) {
        sh_error("pipe: %s", strerror(errno));
        return -1;
    }
    fflush(stdout);                     /* or the child would print it too */
    pid_t pid = fork();
    if (pid < 0) {
        sh_error("fork: %s", strerror(errno));
        close(p[0]);
        close(p[1]);
        return -1;
    }
    if (pid == 0) {
        child_reset(0);
        close(p[0]);
        if (p[1] != 1) {
            dup2(p[1], 1);
            close(p[1]);
        }
        int status = run_string(cmd);
        fflush(stdout);
        _exit(status);
    }
    close(p[1]);
    char buf[512];
    for (;;) {
        ssize_t n = read(p[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        str_addn(out, buf, n);
    }
    close(p[0]);
    int ws;
    while (waitpid(pid, &ws, 0) < 0)
        if (errno != EINTR) {
            ws = 0;
            break;
        }
    last_status = status_of(ws);
    /* ^C while it ran (it shares our terminal group): drop the line. */
    if (interactive && WIFSIGNALED(ws) && WTERMSIG(ws) == SIGINT) {
        interrupted = 1;
        return -1;
    }
    while (out->len > 0 && out->s[out->len - 1] == '\n')
        out->s[--out->len] = '\0';
    return 0;
}
