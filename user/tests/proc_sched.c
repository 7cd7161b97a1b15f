/*
 * proc_sched.c: time seen from a process: preemption of CPU-bound
 * processes that never make a system call, sched_yield, nanosleep and
 * clock_nanosleep (relative, absolute, bad arguments), the clocks,
 * uname and sysinfo.
 *
 * uname fails on Linux by design (sysname "weft").
 */
#include <errno.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "t.h"
#include "t_child.h"
#include "t_time.h"

/* Two CPU-bound processes that never make a system call both make
 * progress: the timer takes the CPU from each in turn. */
static void test_preemption_two_spinners(void)
{
    volatile unsigned long *count =
        mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECKF(count != MAP_FAILED, "mmap(MAP_SHARED|MAP_ANONYMOUS): %s", strerror(errno));
    count[0] = count[8] = 0;
    pid_t pids[2];
    for (int i = 0; i < 2; i++) {
        pids[i] = fork();
        if (pids[i] == 0) {
            volatile unsigned long *c = &count[i * 8];  /* own cache line */
            for (;;)
                (*c)++;
        }
        CHECK(pids[i] > 0);
    }
    unsigned long last[2] = { 0, 0 };
    char why[128] = "";
    for (int round = 0; round < 4 && !why[0]; round++) {
        sleep_ms(250);
        unsigned long c[2] = { count[0], count[8] };
        for (int i = 0; i < 2; i++)
            if (c[i] <= last[i])
                snprintf(why, sizeof why, "spinner %d made no progress in round %d (%lu -> %lu)",
                         i, round, last[i], c[i]);
        last[0] = c[0];
        last[1] = c[1];
    }
    for (int i = 0; i < 2; i++)
        kill(pids[i], SIGKILL);
    for (int i = 0; i < 2; i++) {
        int st = reap(pids[i]);
        CHECKF(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "spinner %d: %s", i, status_str(st));
    }
    munmap((void *)count, 4096);
    CHECKF(!why[0], "%s", why);
}

static void test_sched_yield(void)
{
    for (int i = 0; i < 10; i++)
        CHECK(syscall(SYS_sched_yield) == 0);
}

static void test_nanosleep(void)
{
    long long t0 = now_ns();
    struct timespec req = { 0, 50000000 }, rem = { 7, 7 };
    CHECK(syscall(SYS_nanosleep, &req, &rem) == 0);
    long long slept = now_ns() - t0;
    CHECKF(slept >= 50000000LL, "nanosleep(50 ms) returned after %lld ns", slept);
    CHECKF(slept < 5000000000LL, "nanosleep(50 ms) returned after %lld ns", slept);

    struct timespec bad[] = { { 0, 1000000000 }, { 0, -1 }, { -1, 0 }, { 0, 2000000000 } };
    for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        errno = 0;
        long r = syscall(SYS_nanosleep, &bad[i], NULL);
        CHECKF(r == -1 && errno == EINVAL, "nanosleep {%ld, %ld}: %ld errno %d", bad[i].tv_sec,
               bad[i].tv_nsec, r, errno);
    }
    /* Zero sleeps return at once. */
    struct timespec z = { 0, 0 };
    CHECK(syscall(SYS_nanosleep, &z, NULL) == 0);
    /* clock_nanosleep, relative and absolute. */
    t0 = now_ns();
    req.tv_sec = 0, req.tv_nsec = 20000000;
    CHECK(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &req, NULL) == 0);
    CHECK(now_ns() - t0 >= 20000000LL);
    struct timespec abs = deadline_in_ms(CLOCK_MONOTONIC, 20);
    CHECK(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 1 /* TIMER_ABSTIME */, &abs, NULL) == 0);
    struct timespec after;
    clock_gettime(CLOCK_MONOTONIC, &after);
    CHECK(after.tv_sec > abs.tv_sec || (after.tv_sec == abs.tv_sec && after.tv_nsec >= abs.tv_nsec));
    errno = 0;
    CHECK(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &bad[0], NULL) == -1 &&
          errno == EINVAL);
}

static void test_clocks(void)
{
    struct timespec rt, m1, m2;
    CHECK(syscall(SYS_clock_gettime, CLOCK_REALTIME, &rt) == 0);
    CHECKF(rt.tv_sec > 1577836800L, "CLOCK_REALTIME %ld is before 2020", rt.tv_sec);
    CHECK(rt.tv_nsec >= 0 && rt.tv_nsec < 1000000000L);
    struct timeval tv;
    CHECK(syscall(SYS_gettimeofday, &tv, NULL) == 0);
    CHECKF(tv.tv_sec >= rt.tv_sec && tv.tv_sec <= rt.tv_sec + 10, "gettimeofday %ld vs %ld",
           tv.tv_sec, rt.tv_sec);
    CHECK(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &m1) == 0);
    CHECK(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &m2) == 0);
    CHECK(m2.tv_sec > m1.tv_sec || (m2.tv_sec == m1.tv_sec && m2.tv_nsec >= m1.tv_nsec));
    errno = 0;
    CHECK(syscall(SYS_clock_gettime, 12345, &m1) == -1 && errno == EINVAL);
}

static void test_uname(void)
{
    struct utsname u;
    memset(&u, 'x', sizeof u);
    CHECK(syscall(SYS_uname, &u) == 0);
    CHECKF(strcmp(u.sysname, "weft") == 0, "sysname \"%.20s\"", u.sysname);
    CHECKF(strcmp(u.machine, "x86_64") == 0, "machine \"%.20s\"", u.machine);
    CHECK(memchr(u.release, '\0', sizeof u.release) != NULL);
    CHECK(memchr(u.nodename, '\0', sizeof u.nodename) != NULL);
}

/* sysinfo fills Linux's struct sysinfo, 112 bytes on x86-64, and not one
 * byte more: a program's struct may be exactly that size. */
static void test_sysinfo(void)
{
    union {
        struct t_sysinfo si;            /* t.h: 112 bytes */
        unsigned char bytes[400];
    } u;
    memset(&u, 0xaa, sizeof u);
    CHECK(syscall(SYS_sysinfo, &u) == 0);
    size_t spill = 0;
    for (size_t i = sizeof u.si; i < sizeof u.bytes; i++)
        spill += u.bytes[i] != 0xaa;
    CHECKF(spill == 0, "sysinfo wrote %zu bytes past the 112 of struct sysinfo", spill);
    CHECK(u.si.mem_unit >= 1);
    CHECKF(u.si.freeram > 0 && u.si.freeram <= u.si.totalram, "freeram %lu of totalram %lu",
           u.si.freeram, u.si.totalram);
    CHECK(u.si.procs >= 1);
    CHECK(syscall(SYS_sysinfo, (void *)8) == -1 && errno == EFAULT);
}

int main(int argc, char **argv)
{
    T_INIT("proc_sched", argc, argv);
    RUN(test_preemption_two_spinners);
    RUN(test_sched_yield);
    RUN(test_nanosleep);
    RUN(test_clocks);
    RUN(test_uname);
    RUN(test_sysinfo);
    return T_DONE();
}
