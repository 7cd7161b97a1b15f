/*
 * libc_process.c: fork, the wait family and its status macros, the exec
 * family, process groups and sessions, atexit.
 *
 * Exec tests run this same program again (argv[0]) with a first argument
 * "--child ..." that makes it do one small thing and exit, so they need
 * no other program on the file system.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "libc_check.h"
#include "t_child.h"

static const char *self;                /* argv[0] */

/* The child side of the exec tests. */
static int child_main(int argc, char **argv)
{
    if (strcmp(argv[2], "exit") == 0)
        return atoi(argv[3]);
    if (strcmp(argv[2], "argc") == 0)
        return argc;
    if (strcmp(argv[2], "env") == 0) {   /* exit 0 if $NAME is VALUE */
        const char *v = getenv(argv[3]);
        return v && strcmp(v, argv[4]) == 0 ? 0 : 1;
    }
    return 99;
}

static void fork_and_exit_status(void)
{
    for (int code = 0; code < 256; code += 51) {
        pid_t pid = fork();
        if (pid == 0)
            _exit(code);
        CHECK(pid > 0);
        int st = reap(pid);
        CHECK(WIFEXITED(st));
        CHECK(!WIFSIGNALED(st));
        CHECK(!WIFSTOPPED(st));
        CHECK_EQ(WEXITSTATUS(st), code);
    }
    CHECK_EQ(wait(NULL), -1);                 /* no children left */
    CHECK_EQ(errno, ECHILD);
}

static void parent_and_child_ids(void)
{
    pid_t me = getpid();
    int fds[2];
    pipe(fds);
    pid_t pid = fork();
    if (pid == 0) {
        pid_t ids[2] = { getpid(), getppid() };
        write(fds[1], ids, sizeof ids);
        _exit(0);
    }
    pid_t ids[2];
    CHECK_EQ(read(fds[0], ids, sizeof ids), (long)sizeof ids);
    CHECK_EQ(ids[0], pid);
    CHECK_EQ(ids[1], me);
    CHECK(ids[0] != me);
    CHECK_EQ(reap(pid), 0);
    close(fds[0]);
    close(fds[1]);
    CHECK(gettid() == getpid());              /* a single-threaded process */
}

static void killed_by_signal(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        for (;;)
            pause();
    }
    CHECK_EQ(kill(pid, SIGTERM), 0);
    int st = reap(pid);
    CHECK(WIFSIGNALED(st));
    CHECK(!WIFEXITED(st));
    CHECK_EQ(WTERMSIG(st), SIGTERM);

    pid = fork();
    if (pid == 0)
        abort();                              /* SIGABRT, even if caught */
    st = reap(pid);
    CHECK(WIFSIGNALED(st));
    CHECK_EQ(WTERMSIG(st), SIGABRT);
}

static void stopped_and_continued(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        for (;;)
            pause();
    }
    kill(pid, SIGSTOP);
    int st;
    CHECK_EQ(waitpid(pid, &st, WUNTRACED), pid);
    CHECK(WIFSTOPPED(st));
    CHECK_EQ(WSTOPSIG(st), SIGSTOP);
    kill(pid, SIGCONT);
    CHECK_EQ(waitpid(pid, &st, WCONTINUED), pid);
    CHECK(WIFCONTINUED(st));
    kill(pid, SIGKILL);
    st = reap(pid);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
}

static void wait_nohang(void)
{
    int fds[2];
    pipe(fds);
    pid_t pid = fork();
    if (pid == 0) {
        char c;
        read(fds[0], &c, 1);                  /* wait for the parent's word */
        _exit(3);
    }
    int st;
    CHECK_EQ(waitpid(pid, &st, WNOHANG), 0);  /* still running */
    write(fds[1], "x", 1);
    st = reap(pid);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 3);
    close(fds[0]);
    close(fds[1]);
}

/* Fork, run fn (an exec) in the child, return the child's status. */
static int run_child(void (*fn)(void))
{
    pid_t pid = fork();
    if (pid == 0) {
        fn();
        _exit(111);                           /* the exec failed */
    }
    return reap(pid);
}

static void do_execv(void)
{
    char *argv[] = { (char *)self, "--child", "exit", "42", NULL };
    execv(self, argv);
}

static void do_execl(void)
{
    execl(self, self, "--child", "argc", "a", "b", (char *)NULL);
}

static void do_execle(void)
{
    char *envp[] = { "GREETING=hello", NULL };
    execle(self, self, "--child", "env", "GREETING", "hello", (char *)NULL, envp);
}

static void do_execve_env(void)
{
    char *argv[] = { (char *)self, "--child", "env", "PATH", "/nowhere", NULL };
    char *envp[] = { "X=1", "PATH=/nowhere", NULL };
    execve(self, argv, envp);
}

/* execvp with a bare name: found through $PATH (our own directory). */
static void do_execvp(void)
{
    char dir[256];
    strncpy(dir, self, sizeof dir - 1);
    dir[sizeof dir - 1] = '\0';
    char *slash = strrchr(dir, '/');
    const char *name = slash ? slash + 1 : dir;
    if (slash)
        *slash = '\0';
    char path[300];
    snprintf(path, sizeof path, "/nonexistent-dir:%s", slash ? dir : ".");
    setenv("PATH", path, 1);
    char *argv[] = { (char *)name, "--child", "exit", "7", NULL };
    execvp(name, argv);
}

static void do_execlp(void)
{
    setenv("PATH", "/nonexistent-dir", 1);
    execlp("no-such-program-anywhere", "x", (char *)NULL);
    _exit(errno == ENOENT ? 5 : 6);
}

static void exec_family(void)
{
    int st = run_child(do_execv);
    CHECK(WIFEXITED(st));
    CHECK_EQ(WEXITSTATUS(st), 42);
    CHECK_EQ(WEXITSTATUS(run_child(do_execl)), 5);     /* argc: self --child argc a b */
    CHECK_EQ(WEXITSTATUS(run_child(do_execle)), 0);
    CHECK_EQ(WEXITSTATUS(run_child(do_execve_env)), 0);
    if (strchr(self, '/'))                              /* needs a directory to put in PATH */
        CHECK_EQ(WEXITSTATUS(run_child(do_execvp)), 7);
    CHECK_EQ(WEXITSTATUS(run_child(do_execlp)), 5);

    errno = 0;
    char *argv[] = { "x", NULL };
    CHECK_EQ(execve("/tmp/libc_process.no-such-file", argv, environ), -1);
    CHECK_EQ(errno, ENOENT);
}

static void groups_and_sessions(void)
{
    int fds[2];
    pipe(fds);
    pid_t pid = fork();
    if (pid == 0) {
        int ok = setpgid(0, 0) == 0 && getpgrp() == getpid() && getpgid(0) == getpid();
        pid_t sid = setsid();                 /* fails: a group leader now */
        ok = ok && sid == -1 && errno == EPERM;
        write(fds[1], &ok, sizeof ok);
        _exit(0);
    }
    int ok = 0;
    read(fds[0], &ok, sizeof ok);
    CHECK(ok);
    reap(pid);

    pid = fork();
    if (pid == 0) {                           /* a fresh session */
        pid_t sid = setsid();
        int good = sid == getpid() && getsid(0) == sid && getpgrp() == sid;
        write(fds[1], &good, sizeof good);
        _exit(0);
    }
    ok = 0;
    read(fds[0], &ok, sizeof ok);
    CHECK(ok);
    reap(pid);
    close(fds[0]);
    close(fds[1]);
    CHECK_EQ(getpgid(0), getpgrp());
}

/* atexit handlers run last-registered first. */
static void first(void) { write(1, "1", 1); }
static void second(void) { write(1, "2", 1); }

static void exit_with_two_handlers(void)
{
    atexit(first);
    atexit(second);
    exit(0);
}

static void atexit_order(void)
{
    CHECK_STREQ(child_output(exit_with_two_handlers, NULL), "21");
}

static const struct check_case cases[] = {
    CASE(fork_and_exit_status), CASE(parent_and_child_ids), CASE(killed_by_signal),
    CASE(stopped_and_continued), CASE(wait_nohang), CASE(exec_family),
    CASE(groups_and_sessions), CASE(atexit_order),
};

int main(int argc, char **argv)
{
    self = argv[0];
    if (argc >= 3 && strcmp(argv[1], "--child") == 0)
        return child_main(argc, argv);
    return RUN("process", cases);
}
