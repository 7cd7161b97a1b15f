/*
 * t_exec.h: execve as the proc_* programs try it: writing a program (or
 * a script) to run, and running it in a child that reports how execve
 * ended, so that a wrong success cannot replace the test program.
 */
#ifndef WEFT_T_EXEC_H
#define WEFT_T_EXEC_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "t_child.h"

static char *const no_env[] = { NULL };

/* Write a whole file with exactly this mode (the umask cut nothing); 0
 * or -1. */
static inline int write_file(const char *path, const void *data, size_t len, mode_t mode)
{
    unlink(path);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    if (fd < 0)
        return -1;
    ssize_t n = write(fd, data, len);
    close(fd);
    if (n != (ssize_t)len)
        return -1;
    return chmod(path, mode);
}

/*
 * Try an execve in a child (it might succeed where it should not, and must
 * not replace this program). The child reports a failed exec's errno
 * through a close-on-exec pipe, which a successful exec closes unwritten.
 * Returns that errno, or EXEC_RAN + exit code / EXEC_KILLED + signal if
 * the program ran.
 */
#define EXEC_RAN    1000
#define EXEC_KILLED 2000
static inline int exec_errno(const char *path, char *const argv[], char *const envp[])
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) < 0)
        return -1;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        syscall(SYS_execve, path, argv, envp);
        int e = errno;
        write(fds[1], &e, sizeof e);
        _exit(126);
    }
    close(fds[1]);
    int e = 0;
    ssize_t n;
    while ((n = read(fds[0], &e, sizeof e)) < 0 && errno == EINTR)
        ;
    close(fds[0]);
    if (pid < 0)
        return -1;
    int st = reap(pid);
    if (n == (ssize_t)sizeof e)
        return e;
    if (WIFEXITED(st))
        return EXEC_RAN + WEXITSTATUS(st);
    return EXEC_KILLED + WTERMSIG(st);
}

/* exec_errno's result in words. */
static inline const char *exec_result_str(int r)
{
    static char buf[64];
    if (r >= EXEC_KILLED)
        snprintf(buf, sizeof buf, "ran and was killed by signal %d", r - EXEC_KILLED);
    else if (r >= EXEC_RAN)
        snprintf(buf, sizeof buf, "ran and exited %d", r - EXEC_RAN);
    else
        snprintf(buf, sizeof buf, "errno %d (%s)", r, strerror(r));
    return buf;
}

#endif
