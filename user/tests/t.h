/*
 * t.h: a small test framework for the programs in user/tests.
 *
 *      #include "t.h"
 *
 *      static void test_pipe_eof(void)
 *      {
 *          int fds[2];
 *          CHECK(pipe(fds) == 0);
 *          ...
 *      }
 *
 *      int main(int argc, char **argv)
 *      {
 *          T_INIT("pipes", argc, argv);
 *          RUN(test_pipe_eof);
 *          return T_DONE();
 *      }
 *
 * Each RUN prints "TEST START user/pipes/pipe_eof", runs the function, and
 * prints "TEST PASS ..." or "TEST FAIL ...: file:line: what". A failed
 * CHECK records the first failure and ends the test function (it returns),
 * so later checks do not pile up on a broken state. The pattern from
 * `make test T=...` (argv[1]) selects cases by substring.
 *
 * Header-only. What several programs need beyond this lives in small
 * headers of their own, one thing each:
 *
 *      t_time.h    the clock, sleeping, a time limit on a blocking call
 *      t_child.h   waiting for children; running code in one
 *      t_proc.h    a process's state in /proc; /dev/slowdisk
 *      t_mem.h     a process's memory in /proc (VmRSS, faults, pagemap)
 *      t_run.h     running a program and keeping what it printed
 *      t_bad.h     a list of what went wrong, reported at once
 *      t_errno.h   calls that must fail with a given errno
 *      t_sig.h     a signal's disposition and mask bit
 *      t_futex.h   the futex system call
 *      t_exec.h    execve tried in a child; t_elf.h a hand-made program
 *      t_files.h   the files_* programs' scratch directory
 */
#ifndef WEFT_TEST_H
#define WEFT_TEST_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *t_suite;
static const char *t_pattern = "";
static int t_failed_cases;
static char t_why[1024];         /* room for a list of what went wrong */

#define T_INIT(suite, argc, argv)                                                 \
    do {                                                                          \
        t_suite = (suite);                                                        \
        t_pattern = (argc) > 1 ? (argv)[1] : "";                                  \
        setvbuf(stdout, NULL, _IOLBF, 0);                                         \
    } while (0)

/* Record a failure and leave the test function. */
#define CHECK(cond)                                                               \
    do {                                                                          \
        if (!(cond)) {                                                            \
            snprintf(t_why, sizeof t_why, "%s:%d: %s (errno %d %s)", __FILE__,    \
                     __LINE__, #cond, errno, strerror(errno));                    \
            return;                                                               \
        }                                                                         \
    } while (0)

/* The same with a message of your own (printf format). */
#define CHECKF(cond, ...)                                                         \
    do {                                                                          \
        if (!(cond)) {                                                            \
            int _n = snprintf(t_why, sizeof t_why, "%s:%d: ", __FILE__, __LINE__); \
            snprintf(t_why + _n, sizeof t_why - (size_t)_n, __VA_ARGS__);         \
            return;                                                               \
        }                                                                         \
    } while (0)

/* The pattern is a substring of the full name: "user/suite" selects the
 * whole suite, a word every case whose name has it. */
static int t_selected(const char *name)
{
    char full[256];
    snprintf(full, sizeof full, "user/%s/%s", t_suite, name);
    return strstr(full, t_pattern) != NULL;
}

static void t_run(const char *name, void (*fn)(void))
{
    if (!t_selected(name))
        return;
    printf("TEST START user/%s/%s\n", t_suite, name);
    t_why[0] = '\0';
    fn();
    if (t_why[0]) {
        printf("TEST FAIL user/%s/%s: %s\n", t_suite, name, t_why);
        t_failed_cases++;
    } else {
        printf("TEST PASS user/%s/%s\n", t_suite, name);
    }
}

#define RUN(fn) t_run(#fn + 5, fn)      /* test_foo is reported as foo */

#define T_DONE() (t_failed_cases ? 1 : 0)

/*
 * A case that needs something (what: "/dev/slowdisk", "a terminal on
 * stdin") leaves when cond says it is not there: skipped when the program
 * runs natively on Linux, a failure on weft, which always has it.
 */
#define REQUIRE(cond, what)                                                       \
    do {                                                                          \
        if (!(cond)) {                                                            \
            CHECKF(!on_weft(), "no %s", what);                                    \
            printf("  no %s here: skipped\n", what);                              \
            return;                                                               \
        }                                                                         \
    } while (0)

/* Read a whole small file into buf (NUL-terminated); bytes or -1. With
 * open and read, no malloc: reading /proc touches no new memory (and
 * moves no heap) under a test that counts pages. */
static inline long t_read_file(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    size_t n = 0;
    ssize_t r;
    while (n < size - 1 && (r = read(fd, buf + n, size - 1 - n)) > 0)
        n += (size_t)r;
    close(fd);
    buf[n] = '\0';
    return (long)n;
}

/* Are we on weft (rather than on Linux)? Only weft has /proc/weft. */
static inline int on_weft(void)
{
    return access("/proc/weft", R_OK) == 0;
}

/* A counter from /proc/weft, summed over CPUs ("free_frames", "cr3_loads"...). */
static inline long long t_weft_counter(const char *name)
{
    static char buf[4096];
    if (t_read_file("/proc/weft", buf, sizeof buf) < 0)
        return -1;
    size_t n = strlen(name);
    char *line = buf;
    while (strncmp(line, name, n) != 0 || line[n] != ' ') {
        line = strchr(line, '\n');
        if (!line)
            return -1;
        line++;
    }
    long long sum = 0;
    for (char *p = line + n; *p == ' ';)    /* "name 12 7": a number per CPU */
        sum += strtoll(p, &p, 10);
    return sum;
}

/* Linux's struct sysinfo on x86-64, exactly its 112 bytes (musl's and
 * glibc's headers add spare room at the end, which the kernel never
 * writes). */
struct t_sysinfo {
    long uptime;
    unsigned long loads[3];
    unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
    unsigned short procs, pad;
    unsigned long totalhigh, freehigh;
    unsigned int mem_unit;
};
_Static_assert(sizeof(struct t_sysinfo) == 112, "Linux's x86-64 struct sysinfo");

/*
 * Free physical frames (4 KiB pages), for leak checks: /proc/weft's
 * free_frames where it exists, else sysinfo(), whose freeram weft fills
 * from its frame allocator (on Linux: free RAM, which moves on its own).
 * -1 if neither works.
 */
static inline long long t_free_frames(void)
{
    long long n = t_weft_counter("free_frames");
    if (n >= 0)
        return n;
    struct t_sysinfo si;
    if (syscall(SYS_sysinfo, &si) != 0 || si.mem_unit == 0)
        return -1;
    return (long long)(si.freeram * si.mem_unit / 4096);
}

#endif
