/* proc.c: creating and waiting for processes, and their identities. */
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "syscall.h"

/* Threads (thread/pthread.c replaces this): only the calling thread
 * lives on in the child, so locks another thread held at the fork must
 * not stay held there forever. 0 before the fork, 1 in the parent and
 * 2 in the child after it. */
__attribute__((weak)) void __fork_handler(int when)
{
    (void)when;
}

pid_t fork(void)
{
    __fork_handler(0);
    long r = __syscall0(__NR_fork);
    __fork_handler(r == 0 ? 2 : 1);
    return (pid_t)__syscall_ret(r);
}

/*
 * vfork is fork here. A real vfork lets the child borrow the parent's
 * memory and stack until it execs, which a C wrapper cannot survive (the
 * child's return from this function would wreck the parent's stack frame).
 * With copy-on-write fork the saving is small anyway.
 */
pid_t vfork(void)
{
    return fork();
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru)
{
    return (pid_t)__syscall_ret(__syscall4(__NR_wait4, pid, status, options, ru));
}

pid_t waitpid(pid_t pid, int *status, int options)
{
    return wait4(pid, status, options, NULL);
}

pid_t wait(int *status)
{
    return wait4(-1, status, 0, NULL);
}

int waitid(idtype_t type, id_t id, siginfo_t *info, int options)
{
    return (int)__syscall_ret(__syscall5(__NR_waitid, type, id, info, options, 0));
}

/* These cannot fail. */
pid_t getpid(void) { return (pid_t)__syscall0(__NR_getpid); }
pid_t getppid(void) { return (pid_t)__syscall0(__NR_getppid); }
pid_t gettid(void) { return (pid_t)__syscall0(__NR_gettid); }
uid_t getuid(void) { return (uid_t)__syscall0(__NR_getuid); }
uid_t geteuid(void) { return (uid_t)__syscall0(__NR_geteuid); }
gid_t getgid(void) { return (gid_t)__syscall0(__NR_getgid); }
gid_t getegid(void) { return (gid_t)__syscall0(__NR_getegid); }
pid_t getpgrp(void) { return (pid_t)__syscall0(__NR_getpgrp); }

int setuid(uid_t uid)
{
    return (int)__syscall_ret(__syscall1(__NR_setuid, uid));
}

int setgid(gid_t gid)
{
    return (int)__syscall_ret(__syscall1(__NR_setgid, gid));
}

/* Process groups and sessions: how a shell does job control. */
int setpgid(pid_t pid, pid_t pgid)
{
    return (int)__syscall_ret(__syscall2(__NR_setpgid, pid, pgid));
}

pid_t getpgid(pid_t pid)
{
    return (pid_t)__syscall_ret(__syscall1(__NR_getpgid, pid));
}

pid_t setsid(void)
{
    return (pid_t)__syscall_ret(__syscall0(__NR_setsid));
}

pid_t getsid(pid_t pid)
{
    return (pid_t)__syscall_ret(__syscall1(__NR_getsid, pid));
}

/*
 * The getpriority system call returns 20 - nice (1..40), so that no
 * success looks like an error (-errno); we convert back to the nice
 * value (-20..19), as glibc does. A nice of -1 is then also a valid
 * result: callers check errno.
 */
int getpriority(int which, id_t who)
{
    long r = __syscall_ret(__syscall2(__NR_getpriority, which, who));
    return r < 0 ? -1 : 20 - (int)r;
}

int setpriority(int which, id_t who, int prio)
{
    return (int)__syscall_ret(__syscall3(__NR_setpriority, which, who, prio));
}

int getrlimit(int resource, struct rlimit *rl)
{
    return (int)__syscall_ret(__syscall2(__NR_getrlimit, resource, rl));
}

int setrlimit(int resource, const struct rlimit *rl)
{
    return (int)__syscall_ret(__syscall2(__NR_setrlimit, resource, rl));
}

int getrusage(int who, struct rusage *ru)
{
    return (int)__syscall_ret(__syscall2(__NR_getrusage, who, ru));
}
