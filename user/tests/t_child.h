/*
 * t_child.h: child processes in the test programs: waiting for them,
 * describing how they ended, and running code in one so that a fault
 * (or a kernel bug) kills the child and not the test.
 */
#ifndef WEFT_T_CHILD_H
#define WEFT_T_CHILD_H

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "t_time.h"

/* waitpid(pid) through EINTR: the wait status, or -1 if pid was not the
 * one reaped. */
static inline int reap(pid_t pid)
{
    int status = -1;
    pid_t r;
    while ((r = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
        ;
    return r == pid ? status : -1;
}

/* reap() as one number: the exit code, or 1000 + the signal that killed
 * the child; -2 if it could not be waited for. */
static inline int reap_code(pid_t pid)
{
    int st = reap(pid);
    if (st == -1)
        return -2;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 1000 + WTERMSIG(st);
}

/* Wait for a child at most ms milliseconds (its status in *status); -1,
 * and the child killed, if it is still running then. */
static inline int wait_child(pid_t pid, int *status, long ms)
{
    for (long waited = 0;; waited += 5) {
        pid_t r = waitpid(pid, status, WNOHANG);
        if (r == pid)
            return 0;
        if (r < 0 && errno != EINTR)
            return -1;
        if (waited >= ms) {
            kill(pid, SIGKILL);
            waitpid(pid, status, 0);
            return -1;
        }
        sleep_ms(5);
    }
}

/* A wait status in words, for a failure message. */
static inline const char *status_str(int st)
{
    static char buf[64];
    if (st == -1)
        snprintf(buf, sizeof buf, "no status");
    else if (WIFEXITED(st))
        snprintf(buf, sizeof buf, "exited %d", WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        snprintf(buf, sizeof buf, "killed by signal %d", WTERMSIG(st));
    else
        snprintf(buf, sizeof buf, "status 0x%x", st);
    return buf;
}
#define KILLED_BY(st, sig) (WIFSIGNALED(st) && WTERMSIG(st) == (sig))
#define EXITED_OK(st) (WIFEXITED(st) && WEXITSTATUS(st) == 0)

/* A child that does nothing until a signal ends it; its pid. */
static inline pid_t idle_child(void)
{
    pid_t pid = fork();
    if (pid == 0)
        for (;;)
            pause();
    return pid;
}

/* Run fn(arg) in a child, which then exits 0; its wait status, or -1. */
static inline int in_child(void (*fn)(uintptr_t), uintptr_t arg)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit no_core = { 0, 0 };
        setrlimit(RLIMIT_CORE, &no_core);       /* Linux: no core files */
        fn(arg);
        _exit(0);
    }
    return pid < 0 ? -1 : reap(pid);
}

/* For in_child: read the byte at addr. */
static inline void read_from(uintptr_t addr)
{
    (void)*(volatile char *)addr;
}

/* For in_child: write the byte at addr. */
static inline void write_to(uintptr_t addr)
{
    *(volatile char *)addr = 1;
}

#endif
