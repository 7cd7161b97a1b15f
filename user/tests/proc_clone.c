/*
 * proc_clone.c: vfork and clone, done by hand in assembly where the
 * C library would get in the way: the parent of vfork sleeps until the
 * child exits or execs; clone(SIGCHLD) is fork; clone refuses flags that
 * make no sense together.
 *
 * The vfork child that execs runs this program (argv[0]) in a helper mode:
 *
 *      proc_clone --child-wait-fd FD    read one byte from FD, exit 5 if it is 'x'
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "t.h"
#include "t_bad.h"
#include "t_child.h"
#include "t_exec.h"

static const char *self = "/test/proc_clone";   /* our own path, for re-exec */

/*
 * vfork() by hand: the child shares our stack until it execs or exits,
 * so it runs only this assembly and never returns into C. mode 0: set
 * *flag = 1, sleep 50 ms, set *flag = 2, _exit(0). mode 1: set *flag = 1,
 * execve(path, argv, envp), _exit(127) if that failed.
 */
static long raw_vfork(long mode, volatile int *flag, const char *path, char *const *argv,
                      char *const *envp, const struct timespec *ts)
{
    long ret;
    __asm__ volatile("mov $58, %%eax\n\t"           /* vfork */
                     "syscall\n\t"
                     "test %%rax, %%rax\n\t"
                     "jnz 1f\n\t"
                     "movl $1, (%[flag])\n\t"
                     "test %[mode], %[mode]\n\t"
                     "jz 2f\n\t"
                     "mov %[path], %%rdi\n\t"
                     "mov %[argv], %%rsi\n\t"
                     "mov %[envp], %%rdx\n\t"
                     "mov $59, %%eax\n\t"           /* execve */
                     "syscall\n\t"
                     "mov $127, %%edi\n\t"
                     "mov $231, %%eax\n\t"          /* exit_group */
                     "syscall\n"
                     "2:\n\t"
                     "mov %[ts], %%rdi\n\t"
                     "xor %%esi, %%esi\n\t"
                     "mov $35, %%eax\n\t"           /* nanosleep */
                     "syscall\n\t"
                     "movl $2, (%[flag])\n\t"
                     "xor %%edi, %%edi\n\t"
                     "mov $231, %%eax\n\t"
                     "syscall\n"
                     "1:"
                     : "=&a"(ret)
                     : [flag] "r"(flag), [mode] "r"(mode), [path] "r"(path), [argv] "r"(argv),
                       [envp] "r"(envp), [ts] "r"(ts)
                     : "rcx", "r11", "rdi", "rsi", "rdx", "memory");
    return ret;
}

/* The parent sleeps until the vfork child exits. */
static void test_vfork_parent_waits_for_exit(void)
{
    static volatile int flag;
    flag = 0;
    struct timespec ts = { 0, 50000000 };
    long pid = raw_vfork(0, &flag, NULL, NULL, NULL, &ts);
    CHECKF(pid > 0, "vfork: %ld", pid);
    /* Shared memory, and we ran only after the child's _exit. */
    CHECKF(flag == 2, "flag %d after vfork: the parent ran before the child exited", flag);
    int st = reap((pid_t)pid);
    CHECKF(st == 0, "%s", status_str(st));
}

/* The parent resumes once the child has exec'd, while it still runs. */
static void test_vfork_parent_resumes_at_exec(void)
{
    static volatile int flag;
    flag = 0;
    int fds[2];
    CHECK(pipe(fds) == 0);
    char fdnum[12];
    snprintf(fdnum, sizeof fdnum, "%d", fds[0]);
    char *argv[] = { (char *)self, "--child-wait-fd", fdnum, NULL };
    long pid = raw_vfork(1, &flag, self, argv, no_env, NULL);
    CHECKF(pid > 0, "vfork: %ld", pid);
    CHECK(flag == 1);
    int st;
    CHECKF(waitpid((pid_t)pid, &st, WNOHANG) == 0, "the child is not running (%s)", status_str(st));
    CHECK(write(fds[1], "x", 1) == 1);
    close(fds[0]);
    close(fds[1]);
    st = reap((pid_t)pid);
    CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 5, "%s", status_str(st));

    /* A failed exec: the child's _exit(127) lets us go on too. */
    char *argv2[] = { "x", NULL };
    pid = raw_vfork(1, &flag, "/tmp/proc_missing", argv2, no_env, NULL);
    CHECK(pid > 0);
    st = reap((pid_t)pid);
    CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 127, "%s", status_str(st));
}

/* clone(SIGCHLD) is fork. */
static void test_clone_is_fork(void)
{
    static int value = 1;
    pid_t me = getpid();
    long pid = syscall(SYS_clone, SIGCHLD, 0, NULL, NULL, 0);
    if (pid == 0) {
        value = 2;                              /* our copy only */
        _exit(getppid() == me ? 42 : 1);
    }
    CHECKF(pid > 0, "clone: %s", strerror(errno));
    int st = reap((pid_t)pid);
    CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 42, "%s", status_str(st));
    CHECK(value == 1);
    /* exit signal 0: still a child we can wait for (with __WALL, as Linux). */
    pid = syscall(SYS_clone, 0, 0, NULL, NULL, 0);
    if (pid == 0)
        _exit(43);
    CHECK(pid > 0);
    int r;
    while ((r = (int)wait4((pid_t)pid, &st, __WALL, NULL)) < 0 && errno == EINTR)
        ;
    CHECK(r == pid);
    CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 43, "%s", status_str(st));
}

/* clone with flags, by hand: if it wrongly succeeds, the child exits at
 * once (SYS_exit, touching no memory) and we reap it. */
static long raw_clone_or_exit(unsigned long flags)
{
    long ret;
    __asm__ volatile("xor %%r10d, %%r10d\n\t"     /* child_tid */
                     "xor %%r8d, %%r8d\n\t"       /* tls */
                     "mov $56, %%eax\n\t"         /* clone */
                     "syscall\n\t"
                     "test %%rax, %%rax\n\t"
                     "jnz 1f\n\t"
                     "xor %%edi, %%edi\n\t"
                     "mov $60, %%eax\n\t"
                     "syscall\n"
                     "1:"
                     : "=&a"(ret)
                     : "D"(flags), "S"(0L), "d"(0L)
                     : "rcx", "r11", "r10", "r8", "memory");
    return ret;
}

static void test_clone_rejects_bad_flags(void)
{
    static const struct {
        const char *name;
        unsigned long flags;
    } cases[] = {
        { "THREAD without SIGHAND", CLONE_THREAD | CLONE_VM },
        { "SIGHAND without VM", CLONE_SIGHAND | SIGCHLD },
        { "THREAD|SIGHAND without VM", CLONE_THREAD | CLONE_SIGHAND },
    };
    bad_reset();
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        long r = raw_clone_or_exit(cases[i].flags);
        if (r != -EINVAL)
            bad_add("%s: returned %ld, want -EINVAL", cases[i].name, r);
        if (r > 0)
            waitpid((pid_t)r, NULL, __WALL);
    }
    CHECKF(bad_count == 0, "%.900s", bad_list);
}

int main(int argc, char **argv)
{
    if (argc > 2 && strcmp(argv[1], "--child-wait-fd") == 0) {
        char c = 0;
        ssize_t n;
        while ((n = read(atoi(argv[2]), &c, 1)) < 0 && errno == EINTR)
            ;
        return n == 1 && c == 'x' ? 5 : 6;
    }
    if (argv[0] && argv[0][0] == '/')
        self = argv[0];

    T_INIT("proc_clone", argc, argv);
    RUN(test_vfork_parent_waits_for_exit);
    RUN(test_vfork_parent_resumes_at_exec);
    RUN(test_clone_is_fork);
    RUN(test_clone_rejects_bad_flags);
    return T_DONE();
}
