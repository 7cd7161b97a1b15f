/*
 * demos_threads.c: the coroutine, thread and process demos (user/demos)
 * run, end with "NAME: ok", and print the facts they exist to show:
 *
 *   memcost     a coroutine is <= 8 KiB and no kernel thread (Threads: 1);
 *               a thread reserves >= 8 MiB of address space (C1, C3)
 *   coroswitch  coroutine switches move no kernel counter; thread
 *               switches are context switches (C2)
 *   gotasks     10,000 tasks on N workers, N+1 threads (C4), and a task
 *               blocked in read() blocks only its worker (T5)
 *   cr3switch   CR3 loads: 0 for thread switches, 1 per process switch
 *               (C5, C6)
 *   sharing     threads share memory and files, fork copies; per-thread
 *               errno, signal mask, nice (T1, T2)
 *   cloneflags  one clone(), two outcomes (T8)
 *   ipc         pipe, MAP_SHARED + process-shared mutex, a thread race (T7)
 *
 * and, found on the way, that `ps -L` can show each thread's WCHAN
 * (/proc/PID/task/TID/wchan).
 *
 * Each demo's output is copied into the log, indented, for a human to
 * read. A demo that is not installed (this binary run on Linux) is skipped;
 * on weft that is a failure.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "t.h"
#include "t_run.h"

static char out[32768];

/* Run argv with stdout and stderr into out[]; the wait status, or -1 if
 * the program is not there. */
static int run(char *const argv[])
{
    return capture(argv[0], argv, environ, CAPTURE_STDERR | CAPTURE_ECHO, out, sizeof out);
}

/* The demo exited 0 and its last line is "NAME: ok". */
#define CHECK_OK(status, name)                                                    \
    do {                                                                          \
        CHECKF(EXITED_OK(status), "%s: wait status %#x", name, status);           \
        CHECKF(last_line_is(name ": ok"), "%s: the last line is not \"%s: ok\"", name, name); \
    } while (0)

static int last_line_is(const char *want)
{
    size_t n = strlen(out);
    while (n > 0 && out[n - 1] == '\n')
        n--;
    size_t start = n;
    while (start > 0 && out[start - 1] != '\n')
        start--;
    return n - start == strlen(want) && strncmp(out + start, want, n - start) == 0;
}

/* The number right after the first occurrence of `after` in out, or -1. */
static long long number_after(const char *after)
{
    char *p = strstr(out, after);
    if (!p)
        return -1;
    p += strlen(after);
    while (*p == ' ' || *p == '+')
        p++;
    return (*p >= '0' && *p <= '9') ? strtoll(p, NULL, 10) : -1;
}

/* The line of out that starts with `prefix`, copied into line[]; 1 if found. */
static int line_starting(const char *prefix, char *line, size_t size)
{
    size_t n = strlen(prefix);
    for (char *l = out; *l;) {
        size_t len = strcspn(l, "\n");
        if (strncmp(l, prefix, n) == 0) {
            snprintf(line, size, "%.*s", (int)len, l);
            return 1;
        }
        l += len + (l[len] == '\n');
    }
    return 0;
}

static void test_memcost(void)
{
    char *argv[] = { "/bin/memcost", NULL };
    int status = run(argv);
    REQUIRE(status != -1, "/bin/memcost");
    CHECK_OK(status, "memcost");
    long long footprint = number_after("coro_footprint:");
    CHECKF(footprint > 0 && footprint <= 8192, "coroutine footprint %lld bytes", footprint);
    CHECK(strstr(out, "10000 coroutines exist: Threads: 1, /proc/self/task entries: 1") != NULL);
    char *vm = strstr(out, "VmSize grew by");                 /* "VmSize grew by N kB: M kB" */
    CHECK(vm != NULL && strstr(vm, "kB: ") != NULL);
    long vsz = strtol(strstr(vm, "kB: ") + 4, NULL, 10);
    CHECKF(vsz >= 8192, "a thread reserves %ld kB of address space", vsz);
    CHECK(strstr(out, "Threads: 9, /proc/self/task entries: 9") != NULL);
}

static void test_coroswitch(void)
{
    char *argv[] = { "/bin/coroswitch", NULL };
    int status = run(argv);
    REQUIRE(status != -1, "/bin/coroswitch");
    CHECK_OK(status, "coroswitch");
    long long empty = number_after("with nothing in between:");
    char *after = strstr(out, "1000000 coroutine switches");
    CHECK(after != NULL && strstr(after, "counters: +") != NULL);
    long long coro_sys = -1, coro_sw = -1;
    CHECK(sscanf(strstr(after, "counters: +"), "counters: +%lld system calls, +%lld context",
                 &coro_sys, &coro_sw) == 2);
    /* Unchanged, but for the reads that measure (and a little slack for
     * anything else on the machine waking up meanwhile). */
    CHECKF(empty >= 0 && coro_sys <= empty + 2 && coro_sw <= 2,
           "coroutines: +%lld system calls (measuring alone: +%lld), +%lld context switches",
           coro_sys, empty, coro_sw);
    after = strstr(out, "10000 thread switches");
    CHECK(after != NULL && strstr(after, "counters: +") != NULL);
    long long thr_sys = -1, thr_sw = -1;
    CHECK(sscanf(strstr(after, "counters: +"), "counters: +%lld system calls, +%lld context",
                 &thr_sys, &thr_sw) == 2);
    CHECKF(thr_sw >= 9000, "threads: only +%lld context switches for 10000 switches", thr_sw);
}

static void test_gotasks(void)
{
    char *argv[] = { "/bin/gotasks", NULL };
    int status = run(argv);
    REQUIRE(status != -1, "/bin/gotasks");
    CHECK_OK(status, "gotasks");
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    char want[100];
    snprintf(want, sizeof want, "10000 tasks on %ld worker threads; ps shows %ld threads", n,
             n + 1);
    CHECKF(strstr(out, want) != NULL, "no line \"%s\"", want);
    CHECK(strstr(out, "got 10000 back") != NULL);
    CHECK(strstr(out, "-> 8 of 8 finished while the reader was blocked") != NULL);
    CHECK(strstr(out, "-> 0 of 8 finished while the reader was blocked") != NULL);
}

static void test_cr3switch(void)
{
    char *argv[] = { "/bin/cr3switch", NULL };
    int status = run(argv);
    REQUIRE(status != -1, "/bin/cr3switch");
    CHECK_OK(status, "cr3switch");
    char line[200];
    long long sw, cr3, tlb;
    CHECK(line_starting("threads:", line, sizeof line));
    CHECK(sscanf(line, "threads: context_switches +%lld cr3_loads +%lld tlb_flushes +%lld", &sw,
                 &cr3, &tlb) == 3);
    CHECKF(sw >= 3600 && cr3 == 0 && tlb == 0, "threads: %s", line);
    CHECK(line_starting("processes:", line, sizeof line));
    CHECK(sscanf(line, "processes: context_switches +%lld cr3_loads +%lld tlb_flushes +%lld",
                 &sw, &cr3, &tlb) == 3);
    CHECKF(cr3 >= 3600 && cr3 <= sw + 10 && tlb == cr3, "processes: %s", line);
}

static void test_sharing(void)
{
    char *argv[] = { "/bin/sharing", NULL };
    int status = run(argv);
    REQUIRE(status != -1, "/bin/sharing");
    CHECK_OK(status, "sharing");
    CHECK(strstr(out, "main sees: global = 42, heap block = \"written by the second thread\"") !=
          NULL);
    CHECK(strstr(out, "parent sees: global = 42") != NULL);
    CHECK(strstr(out, "SigBlk: 0000000000000800") != NULL);     /* main: SIGUSR2 */
    CHECK(strstr(out, "SigBlk: 0000000000000200") != NULL);     /* worker: SIGUSR1 */
    CHECK(strstr(out, "nice 5") != NULL && strstr(out, "nice 0") != NULL);
}

static void test_cloneflags(void)
{
    char *argv[] = { "/bin/cloneflags", NULL };
    int status = run(argv);
    REQUIRE(status != -1, "/bin/cloneflags");
    CHECK_OK(status, "cloneflags");
    CHECK(strstr(out, "here global is still 1") != NULL);
    CHECK(strstr(out, "here global is now 3") != NULL);
    CHECK(strstr(out, "Threads: 2") != NULL);
    CHECK(strstr(out, "exit status 7") != NULL);
    CHECK(strstr(out, "(No child processes)") != NULL);
}

static void test_ipc(void)
{
    char *argv[] = { "/bin/ipc", NULL };
    int status = run(argv);
    REQUIRE(status != -1, "/bin/ipc");
    CHECK_OK(status, "ipc");
    CHECK(strstr(out, "we read \"500500\"") != NULL);
    CHECK(strstr(out, "here it is 0") != NULL);
    CHECK(strstr(out, "yielding inside it): 2000 (expected 2000)") != NULL);
    CHECK(strstr(out, "with a pthread mutex:  2000 (expected 2000)") != NULL);
    long long unlocked = number_after("without a mutex:");
    CHECKF(unlocked > 0 && unlocked < 2000, "without a mutex: %lld", unlocked);
}

/* ---- found while writing the demos ---------------------------------------------- */

static pthread_mutex_t sleep_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t sleep_cv = PTHREAD_COND_INITIALIZER;
static int sleep_done;

/* `ps -L` reads each thread's WCHAN from /proc/PID/task/TID/wchan (as on
 * Linux, where every file of /proc/PID exists per thread too); a thread
 * asleep in a futex should say so there, as /proc/PID/wchan does for a
 * process's first thread. */
static volatile int sleeper_tid;

static void *sleeper(void *arg)
{
    (void)arg;
    sleeper_tid = gettid();
    pthread_mutex_lock(&sleep_lock);
    while (!sleep_done)
        pthread_cond_wait(&sleep_cv, &sleep_lock);    /* asleep in the futex */
    pthread_mutex_unlock(&sleep_lock);
    return NULL;
}

static void test_task_wchan(void)
{
    pthread_t t;
    CHECK(pthread_create(&t, NULL, sleeper, NULL) == 0);
    char path[64] = "/proc/self/task/TID/wchan", buf[64] = "";
    long n = -1;
    for (int i = 0; i < 100; i++) {                 /* until it sleeps (<= 1 s) */
        usleep(10000);
        if (!sleeper_tid)
            continue;
        snprintf(path, sizeof path, "/proc/self/task/%d/wchan", sleeper_tid);
        n = t_read_file(path, buf, sizeof buf);
        if (n > 0 && strcmp(buf, "futex") == 0)
            break;
    }
    int err = errno;
    pthread_mutex_lock(&sleep_lock);
    sleep_done = 1;
    pthread_cond_broadcast(&sleep_cv);
    pthread_mutex_unlock(&sleep_lock);
    pthread_join(t, NULL);
    errno = err;
    CHECKF(n >= 0, "%s: cannot read it (errno %d, %s)", path, err, strerror(err));
    CHECKF(strcmp(buf, "futex") == 0, "%s says \"%s\", not \"futex\"", path, buf);
}

int main(int argc, char **argv)
{
    T_INIT("demos_threads", argc, argv);
    RUN(test_memcost);
    RUN(test_coroswitch);
    RUN(test_gotasks);
    RUN(test_cr3switch);
    RUN(test_sharing);
    RUN(test_cloneflags);
    RUN(test_ipc);
    RUN(test_task_wchan);
    return T_DONE();
}
