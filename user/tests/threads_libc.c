/*
 * threads_libc.c: the rest of the C library from several threads at
 * once: stdio lines stay whole, malloc stays sound, fork while others
 * are in malloc; and musl's own pthreads (tests/musl/pthread*.c, built
 * into /test/musl_pthread*) on weft's kernel.
 *
 * Runs on weft and natively on Linux (a static binary).
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdlib.h>

#include "t.h"
#include "t_child.h"
#include "t_time.h"

static const char *self_path;           /* argv[0]: the musl programs are next to it */

static void *stdio_writer(void *arg)
{
    FILE *f = arg;
    for (int i = 0; i < 200; i++)
        fprintf(f, "thread %d line %03d end\n", gettid() % 1000, i);
    return NULL;
}

static void test_stdio_lines_intact(void)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/threads_stdio.%d", getpid());
    FILE *f = fopen(path, "w");
    if (!f) {
        snprintf(path, sizeof path, "threads_stdio.%d", getpid());
        f = fopen(path, "w");
    }
    CHECK(f != NULL);
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        CHECK(pthread_create(&t[i], NULL, stdio_writer, f) == 0);
    for (int i = 0; i < 4; i++)
        CHECK(pthread_join(t[i], NULL) == 0);
    CHECK(fclose(f) == 0);
    f = fopen(path, "r");
    CHECK(f != NULL);
    char line[128];
    int lines = 0, bad = 0;
    while (fgets(line, sizeof line, f)) {
        int tid, n;
        char end[8];
        if (sscanf(line, "thread %d line %d %7s", &tid, &n, end) != 3 || strcmp(end, "end"))
            bad++;
        lines++;
    }
    fclose(f);
    unlink(path);
    CHECKF(lines == 800 && bad == 0, "%d lines, %d mangled", lines, bad);
}

static void *malloc_churn(void *arg)
{
    unsigned seed = (unsigned)(intptr_t)arg;
    void *blocks[64] = { 0 };
    for (int i = 0; i < 5000; i++) {
        seed = seed * 1103515245 + 12345;
        int k = (seed >> 16) % 64;
        free(blocks[k]);
        size_t n = (seed >> 8) % 3000 + 1;
        blocks[k] = malloc(n);
        if (!blocks[k])
            return (void *)1;
        memset(blocks[k], k, n);
    }
    for (int k = 0; k < 64; k++)
        free(blocks[k]);
    return NULL;
}

static void test_malloc_threads(void)
{
    pthread_t t[4];
    for (intptr_t i = 0; i < 4; i++)
        CHECK(pthread_create(&t[i], NULL, malloc_churn, (void *)(i + 1)) == 0);
    for (int i = 0; i < 4; i++) {
        void *r;
        CHECK(pthread_join(t[i], &r) == 0 && r == NULL);
    }
    CHECKF(__malloc_check() == 0, "heap check %d", __malloc_check());
}

static volatile int churning;

static void *churn_forever(void *arg)
{
    (void)arg;
    while (__atomic_load_n(&churning, __ATOMIC_SEQ_CST)) {
        void *p = malloc(200 * 1024);   /* big: malloc holds its lock across mmap */
        free(p);                        /* and munmap */
    }
    return NULL;
}

static void test_fork_while_malloc(void)
{
    /* fork() while other threads are in malloc: the child (one thread)
     * must find the heap unlocked. */
    pthread_t t[2];
    churning = 1;
    for (int i = 0; i < 2; i++)
        CHECK(pthread_create(&t[i], NULL, churn_forever, NULL) == 0);
    int bad = 0;
    for (int i = 0; i < 20 && !bad; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            void *p = malloc(1000);
            free(p);
            _exit(p ? 0 : 1);
        }
        int status;
        if (pid < 0 || wait_child(pid, &status, 10000) < 0 || !WIFEXITED(status) ||
            WEXITSTATUS(status) != 0)
            bad = i + 1;
    }
    churning = 0;
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    CHECKF(!bad, "fork #%d: the child hung or failed in malloc", bad);
}

/* ---- a musl-built program ----------------------------------------------------------- */

/* Run /test/NAME (next to this program) with a time limit; its stdout
 * in out. 0 if it ran; 1 if it is not there (not built); -1 on a hang. */
static int run_sibling(const char *name, char *out, size_t size, int *status, long limit_ms)
{
    char path[256];
    snprintf(path, sizeof path, "%s", self_path);
    char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash + 1 - path) : 0;
    snprintf(path + dir, sizeof path - dir, "%s", name);
    if (access(path, X_OK) != 0) {
        printf("note: %s not built (no musl-gcc?): skipped\n", path);
        return 1;
    }
    int fds[2];
    if (pipe(fds) < 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        execl(path, path, (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    size_t got = 0;
    int hung = 0;
    for (long waited = 0;; waited += 5) {
        ssize_t n = read(fds[0], out + got, size - 1 - got);
        if (n > 0)
            got += (size_t)n;
        pid_t r = waitpid(pid, status, WNOHANG);
        if (r == pid)
            break;
        if (waited >= limit_ms) {
            kill(pid, SIGKILL);
            waitpid(pid, status, 0);
            hung = 1;
            break;
        }
        sleep_ms(5);
    }
    ssize_t n;
    while (got < size - 1 && (n = read(fds[0], out + got, size - 1 - got)) > 0)
        got += (size_t)n;
    while (got > 0 && out[got - 1] == '\n')
        got--;                          /* one line in the report */
    out[got] = '\0';
    close(fds[0]);
    return hung ? -1 : 0;
}

static void test_musl_pthread(void)
{
    /* tests/musl/pthread.c, built with musl-gcc -static into
     * /test/musl_pthread by the top Makefile's musl section: musl's own
     * pthread_create (clone + CLONE_SETTLS), mutexes and join. */
    char out[256];
    int status, r = run_sibling("musl_pthread", out, sizeof out, &status, 10000);
    if (r == 1)
        return;
    CHECKF(r == 0, "musl_pthread hung (killed after 10 s); it printed \"%s\"", out);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0, "musl_pthread: status %#x", status);
    CHECKF(strstr(out, "counter = 400000") != NULL, "musl_pthread printed \"%s\"", out);
}

static void test_musl_pthread_cond(void)
{
    /* tests/musl/pthread_cond.c: musl's condition variables, which need
     * FUTEX_REQUEUE (threads_futex.c: futex_requeue). */
    char out[256];
    int status, r = run_sibling("musl_pthread_cond", out, sizeof out, &status, 10000);
    if (r == 1)
        return;
    CHECKF(r == 0, "musl_pthread_cond hung (killed after 10 s): broadcast left waiters "
           "asleep; it printed \"%s\"", out);
    /* Its own 3-second watchdog reports a hang as exit status 2. */
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x; it printed \"%s\"",
           status, out);
    CHECKF(strstr(out, "released = 80") != NULL, "it printed \"%s\"", out);
}

int main(int argc, char **argv)
{
    self_path = argv[0];
    T_INIT("threads_libc", argc, argv);
    RUN(test_stdio_lines_intact);
    RUN(test_malloc_threads);
    RUN(test_fork_while_malloc);
    RUN(test_musl_pthread);
    RUN(test_musl_pthread_cond);
    return T_DONE();
}
