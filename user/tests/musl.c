/*
 * musl.c: programs built by the host's musl-gcc (tests/musl/, the Makefile
 * puts them in /test as musl_NAME) run on weft unmodified, because weft
 * speaks the Linux system call ABI and lays out the initial stack as Linux
 * does. Each runs with known arguments and environment and a pipe as its
 * stdout; the test checks the exact output and the exit status.
 *
 * Both kinds of static executable: ET_EXEC (loaded where it was linked)
 * and static PIE (ET_DYN, loaded at a base the kernel picks, relocating
 * itself with the help of AT_PHDR and AT_BASE from the auxiliary vector).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "t.h"
#include "t_run.h"

/* The ELF type (2 ET_EXEC, 3 ET_DYN) of a file, or -1. */
static int elf_type(const char *path)
{
    unsigned char h[18];
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, h, sizeof h);
    close(fd);
    if (n != (ssize_t)sizeof h || memcmp(h, "\177ELF", 4) != 0)
        return -1;
    return h[16] | h[17] << 8;
}

#define NOT_BUILT(path) "%s is missing: is musl-gcc installed (tools/setup-deps)?", path

/* Run and compare; used by every case. */
#define EXPECT_RUN(path, argv, envp, want_out, want_status)                       \
    do {                                                                          \
        static char out_[4096];                                                   \
        CHECKF(access(path, X_OK) == 0, NOT_BUILT(path));                         \
        int st_ = capture(path, argv, envp, CAPTURE_STDERR, out_, sizeof out_);   \
        CHECKF(strcmp(out_, want_out) == 0, "%s printed \"%.300s\", want \"%.300s\"", \
               path, esc(out_), esc(want_out));                                             \
        CHECKF(WIFEXITED(st_) && WEXITSTATUS(st_) == (want_status),               \
               "%s: status 0x%x, want exit %d", path, st_, want_status);          \
    } while (0)

static char *const empty_env[] = { NULL };

static void test_hello(void)
{
    char *argv[] = { "musl_hello", NULL };
    CHECKF(elf_type("/test/musl_hello") == 2, "musl_hello is not ET_EXEC");
    EXPECT_RUN("/test/musl_hello", argv, empty_env, "hello from musl\n", 0);
}

static void test_hello_static_pie(void)
{
    char *argv[] = { "musl_hello_pie", NULL };
    CHECKF(access("/test/musl_hello_pie", X_OK) == 0, NOT_BUILT("/test/musl_hello_pie"));
    CHECKF(elf_type("/test/musl_hello_pie") == 3, "musl_hello_pie is not ET_DYN");
    EXPECT_RUN("/test/musl_hello_pie", argv, empty_env, "hello from musl\n", 0);
}

static void test_args_and_environment(void)
{
    char *argv[] = { "musl_args", "x", "y z", "", "exit=77", NULL };
    char *envp[] = { "A=1", "B=two words", "EMPTY=", NULL };
    EXPECT_RUN("/test/musl_args", argv, envp,
               "argc=5\n"
               "argv[0]=musl_args\n"
               "argv[1]=x\n"
               "argv[2]=y z\n"
               "argv[3]=\n"
               "argv[4]=exit=77\n"
               "env[0]=A=1\n"
               "env[1]=B=two words\n"
               "env[2]=EMPTY=\n"
               "envc=3\n"
               "pagesz=4096 random=yes\n",
               77);
}

/* Many arguments and no environment at all (envp NULL is an empty list). */
static void test_many_args_no_environment(void)
{
    enum { N = 100 };
    static char strs[N][8];
    static char want[N * 24 + 128];
    char *argv[N + 1];
    size_t w = (size_t)snprintf(want, sizeof want, "argc=%d\n", N);
    for (int i = 0; i < N; i++) {
        snprintf(strs[i], sizeof strs[i], "a%d", i);
        argv[i] = strs[i];
        w += (size_t)snprintf(want + w, sizeof want - w, "argv[%d]=a%d\n", i, i);
    }
    argv[N] = NULL;
    snprintf(want + w, sizeof want - w, "envc=0\npagesz=4096 random=yes\n");
    EXPECT_RUN("/test/musl_args", argv, NULL, want, 0);
}

static void test_fork_and_wait(void)
{
    char *argv[] = { "musl_forkwait", NULL };
    EXPECT_RUN("/test/musl_forkwait", argv, empty_env, "child exited 7\n", 0);
}

static void test_stdio_files(void)
{
    char *argv[] = { "musl_stdio_files", NULL };
    EXPECT_RUN("/test/musl_stdio_files", argv, empty_env,
               "read: line 1 of 3\n"
               "read: line 2 of 3\n"
               "read: line 3 of 3\n"
               "read: appended\n"
               "at 12: line 2 of 3\n"
               "ok\n",
               0);
    CHECK(access("/tmp/musl_stdio.txt", F_OK) == -1 && errno == ENOENT);
}

/* The same program again and again: the page cache shares its text, and
 * nothing goes wrong the tenth time. */
static void test_run_repeatedly(void)
{
    char *argv[] = { "musl_hello", NULL };
    char *pie[] = { "musl_hello_pie", NULL };
    for (int i = 0; i < 10; i++) {
        EXPECT_RUN("/test/musl_hello", argv, empty_env, "hello from musl\n", 0);
        EXPECT_RUN("/test/musl_hello_pie", pie, empty_env, "hello from musl\n", 0);
    }
}

int main(int argc, char **argv)
{
    T_INIT("musl", argc, argv);
    RUN(test_hello);
    RUN(test_hello_static_pie);
    RUN(test_args_and_environment);
    RUN(test_many_args_no_environment);
    RUN(test_fork_and_wait);
    RUN(test_stdio_files);
    RUN(test_run_repeatedly);
    return T_DONE();
}
