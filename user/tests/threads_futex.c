/*
 * threads_futex.c: the kernel calls under the thread library: futex
 * (timeouts, errors, wake, requeue) and clone's thread flags (the
 * combinations it refuses, and the exit signal it ignores).
 *
 * Runs on weft and natively on Linux (a static binary).
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>

#include "t.h"
#include "t_futex.h"
#include "t_time.h"

static void test_futex_timeout(void)
{
    volatile int word = 0;
    struct timespec ts = { 0, 50000000 };           /* 50 ms */
    long long t0 = now_ns();
    long r = futex(&word, FUTEX_WAIT, 0, &ts);
    long long ms = (now_ns() - t0) / 1000000;
    CHECKF(r == -1 && errno == ETIMEDOUT, "FUTEX_WAIT 50 ms: %ld errno %d", r, errno);
    CHECKF(ms >= 50, "returned after %lld ms", ms);
    /* The private variant, and FUTEX_WAIT_BITSET with an absolute time. */
    CHECK(futex(&word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, &ts) == -1 && errno == ETIMEDOUT);
    struct timespec abs = deadline_in_ms(CLOCK_MONOTONIC, 20);
    t0 = now_ns();
    r = syscall(SYS_futex, &word, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, 0, &abs, 0,
                FUTEX_BITSET_MATCH_ANY);
    ms = (now_ns() - t0) / 1000000;
    CHECKF(r == -1 && errno == ETIMEDOUT, "WAIT_BITSET: %ld errno %d", r, errno);
    CHECKF(ms >= 19, "WAIT_BITSET returned after %lld ms", ms);
}

static void test_futex_errors(void)
{
    static int words[2];
    struct timespec ts = { 0, 1000000 };
    /* Not 4-byte aligned: EINVAL. */
    CHECK(futex((volatile int *)((char *)words + 1), FUTEX_WAIT, 0, &ts) == -1 &&
          errno == EINVAL);
    CHECK(futex((volatile int *)((char *)words + 2), FUTEX_WAKE, 1, NULL) == -1 &&
          errno == EINVAL);
    /* Unmapped: EFAULT. */
    void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    CHECK(munmap(p, 4096) == 0);
    CHECK(futex(p, FUTEX_WAIT, 0, &ts) == -1 && errno == EFAULT);
    CHECK(futex(p, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, &ts) == -1 && errno == EFAULT);
    CHECK(futex(NULL, FUTEX_WAIT, 0, &ts) == -1 && errno == EFAULT);
    /* A kernel address: EFAULT, never a peek at kernel memory. */
    CHECK(futex((volatile int *)0xffffffff80100000ul, FUTEX_WAIT, 0, &ts) == -1 &&
          errno == EFAULT);
    /* The value does not match: EAGAIN at once. */
    words[0] = 5;
    CHECK(futex(&words[0], FUTEX_WAIT, 4, NULL) == -1 && errno == EAGAIN);
    /* A bad timeout. */
    struct timespec bad = { 0, 1000000000 };
    CHECK(futex(&words[0], FUTEX_WAIT, 5, &bad) == -1 && errno == EINVAL);
    /* Waking nobody is fine. */
    CHECK(futex(&words[0], FUTEX_WAKE, 1, NULL) == 0);
}

/* A waiter and a waker, across threads. */
static volatile int ping_word;

static void *futex_waker(void *arg)
{
    (void)arg;
    sleep_ms(20);
    __atomic_store_n(&ping_word, 1, __ATOMIC_SEQ_CST);
    return (void *)futex(&ping_word, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL);
}

static void test_futex_wake(void)
{
    pthread_t t;
    ping_word = 0;
    CHECK(pthread_create(&t, NULL, futex_waker, NULL) == 0);
    while (__atomic_load_n(&ping_word, __ATOMIC_SEQ_CST) == 0)
        futex(&ping_word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, NULL);
    void *woken;
    CHECK(pthread_join(t, &woken) == 0);
    CHECKF((long)woken <= 1, "FUTEX_WAKE(1) woke %ld", (long)woken);
}

/* FUTEX_REQUEUE / FUTEX_CMP_REQUEUE: wake some waiters of one word and
 * move the rest onto another word's queue without waking them. Linux
 * has had them since 2.6; musl's condition variables depend on them
 * (tests/musl/pthread_cond.c), glibc's used to. */
static volatile int rq_a, rq_b;
static int rq_asleep;

static void *wait_on_a(void *arg)
{
    (void)arg;
    __atomic_add_fetch(&rq_asleep, 1, __ATOMIC_SEQ_CST);
    return (void *)futex(&rq_a, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, NULL);
}

static void test_futex_requeue(void)
{
    pthread_t t[3];
    rq_a = rq_b = rq_asleep = 0;
    for (int i = 0; i < 3; i++)
        CHECK(pthread_create(&t[i], NULL, wait_on_a, NULL) == 0);
    while (__atomic_load_n(&rq_asleep, __ATOMIC_SEQ_CST) < 3)
        sleep_ms(5);
    sleep_ms(50);                       /* let them reach FUTEX_WAIT */
    /* The expected value does not match: EAGAIN, nothing moves. */
    long bad = syscall(SYS_futex, &rq_a, FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG, 1, 2, &rq_b, 7);
    int bad_errno = errno;
    /* Wake 1, move the other 2 to rq_b: returns 1 + 2. */
    long moved = syscall(SYS_futex, &rq_a, FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG, 1, 2, &rq_b, 0);
    int moved_errno = errno;
    sleep_ms(20);
    long on_a = futex(&rq_a, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 10, NULL);   /* none left */
    long on_b = futex(&rq_b, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 10, NULL);   /* the 2 */
    /* Clean up whatever happened, so the threads end. */
    rq_a = rq_b = 1;
    futex(&rq_a, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 10, NULL);
    futex(&rq_b, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 10, NULL);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    CHECKF(bad == -1 && bad_errno == EAGAIN, "CMP_REQUEUE with a stale value: %ld (errno %d)",
           bad, bad_errno);
    CHECKF(moved == 3, "FUTEX_CMP_REQUEUE(wake 1, requeue 2) returned %ld (errno %d %s), "
           "expected 3", moved, moved < 0 ? moved_errno : 0, strerror(moved_errno));
    CHECKF(on_a == 0 && on_b == 2, "after the requeue: %ld woken on a, %ld on b", on_a, on_b);
}

/* ---- clone() flags ---------------------------------------------------------- */

static int clone_child(void *arg)
{
    (void)arg;
    syscall(SYS_exit, 0);
    return 0;
}

static void test_clone_bad_flags(void)
{
    static char stack[16384] __attribute__((aligned(16)));
    void *top = stack + sizeof stack;
    /* A thread must share the signal handlers ... */
    CHECK(clone(clone_child, top, CLONE_VM | CLONE_THREAD, NULL) == -1 && errno == EINVAL);
    /* ... and sharing handlers needs a shared address space. */
    CHECK(clone(clone_child, top, CLONE_SIGHAND, NULL) == -1 && errno == EINVAL);
    CHECK(clone(clone_child, top, CLONE_THREAD | CLONE_SIGHAND, NULL) == -1 && errno == EINVAL);
}

static volatile int clone_ran;

static int clone_child_flag(void *arg)
{
    (void)arg;
    __atomic_store_n(&clone_ran, 1, __ATOMIC_SEQ_CST);
    syscall(SYS_exit, 0);
    return 0;
}

static void test_clone_thread_with_exit_signal(void)
{
    /* Linux's legacy clone() accepts an exit signal with CLONE_THREAD and
     * ignores it (a thread never signals a parent; only clone3() rejects
     * the combination). Some programs pass SIGCHLD out of habit. */
    static char stack[16384] __attribute__((aligned(16)));
    clone_ran = 0;
    int tid = clone(clone_child_flag, stack + sizeof stack,
                    CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | SIGCHLD,
                    NULL);
    CHECKF(tid > 0, "clone(CLONE_THREAD | ... | SIGCHLD) failed: Linux accepts it");
    for (int i = 0; i < 200 && !__atomic_load_n(&clone_ran, __ATOMIC_SEQ_CST); i++)
        sleep_ms(5);
    CHECK(clone_ran == 1);
    sleep_ms(20);                       /* let it exit before its stack is reused */
}

int main(int argc, char **argv)
{
    T_INIT("threads_futex", argc, argv);
    RUN(test_futex_timeout);
    RUN(test_futex_errors);
    RUN(test_futex_wake);
    RUN(test_futex_requeue);
    RUN(test_clone_bad_flags);
    RUN(test_clone_thread_with_exit_signal);
    return T_DONE();
}
