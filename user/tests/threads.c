/*
 * threads.c: POSIX threads in weft's libc (libc/thread/) and the kernel
 * underneath them: clone() with the thread flags, futexes, exit vs
 * exit_group, per-thread state (claims T1, T2, T7, T8, C6).
 *
 * Runs on weft and natively on Linux (a static binary); the cases that
 * read weft's own counters (/proc/weft) pass with a note on Linux.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <weft/misc.h>

#include "t.h"

static const char *self_path;           /* argv[0], for the execve case */

/* ---- helpers ------------------------------------------------------------ */

static long long now_ns(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

static int on_weft(void)
{
    return access("/proc/weft", R_OK) == 0;
}

/* Entries in /proc/self/task: the process's threads. */
static int count_threads(void)
{
    DIR *d = opendir("/proc/self/task");
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.')
            n++;
    closedir(d);
    return n;
}

/* Wait for a child at most ms milliseconds; -1 (and kill it) if it is
 * still running then. */
static int wait_child(pid_t pid, int *status, long ms)
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

static long futex(volatile int *w, int op, int val, const struct timespec *ts)
{
    return syscall(SYS_futex, w, op, val, ts, 0, 0);
}

static void *return_arg_plus_one(void *arg)
{
    return (void *)((intptr_t)arg + 1);
}

/* ---- creation and joining ---------------------------------------------- */

static void test_create_join_1000(void)
{
    for (intptr_t i = 0; i < 1000; i++) {
        pthread_t t;
        void *res;
        CHECKF(pthread_create(&t, NULL, return_arg_plus_one, (void *)i) == 0, "create #%ld",
               (long)i);
        CHECK(pthread_join(t, &res) == 0);
        CHECKF(res == (void *)(i + 1), "thread %ld returned %p", (long)i, res);
    }
}

/* A gate: threads wait until `open` is set. */
static pthread_mutex_t gate_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_cond = PTHREAD_COND_INITIALIZER;
static int gate_open, gate_arrived;

static void *wait_at_gate(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&gate_lock);
    gate_arrived++;
    pthread_cond_broadcast(&gate_cond);
    while (!gate_open)
        pthread_cond_wait(&gate_cond, &gate_lock);
    pthread_mutex_unlock(&gate_lock);
    return NULL;
}

static void test_64_alive(void)
{
    enum { N = 64 };
    pthread_t t[N];
    gate_open = gate_arrived = 0;
    int before = count_threads();
    for (int i = 0; i < N; i++)
        CHECKF(pthread_create(&t[i], NULL, wait_at_gate, NULL) == 0, "create #%d", i);
    pthread_mutex_lock(&gate_lock);
    while (gate_arrived < N)
        pthread_cond_wait(&gate_cond, &gate_lock);
    pthread_mutex_unlock(&gate_lock);
    int during = count_threads();               /* all 64 are alive now */
    pthread_mutex_lock(&gate_lock);
    gate_open = 1;
    pthread_cond_broadcast(&gate_cond);
    pthread_mutex_unlock(&gate_lock);
    for (int i = 0; i < N; i++)
        CHECK(pthread_join(t[i], NULL) == 0);
    CHECKF(during == before + N, "/proc/self/task: %d before, %d with 64 more", before, during);
}

static void *count_and_exit(void *arg)
{
    __atomic_add_fetch((int *)arg, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

/* Detached threads free their own stacks: once they are all gone, the
 * number of mappings is back where it was. */
static int count_maps(void)
{
    static char buf[65536];
    if (t_read_file("/proc/self/maps", buf, sizeof buf) < 0)
        return -1;
    int n = 0;
    for (char *p = buf; *p; p++)
        n += *p == '\n';
    return n;
}

static void test_detached(void)
{
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    CHECK(pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED) == 0);
    int state;
    CHECK(pthread_attr_getdetachstate(&attr, &state) == 0 && state == PTHREAD_CREATE_DETACHED);
    int maps_before = count_maps(), threads_before = count_threads();
    static int done;
    done = 0;
    for (int i = 0; i < 100; i++) {
        pthread_t t;
        CHECK(pthread_create(&t, &attr, count_and_exit, &done) == 0);
    }
    /* And a few detached with pthread_detach, one after it has exited. */
    for (int i = 0; i < 10; i++) {
        pthread_t t;
        CHECK(pthread_create(&t, NULL, count_and_exit, &done) == 0);
        if (i == 9)
            sleep_ms(20);
        CHECK(pthread_detach(t) == 0);
    }
    for (int i = 0; i < 500 && (__atomic_load_n(&done, __ATOMIC_SEQ_CST) < 110 ||
                                count_threads() != threads_before); i++)
        sleep_ms(10);
    CHECKF(done == 110, "%d of 110 detached threads ran", done);
    CHECKF(count_threads() == threads_before, "threads: %d, was %d", count_threads(),
           threads_before);
    int maps_after = count_maps();
    CHECKF(maps_after <= maps_before, "mappings: %d before, %d after", maps_before, maps_after);
}

static void *deep(void *arg)
{
    /* Touch 48 KiB of a 64 KiB stack. */
    volatile char buf[48 * 1024];
    buf[0] = 1;
    buf[sizeof buf - 1] = 2;
    return (void *)(intptr_t)(buf[0] + buf[sizeof buf - 1] + (arg != NULL));
}

static volatile int recurse_forever = 1;

static int recurse(int n)
{
    volatile char pad[256];
    pad[0] = (char)n;
    if (!recurse_forever)
        return 0;
    return recurse(n + 1) + pad[0];
}

static void *overflow(void *arg)
{
    (void)arg;
    return (void *)(intptr_t)recurse(0);
}

static void test_stack_size_and_guard(void)
{
    pthread_attr_t attr;
    size_t size;
    pthread_attr_init(&attr);
    CHECK(pthread_attr_getstacksize(&attr, &size) == 0);
    CHECKF(size == 8u << 20, "default stack %zu bytes, not 8 MiB", size);
    CHECK(pthread_attr_setstacksize(&attr, 100) == EINVAL);
    CHECK(pthread_attr_setstacksize(&attr, 64 * 1024) == 0);
    CHECK(pthread_attr_getstacksize(&attr, &size) == 0 && size == 64 * 1024);
    pthread_t t;
    void *res;
    CHECK(pthread_create(&t, &attr, deep, NULL) == 0);
    CHECK(pthread_join(t, &res) == 0 && res == (void *)3);

    /* Running off the end of the stack hits the guard page: SIGSEGV
     * (in a child process, since it kills the whole process). */
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        pthread_create(&t, &attr, overflow, NULL);
        pthread_join(t, NULL);
        _exit(0);
    }
    int status;
    CHECK(wait_child(pid, &status, 10000) == 0);
    CHECKF(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "status %#x", status);
}

/* ---- mutexes ------------------------------------------------------------- */

static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *add_10000(void *arg)
{
    (void)arg;
    for (int i = 0; i < 10000; i++) {
        pthread_mutex_lock(&counter_lock);
        long v = counter;
        if ((i & 255) == 0)
            sched_yield();              /* invite a race, if the lock failed */
        counter = v + 1;
        pthread_mutex_unlock(&counter_lock);
    }
    return NULL;
}

static void test_mutex_counter(void)
{
    pthread_t t[8];
    counter = 0;
    for (int i = 0; i < 8; i++)
        CHECK(pthread_create(&t[i], NULL, add_10000, NULL) == 0);
    for (int i = 0; i < 8; i++)
        CHECK(pthread_join(t[i], NULL) == 0);
    CHECKF(counter == 80000, "counter %ld, expected 8 x 10000", counter);
}

static int trylock_result;

static void *try_it(void *arg)
{
    trylock_result = pthread_mutex_trylock(arg);
    if (trylock_result == 0)
        pthread_mutex_unlock(arg);
    return NULL;
}

static void *unlock_it(void *arg)
{
    return (void *)(intptr_t)pthread_mutex_unlock(arg);
}

static int from_thread(void *(*fn)(void *), void *arg)
{
    pthread_t t;
    void *res;
    if (pthread_create(&t, NULL, fn, arg) || pthread_join(t, &res))
        return -1;
    return (int)(intptr_t)res;
}

static void test_mutex_recursive(void)
{
    pthread_mutexattr_t a;
    pthread_mutex_t m;
    int type;
    pthread_mutexattr_init(&a);
    CHECK(pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE) == 0);
    CHECK(pthread_mutexattr_gettype(&a, &type) == 0 && type == PTHREAD_MUTEX_RECURSIVE);
    CHECK(pthread_mutex_init(&m, &a) == 0);
    CHECK(pthread_mutex_lock(&m) == 0);
    CHECK(pthread_mutex_lock(&m) == 0);
    CHECK(pthread_mutex_trylock(&m) == 0);      /* three deep */
    CHECK(from_thread(try_it, &m) == 0 && trylock_result == EBUSY);
    CHECK(from_thread(unlock_it, &m) == EPERM); /* not the owner */
    CHECK(pthread_mutex_unlock(&m) == 0);
    CHECK(pthread_mutex_unlock(&m) == 0);
    CHECK(from_thread(try_it, &m) == 0 && trylock_result == EBUSY);   /* still held once */
    CHECK(pthread_mutex_unlock(&m) == 0);
    CHECK(from_thread(try_it, &m) == 0 && trylock_result == 0);       /* free now */
    CHECK(pthread_mutex_unlock(&m) == EPERM);   /* not held at all */
    CHECK(pthread_mutex_destroy(&m) == 0);
}

static void test_mutex_errorcheck(void)
{
    pthread_mutexattr_t a;
    pthread_mutex_t m;
    pthread_mutexattr_init(&a);
    CHECK(pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK) == 0);
    CHECK(pthread_mutexattr_settype(&a, 42) == EINVAL);
    CHECK(pthread_mutex_init(&m, &a) == 0);
    CHECK(pthread_mutex_unlock(&m) == EPERM);   /* unlocked */
    CHECK(pthread_mutex_lock(&m) == 0);
    CHECK(pthread_mutex_lock(&m) == EDEADLK);   /* relock by the owner */
    CHECK(pthread_mutex_trylock(&m) == EBUSY);
    CHECK(from_thread(unlock_it, &m) == EPERM); /* another thread's unlock */
    CHECK(from_thread(try_it, &m) == 0 && trylock_result == EBUSY);
    CHECK(pthread_mutex_destroy(&m) == EBUSY);
    CHECK(pthread_mutex_unlock(&m) == 0);
    CHECK(pthread_mutex_unlock(&m) == EPERM);
    CHECK(pthread_mutex_destroy(&m) == 0);
}

static pthread_mutex_t held = PTHREAD_MUTEX_INITIALIZER;

static void *timedlock_50ms(void *arg)
{
    (void)arg;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 50000000;
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    return (void *)(intptr_t)pthread_mutex_timedlock(&held, &ts);
}

static void test_mutex_timedlock(void)
{
    CHECK(pthread_mutex_lock(&held) == 0);
    long long t0 = now_ns(CLOCK_MONOTONIC);
    int r = from_thread(timedlock_50ms, NULL);
    long long ms = (now_ns(CLOCK_MONOTONIC) - t0) / 1000000;
    pthread_mutex_unlock(&held);
    CHECKF(r == ETIMEDOUT, "timedlock gave %d", r);
    CHECKF(ms >= 49, "timed out after %lld ms", ms);
    CHECK(from_thread(timedlock_50ms, NULL) == 0);  /* free: no wait */
    pthread_mutex_unlock(&held);                    /* (NORMAL: anyone may) */
}

/* ---- condition variables, once ------------------------------------------ */

enum { SLOTS = 8, PRODUCERS = 4, CONSUMERS = 4, PER_PRODUCER = 2500 };
static struct {
    pthread_mutex_t lock;
    pthread_cond_t not_full, not_empty;
    int buf[SLOTS];
    int head, count, producers_left;
    unsigned char seen[PRODUCERS * PER_PRODUCER];
    int duplicates;
} bb = { .lock = PTHREAD_MUTEX_INITIALIZER, .not_full = PTHREAD_COND_INITIALIZER,
         .not_empty = PTHREAD_COND_INITIALIZER };

static void *producer(void *arg)
{
    int base = (int)(intptr_t)arg * PER_PRODUCER;
    for (int i = 0; i < PER_PRODUCER; i++) {
        pthread_mutex_lock(&bb.lock);
        while (bb.count == SLOTS)
            pthread_cond_wait(&bb.not_full, &bb.lock);
        bb.buf[(bb.head + bb.count++) % SLOTS] = base + i;
        pthread_cond_signal(&bb.not_empty);
        pthread_mutex_unlock(&bb.lock);
    }
    pthread_mutex_lock(&bb.lock);
    if (--bb.producers_left == 0)
        pthread_cond_broadcast(&bb.not_empty);     /* consumers: no more coming */
    pthread_mutex_unlock(&bb.lock);
    return NULL;
}

static void *consumer(void *arg)
{
    long got = 0;
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&bb.lock);
        while (bb.count == 0 && bb.producers_left > 0)
            pthread_cond_wait(&bb.not_empty, &bb.lock);
        if (bb.count == 0) {
            pthread_mutex_unlock(&bb.lock);
            return (void *)got;
        }
        int item = bb.buf[bb.head];
        bb.head = (bb.head + 1) % SLOTS;
        bb.count--;
        if (bb.seen[item]++)
            bb.duplicates++;
        pthread_cond_signal(&bb.not_full);
        pthread_mutex_unlock(&bb.lock);
        got++;
    }
}

static void test_cond_producer_consumer(void)
{
    pthread_t p[PRODUCERS], c[CONSUMERS];
    bb.producers_left = PRODUCERS;
    for (int i = 0; i < CONSUMERS; i++)
        CHECK(pthread_create(&c[i], NULL, consumer, NULL) == 0);
    for (int i = 0; i < PRODUCERS; i++)
        CHECK(pthread_create(&p[i], NULL, producer, (void *)(intptr_t)i) == 0);
    long total = 0;
    for (int i = 0; i < PRODUCERS; i++)
        CHECK(pthread_join(p[i], NULL) == 0);
    for (int i = 0; i < CONSUMERS; i++) {
        void *got;
        CHECK(pthread_join(c[i], &got) == 0);
        total += (long)got;
    }
    CHECKF(total == PRODUCERS * PER_PRODUCER, "%ld items consumed", total);
    CHECKF(bb.duplicates == 0, "%d items consumed twice", bb.duplicates);
    for (int i = 0; i < PRODUCERS * PER_PRODUCER; i++)
        CHECKF(bb.seen[i] == 1, "item %d consumed %d times", i, bb.seen[i]);
}

static void test_cond_timedwait(void)
{
    pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
    pthread_cond_t c = PTHREAD_COND_INITIALIZER;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 50000000;
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    pthread_mutex_lock(&m);
    long long t0 = now_ns(CLOCK_MONOTONIC);
    int r;
    while ((r = pthread_cond_timedwait(&c, &m, &ts)) == 0)
        ;                                           /* spurious: wait on */
    long long ms = (now_ns(CLOCK_MONOTONIC) - t0) / 1000000;
    CHECK(pthread_mutex_unlock(&m) == 0);           /* we hold it again */
    CHECKF(r == ETIMEDOUT, "timedwait gave %d", r);
    CHECKF(ms >= 49, "timed out after %lld ms", ms);
    /* A deadline in the past: at once. */
    ts.tv_sec -= 10;
    pthread_mutex_lock(&m);
    CHECK(pthread_cond_timedwait(&c, &m, &ts) == ETIMEDOUT);
    ts.tv_nsec = 1000000000;
    CHECK(pthread_cond_timedwait(&c, &m, &ts) == EINVAL);
    pthread_mutex_unlock(&m);
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;

static void init_once(void)
{
    sleep_ms(20);                       /* the others must wait for this */
    once_runs++;
}

static void *call_once(void *arg)
{
    (void)arg;
    pthread_once(&once, init_once);
    return (void *)(intptr_t)once_runs;
}

static void test_once(void)
{
    pthread_t t[8];
    for (int i = 0; i < 8; i++)
        CHECK(pthread_create(&t[i], NULL, call_once, NULL) == 0);
    for (int i = 0; i < 8; i++) {
        void *seen;
        CHECK(pthread_join(t[i], &seen) == 0);
        CHECKF(seen == (void *)1, "a thread passed pthread_once before init ran");
    }
    CHECK(once_runs == 1);
}

/* ---- the futex system call ------------------------------------------------ */

static void test_futex_timeout(void)
{
    volatile int word = 0;
    struct timespec ts = { 0, 50000000 };           /* 50 ms */
    long long t0 = now_ns(CLOCK_MONOTONIC);
    long r = futex(&word, FUTEX_WAIT, 0, &ts);
    long long ms = (now_ns(CLOCK_MONOTONIC) - t0) / 1000000;
    CHECKF(r == -1 && errno == ETIMEDOUT, "FUTEX_WAIT 50 ms: %ld errno %d", r, errno);
    CHECKF(ms >= 50, "returned after %lld ms", ms);
    /* The private variant, and FUTEX_WAIT_BITSET with an absolute time. */
    CHECK(futex(&word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, &ts) == -1 && errno == ETIMEDOUT);
    struct timespec abs;
    clock_gettime(CLOCK_MONOTONIC, &abs);
    abs.tv_nsec += 20000000;
    if (abs.tv_nsec >= 1000000000) {
        abs.tv_sec++;
        abs.tv_nsec -= 1000000000;
    }
    t0 = now_ns(CLOCK_MONOTONIC);
    r = syscall(SYS_futex, &word, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, 0, &abs, 0,
                FUTEX_BITSET_MATCH_ANY);
    ms = (now_ns(CLOCK_MONOTONIC) - t0) / 1000000;
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

/* ---- exit, exit_group, pthread_exit ---------------------------------------- */

static int block_pipe[2];
static volatile int never;

static void *block_in_futex(void *arg)
{
    (void)arg;
    while (!never)
        futex(&never, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, NULL);
    return NULL;
}

static void *block_in_read(void *arg)
{
    (void)arg;
    char c;
    read(block_pipe[0], &c, 1);
    return NULL;
}

static void *exit_7_later(void *arg)
{
    (void)arg;
    sleep_ms(30);
    exit(7);
}

static void test_exit_group_ends_blocked_threads(void)
{
    /* exit() (exit_group) in the main thread, with one thread in a futex
     * wait and one in a pipe read: the whole process ends, at once. */
    for (int from_thread = 0; from_thread < 2; from_thread++) {
        CHECK(pipe(block_pipe) == 0);
        long long t0 = now_ns(CLOCK_MONOTONIC);
        pid_t pid = fork();
        CHECK(pid >= 0);
        if (pid == 0) {
            pthread_t a, b, c;
            pthread_create(&a, NULL, block_in_futex, NULL);
            pthread_create(&b, NULL, block_in_read, NULL);
            if (from_thread) {          /* exit(7) from a third thread, main blocked */
                pthread_create(&c, NULL, exit_7_later, NULL);
                block_in_read(NULL);
                _exit(99);
            }
            sleep_ms(30);               /* let them block */
            exit(7);
        }
        int status;
        CHECKF(wait_child(pid, &status, 10000) == 0, "the process did not end (%s)",
               from_thread ? "exit from a thread" : "exit from main");
        long long ms = (now_ns(CLOCK_MONOTONIC) - t0) / 1000000;
        close(block_pipe[0]);
        close(block_pipe[1]);
        CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 7, "status %#x", status);
        CHECKF(ms < 5000, "took %lld ms", ms);
    }
}

static pthread_t worker_thread;
static volatile int keep_going, progress;

static void *busy_worker(void *arg)
{
    (void)arg;
    while (__atomic_load_n(&keep_going, __ATOMIC_SEQ_CST)) {
        __atomic_add_fetch(&progress, 1, __ATOMIC_SEQ_CST);
        sleep_ms(1);
    }
    return (void *)(intptr_t)getpid();
}

static void *exit_early(void *arg)
{
    (void)arg;
    pthread_exit((void *)(intptr_t)getpid());
}

static void test_thread_exit_leaves_process(void)
{
    pid_t pid = getpid();
    keep_going = 1;
    progress = 0;
    CHECK(pthread_create(&worker_thread, NULL, busy_worker, NULL) == 0);
    void *res;
    pthread_t t;
    CHECK(pthread_create(&t, NULL, exit_early, NULL) == 0);
    CHECK(pthread_join(t, &res) == 0);
    CHECK(res == (void *)(intptr_t)pid);            /* same process */
    int p0 = __atomic_load_n(&progress, __ATOMIC_SEQ_CST);
    sleep_ms(30);
    int p1 = __atomic_load_n(&progress, __ATOMIC_SEQ_CST);
    __atomic_store_n(&keep_going, 0, __ATOMIC_SEQ_CST);
    CHECK(pthread_join(worker_thread, &res) == 0);
    CHECK(res == (void *)(intptr_t)pid);
    CHECK(getpid() == pid);
    CHECKF(p1 > p0, "the other thread stopped when one exited (%d -> %d)", p0, p1);
}

/* pthread_exit in main ends only main; when the last thread finishes,
 * the process exits with 0 and the atexit handlers run. */
static int marker_fd;

static void atexit_marker(void)
{
    write(marker_fd, "A", 1);
}

static void *outlive_main(void *arg)
{
    sleep_ms(50);
    write(marker_fd, (char *)arg, 1);
    return NULL;
}

static void *exit_3(void *arg)
{
    (void)arg;
    sleep_ms(10);
    exit(3);
}

static void test_main_pthread_exit(void)
{
    int fds[2];
    CHECK(pipe(fds) == 0);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        marker_fd = fds[1];
        atexit(atexit_marker);
        pthread_t t;
        pthread_create(&t, NULL, outlive_main, "T");
        pthread_exit(NULL);
    }
    close(fds[1]);
    int status;
    CHECK(wait_child(pid, &status, 10000) == 0);
    char buf[8] = "";
    ssize_t n = read(fds[0], buf, sizeof buf - 1);
    close(fds[0]);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
    CHECKF(n == 2 && strcmp(buf, "TA") == 0, "markers \"%s\": expected the thread, then atexit",
           buf);

    /* Two threads calling exit() at once: the handlers run once. */
    CHECK(pipe(fds) == 0);
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        marker_fd = fds[1];
        atexit(atexit_marker);
        pthread_t t[4];
        for (int i = 0; i < 4; i++)
            pthread_create(&t[i], NULL, exit_3, NULL);
        exit_3(NULL);
    }
    close(fds[1]);
    CHECK(wait_child(pid, &status, 10000) == 0);
    memset(buf, 0, sizeof buf);
    n = read(fds[0], buf, sizeof buf - 1);
    close(fds[0]);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 3, "status %#x", status);
    CHECKF(n == 1, "atexit handler ran %zd times", n);
}

/* ---- what threads share, and what each owns ---------------------------------- */

static int shared_global;
static int *shared_heap;
static int opened_fd = -1;

static void *writer_thread(void *arg)
{
    shared_global = 42;
    *shared_heap = 43;
    opened_fd = open((const char *)arg, O_RDONLY);
    return NULL;
}

static void test_share_vs_fork(void)
{
    /* T1: a thread's writes to a global and to the heap, and a file it
     * opens, are all visible to the other threads. */
    shared_heap = malloc(sizeof *shared_heap);
    *shared_heap = shared_global = 0;
    pthread_t t;
    CHECK(pthread_create(&t, NULL, writer_thread, (void *)self_path) == 0);
    CHECK(pthread_join(t, NULL) == 0);
    CHECK(shared_global == 42);
    CHECK(*shared_heap == 43);
    CHECK(opened_fd >= 0);
    char elf[4];
    CHECK(pread(opened_fd, elf, 4, 0) == 4 && memcmp(elf, "\177ELF", 4) == 0);

    /* After fork the child has copies: its writes stay its own, and a
     * file it opens is not in our table. */
    int fds[2];
    CHECK(pipe(fds) == 0);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        shared_global = 1;
        *shared_heap = 2;
        int fd = open(self_path, O_RDONLY);
        write(fds[1], &fd, sizeof fd);
        _exit(0);
    }
    int child_fd = -1, status;
    CHECK(read(fds[0], &child_fd, sizeof child_fd) == sizeof child_fd);
    CHECK(wait_child(pid, &status, 10000) == 0);
    close(fds[0]);
    close(fds[1]);
    CHECK(shared_global == 42);
    CHECK(*shared_heap == 43);
    CHECK(child_fd >= 0);
    CHECKF(child_fd == opened_fd || fcntl(child_fd, F_GETFD) == -1,
           "the child's fd %d is open here", child_fd);
    close(opened_fd);
    free(shared_heap);
}

struct own {
    pid_t tid, pid;
    int errno_seen;
    int nice;
    int mask_has_usr1;
    int prio_error;
};

static volatile sig_atomic_t usr1_tid;

static void on_usr1(int sig)
{
    (void)sig;
    usr1_tid = gettid();
}

static void *own_things(void *arg)
{
    struct own *o = arg;
    o->tid = gettid();
    o->pid = getpid();
    errno = 1234;                                   /* our errno only */
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &set, NULL);         /* our mask only */
    pthread_sigmask(SIG_BLOCK, NULL, &old);
    o->mask_has_usr1 = sigismember(&old, SIGUSR1);
    /* Our nice value only (PRIO_PROCESS takes a tid: per thread). */
    if (setpriority(PRIO_PROCESS, (id_t)o->tid, 7) < 0)
        o->prio_error = errno;
    errno = 0;
    o->nice = getpriority(PRIO_PROCESS, (id_t)o->tid);
    if (errno)
        o->prio_error = errno;
    errno = 1234;
    /* A signal sent to this thread while blocked stays pending until we
     * unblock it, then runs its handler here. */
    sleep_ms(30);                                   /* main sends it meanwhile */
    if (usr1_tid != 0)
        o->mask_has_usr1 = -1;                      /* delivered too early */
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    o->errno_seen = errno;
    return NULL;
}

static void test_per_thread_state(void)
{
    struct own o = { 0 };
    struct sigaction sa = { 0 };
    sa.sa_handler = on_usr1;
    CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);
    usr1_tid = 0;
    int main_nice = getpriority(PRIO_PROCESS, 0);
    errno = 0;
    pthread_t t;
    CHECK(pthread_create(&t, NULL, own_things, &o) == 0);
    sleep_ms(10);
    CHECK(pthread_kill(t, SIGUSR1) == 0);
    CHECK(pthread_join(t, NULL) == 0);
    CHECK(errno == 0);                              /* not 1234 */
    CHECK(o.errno_seen == 1234);
    CHECK(o.pid == getpid());                       /* same process ... */
    CHECK(o.tid != gettid() && o.tid > 0);          /* ... its own thread id */
    CHECKF(o.mask_has_usr1 == 1, "thread mask: %d", o.mask_has_usr1);
    sigset_t mine;
    pthread_sigmask(SIG_BLOCK, NULL, &mine);
    CHECK(!sigismember(&mine, SIGUSR1));            /* main's mask unchanged */
    CHECKF(usr1_tid == o.tid, "SIGUSR1 ran in tid %d, expected %d", (int)usr1_tid, o.tid);
    CHECKF(o.prio_error == 0 && o.nice == 7, "thread nice %d (errno %d)", o.nice, o.prio_error);
    CHECKF(getpriority(PRIO_PROCESS, 0) == main_nice, "main's nice changed to %d",
           getpriority(PRIO_PROCESS, 0));
    signal(SIGUSR1, SIG_DFL);
}

static pthread_key_t key;
static int dtor_calls;
static intptr_t dtor_sum;

static void key_dtor(void *v)
{
    __atomic_add_fetch(&dtor_calls, 1, __ATOMIC_SEQ_CST);
    __atomic_add_fetch(&dtor_sum, (intptr_t)v, __ATOMIC_SEQ_CST);
}

static void *use_key(void *arg)
{
    if (pthread_getspecific(key) != NULL)
        return (void *)1;
    pthread_setspecific(key, arg);
    sleep_ms(5);
    return pthread_getspecific(key) == arg ? NULL : (void *)2;
}

static void test_keys(void)
{
    dtor_calls = 0;
    dtor_sum = 0;
    CHECK(pthread_key_create(&key, key_dtor) == 0);
    CHECK(pthread_getspecific(key) == NULL);
    CHECK(pthread_setspecific(key, (void *)1000) == 0);
    pthread_t t[4];
    for (intptr_t i = 0; i < 4; i++)
        CHECK(pthread_create(&t[i], NULL, use_key, (void *)(i + 1)) == 0);
    for (int i = 0; i < 4; i++) {
        void *r;
        CHECK(pthread_join(t[i], &r) == 0);
        CHECKF(r == NULL, "thread %d: getspecific went wrong (%ld)", i, (long)r);
    }
    CHECKF(dtor_calls == 4 && dtor_sum == 1 + 2 + 3 + 4, "destructors: %d calls, sum %ld",
           dtor_calls, (long)dtor_sum);
    CHECK(pthread_getspecific(key) == (void *)1000);    /* main's own */
    CHECK(pthread_key_delete(key) == 0);
    CHECK(pthread_key_delete(key) == EINVAL);
    CHECK(pthread_setspecific(key, (void *)1) == EINVAL);
    pthread_key_t k2;
    CHECK(pthread_key_create(&k2, NULL) == 0);
    CHECK(pthread_getspecific(k2) == NULL);             /* never main's old 1000 */
    CHECK(pthread_key_delete(k2) == 0);
}

static __thread int tls_var = 5;
static __thread char tls_buf[100];

static void *tls_thread(void *arg)
{
    if (tls_var != 5 || tls_buf[0] != 0)
        return (void *)-1;              /* not a fresh copy of the template */
    tls_var += (int)(intptr_t)arg;
    tls_buf[0] = 'x';
    sleep_ms(5);
    return (void *)&tls_var;
}

static void *tls_value(void *arg)
{
    tls_var += (int)(intptr_t)arg;
    sleep_ms(5);
    return (void *)(intptr_t)tls_var;
}

static void test_tls_per_thread(void)
{
    tls_var = 100;
    pthread_t t[3];
    for (intptr_t i = 0; i < 3; i++)
        CHECK(pthread_create(&t[i], NULL, tls_value, (void *)(i + 1)) == 0);
    for (intptr_t i = 0; i < 3; i++) {
        void *r;
        CHECK(pthread_join(t[i], &r) == 0);
        CHECKF(r == (void *)(5 + i + 1), "thread %ld saw tls_var %ld", (long)i, (long)r);
    }
    CHECK(tls_var == 100);
    void *addr;
    CHECK(pthread_create(&t[0], NULL, tls_thread, NULL) == 0);
    CHECK(pthread_join(t[0], &addr) == 0);
    CHECK(addr != (void *)-1 && addr != (void *)&tls_var);
    CHECK(tls_buf[0] == 0);
}

/* T2 in /proc: each thread's own status file shows its own tid and mask. */
static volatile int status_thread_go;

static void *blocked_usr2_thread(void *arg)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    *(pid_t *)arg = gettid();
    while (!__atomic_load_n(&status_thread_go, __ATOMIC_SEQ_CST))
        sleep_ms(2);
    return NULL;
}

/* The value of "Field:" in a status text, as a number in `base`. */
static long long status_field(const char *text, const char *field, int base)
{
    const char *p = strstr(text, field);
    return p ? strtoll(p + strlen(field), NULL, base) : -1;
}

static void test_proc_task_status(void)
{
    volatile pid_t tid = 0;
    pthread_t t;
    status_thread_go = 0;
    CHECK(pthread_create(&t, NULL, blocked_usr2_thread, (void *)&tid) == 0);
    while (!tid)
        sleep_ms(2);
    char path[64], text[4096];
    snprintf(path, sizeof path, "/proc/self/task/%d/status", tid);
    long n = t_read_file(path, text, sizeof text);
    snprintf(path, sizeof path, "/proc/self/task/%d/status", getpid());
    char main_text[4096];
    long m = t_read_file(path, main_text, sizeof main_text);
    status_thread_go = 1;
    pthread_join(t, NULL);
    CHECKF(n > 0 && m > 0, "cannot read the task status files");
    CHECKF(status_field(text, "\nPid:", 10) == tid, "the thread's Pid: is not its tid %d", tid);
    CHECKF(status_field(text, "\nTgid:", 10) == getpid(), "the thread's Tgid: is not the pid");
    CHECKF(status_field(main_text, "\nPid:", 10) == getpid(), "main's Pid:");
    long long blk = status_field(text, "\nSigBlk:", 16);
    long long main_blk = status_field(main_text, "\nSigBlk:", 16);
    CHECKF(blk >= 0 && (blk & (1LL << (SIGUSR2 - 1))), "thread SigBlk %llx lacks SIGUSR2", blk);
    CHECKF(main_blk >= 0 && !(main_blk & (1LL << (SIGUSR2 - 1))), "main SigBlk %llx has SIGUSR2",
           main_blk);
}

/* A signal sent to the process goes to a thread that does not block it. */
static volatile sig_atomic_t usr2_tid;

static void on_usr2(int sig)
{
    (void)sig;
    usr2_tid = gettid();
}

static void *wait_for_usr2(void *arg)
{
    sigset_t set;                       /* we inherited main's mask: unblock */
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    *(volatile pid_t *)arg = gettid();
    for (int i = 0; i < 1000 && !usr2_tid; i++)
        sleep_ms(5);                    /* interrupted by the handler */
    return NULL;
}

static void test_process_signal_to_unblocked_thread(void)
{
    struct sigaction sa = { 0 };
    sa.sa_handler = on_usr2;
    CHECK(sigaction(SIGUSR2, &sa, NULL) == 0);
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    CHECK(pthread_sigmask(SIG_BLOCK, &set, &old) == 0);     /* main blocks it */
    usr2_tid = 0;
    volatile pid_t tid = 0;
    pthread_t t;
    CHECK(pthread_create(&t, NULL, wait_for_usr2, (void *)&tid) == 0);
    while (!tid)
        sleep_ms(2);
    CHECK(kill(getpid(), SIGUSR2) == 0);                    /* to the process */
    pthread_join(t, NULL);
    sigset_t pending;
    sigpending(&pending);
    int still_pending = sigismember(&pending, SIGUSR2);
    pthread_sigmask(SIG_SETMASK, &old, NULL);               /* (runs it if pending) */
    signal(SIGUSR2, SIG_DFL);
    CHECKF(!still_pending, "SIGUSR2 stayed pending although a thread did not block it (handler tid %d, thread %d)", (int)usr2_tid, tid);
    CHECKF(usr2_tid == tid, "the handler ran in tid %d, expected the thread %d",
           (int)usr2_tid, tid);
}

/* The process outlives its main thread, and still gets signals. */
static void on_usr1_exit(int sig)
{
    (void)sig;
    _exit(5);
}

static void *wait_for_signal(void *arg)
{
    (void)arg;
    for (;;)
        pause();
    return NULL;
}

static void test_signal_after_main_exited(void)
{
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        signal(SIGUSR1, on_usr1_exit);
        pthread_t t;
        pthread_create(&t, NULL, wait_for_signal, NULL);
        pthread_exit(NULL);             /* main goes; the thread stays */
    }
    sleep_ms(50);
    int status;
    CHECK(waitpid(pid, &status, WNOHANG) == 0);      /* still alive */
    CHECK(kill(pid, SIGUSR1) == 0);
    CHECK(wait_child(pid, &status, 10000) == 0);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 5, "status %#x", status);
}

/* Children belong to the process: any thread may wait for them. */
static void *fork_a_child(void *arg)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(9);
    *(pid_t *)arg = pid;
    return NULL;
}

static void test_wait_for_other_threads_child(void)
{
    pid_t pid = -1;
    pthread_t t;
    CHECK(pthread_create(&t, NULL, fork_a_child, &pid) == 0);
    CHECK(pthread_join(t, NULL) == 0);
    CHECK(pid > 0);
    int status;
    CHECK(wait_child(pid, &status, 10000) == 0);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 9, "status %#x", status);
}

/* T7: processes share memory only when asked (MAP_SHARED), and then need
 * a process-shared lock, which is a futex the kernel finds by its
 * physical page. */
static void test_process_shared_mutex(void)
{
    struct shared {
        pthread_mutex_t lock;
        long counter;
    } *sh = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(sh != MAP_FAILED);
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    CHECK(pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED) == 0);
    CHECK(pthread_mutex_init(&sh->lock, &a) == 0);
    sh->counter = 0;
    pid_t pid[2];
    for (int k = 0; k < 2; k++) {
        pid[k] = fork();
        CHECK(pid[k] >= 0);
        if (pid[k] == 0) {
            for (int i = 0; i < 5000; i++) {
                pthread_mutex_lock(&sh->lock);
                long v = sh->counter;
                if ((i & 127) == 0)
                    sched_yield();      /* hold it across a switch now and then */
                sh->counter = v + 1;
                pthread_mutex_unlock(&sh->lock);
            }
            _exit(0);
        }
    }
    for (int k = 0; k < 2; k++) {
        int status;
        CHECK(wait_child(pid[k], &status, 20000) == 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    CHECKF(sh->counter == 10000, "shared counter %ld, expected 2 x 5000", sh->counter);
    munmap(sh, 4096);
}

/* Thread names: the kernel's comm, per thread (ps, /proc/PID/task/TID/comm). */
static volatile int names_go;

static void *name_myself(void *arg)
{
    *(int *)arg = pthread_setname_np(pthread_self(), "self-named");
    while (!__atomic_load_n(&names_go, __ATOMIC_SEQ_CST))
        sleep_ms(2);
    return NULL;
}

static void test_thread_names(void)
{
    char name[32], path[64], text[64];
    CHECK(pthread_setname_np(pthread_self(), "threads-main") == 0);
    CHECK(pthread_getname_np(pthread_self(), name, sizeof name) == 0);
    CHECKF(strcmp(name, "threads-main") == 0, "main's name \"%s\"", name);
    CHECK(pthread_setname_np(pthread_self(), "much-too-long-a-name") == ERANGE);

    int self_set = -1;
    pthread_t t;
    names_go = 0;
    CHECK(pthread_create(&t, NULL, name_myself, &self_set) == 0);
    while (self_set == -1)
        sleep_ms(2);
    int got = pthread_getname_np(t, name, sizeof name);
    /* Naming another thread writes its /proc comm file (Linux: mode 0644). */
    int other_set = pthread_setname_np(t, "named-by-main");
    char renamed[32] = "";
    pthread_getname_np(t, renamed, sizeof renamed);
    snprintf(path, sizeof path, "/proc/self/task/%d/comm", getpid());
    long n = t_read_file(path, text, sizeof text);
    names_go = 1;
    pthread_join(t, NULL);
    CHECK(self_set == 0);
    CHECKF(got == 0 && strcmp(name, "self-named") == 0, "the thread's name: \"%s\" (%d)", name,
           got);
    CHECKF(n > 0 && strcmp(text, "threads-main\n") == 0, "main's comm file: \"%s\"", text);
    CHECKF(other_set == 0, "pthread_setname_np(other thread): %s (writing "
           "/proc/self/task/TID/comm; Linux allows it)", strerror(other_set));
    CHECKF(strcmp(renamed, "named-by-main") == 0, "renamed thread: \"%s\"", renamed);
}

/* ---- execve from a thread ------------------------------------------------------- */

static void *exec_from_thread(void *arg)
{
    char *argv[] = { (char *)self_path, "--exec-child", arg, NULL };
    execv(self_path, argv);
    return NULL;
}

static void test_execve_from_thread(void)
{
    int fds[2];
    CHECK(pipe(fds) == 0);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        char fdstr[16];
        snprintf(fdstr, sizeof fdstr, "%d", fds[1]);
        pthread_t t, other;
        pthread_create(&other, NULL, block_in_futex, NULL);     /* must vanish */
        pthread_create(&t, NULL, exec_from_thread, fdstr);
        for (;;)
            pause();
    }
    close(fds[1]);
    int reported[2] = { 0, 0 }, status;
    ssize_t n = read(fds[0], reported, sizeof reported);
    close(fds[0]);
    CHECK(wait_child(pid, &status, 10000) == 0);
    CHECKF(n == sizeof reported, "the new program did not report (%zd)", n);
    CHECKF(reported[0] == pid, "after execve from a thread: pid %d, expected %d", reported[0],
           pid);
    CHECKF(reported[1] == 1, "the new program has %d threads", reported[1]);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0, "status %#x", status);
}

/* ---- memory: nothing leaks --------------------------------------------------------- */

static void *touch_stack(void *arg)
{
    volatile char buf[3 * 4096];
    for (size_t i = 0; i < sizeof buf; i += 4096)
        buf[i] = (char)i;
    return arg;
}

static void create_join_n(int n)
{
    for (int i = 0; i < n; i++) {
        pthread_t t;
        if (pthread_create(&t, NULL, touch_stack, NULL) == 0)
            pthread_join(t, NULL);
    }
}

static void test_no_frame_leak(void)
{
    if (!on_weft()) {
        printf("note: no /proc/weft (not on weft): frame count not checked\n");
        create_join_n(200);
        return;
    }
    create_join_n(50);                              /* warm up caches, heap */
    long long before = t_weft_counter("free_frames");
    CHECK(before > 0);
    create_join_n(1000);
    long long after = t_weft_counter("free_frames");
    printf("note: free frames %lld before, %lld after 1000 create/join cycles\n", before, after);
    /* Tolerance: 16 pages, for kernel caches and the odd page table. */
    CHECKF(before - after <= 16,
           "free frames %lld -> %lld after 1000 thread create/exit cycles (%lld lost)", before,
           after, before - after);
}

/* ---- switches and CR3 (claims C5, C6) ---------------------------------------------- */

enum { ROUNDS = 1000 };
static volatile int turn;

static void *pong_thread(void *arg)
{
    (void)arg;
    for (int i = 0; i < ROUNDS; i++) {
        while (__atomic_load_n(&turn, __ATOMIC_SEQ_CST) != 1)
            futex(&turn, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, NULL);
        __atomic_store_n(&turn, 0, __ATOMIC_SEQ_CST);
        futex(&turn, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL);
    }
    return NULL;
}

static void thread_ping_pong(void)
{
    pthread_t t;
    turn = 0;
    pthread_create(&t, NULL, pong_thread, NULL);
    for (int i = 0; i < ROUNDS; i++) {
        __atomic_store_n(&turn, 1, __ATOMIC_SEQ_CST);
        futex(&turn, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL);
        while (__atomic_load_n(&turn, __ATOMIC_SEQ_CST) != 0)
            futex(&turn, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 1, NULL);
    }
    pthread_join(t, NULL);
}

static void process_ping_pong(void)
{
    int ab[2], ba[2];
    char c = 0;
    if (pipe(ab) < 0 || pipe(ba) < 0)
        return;
    pid_t pid = fork();
    if (pid == 0) {
        for (int i = 0; i < ROUNDS; i++) {
            if (read(ab[0], &c, 1) != 1)
                break;
            write(ba[1], &c, 1);
        }
        _exit(0);
    }
    for (int i = 0; i < ROUNDS; i++) {
        write(ab[1], &c, 1);
        read(ba[0], &c, 1);
    }
    waitpid(pid, NULL, 0);
    close(ab[0]);
    close(ab[1]);
    close(ba[0]);
    close(ba[1]);
}

static void test_cr3_thread_vs_process(void)
{
    if (!on_weft()) {
        printf("note: no /proc/weft (not on weft): counters not checked\n");
        thread_ping_pong();
        return;
    }
    t_weft_counter("cr3_loads");                    /* warm up the reader */
    long long cr3_0 = t_weft_counter("cr3_loads");
    long long sw_0 = t_weft_counter("context_switches");
    thread_ping_pong();
    long long cr3_1 = t_weft_counter("cr3_loads");
    long long sw_1 = t_weft_counter("context_switches");
    process_ping_pong();
    long long cr3_2 = t_weft_counter("cr3_loads");
    long long sw_2 = t_weft_counter("context_switches");
    CHECK(cr3_0 >= 0 && sw_0 >= 0);
    long long thr_cr3 = cr3_1 - cr3_0, thr_sw = sw_1 - sw_0;
    long long proc_cr3 = cr3_2 - cr3_1, proc_sw = sw_2 - sw_1;
    printf("note: threads: %lld switches, %lld CR3 loads; processes: %lld switches, "
           "%lld CR3 loads\n", thr_sw, thr_cr3, proc_sw, proc_cr3);
    CHECKF(thr_sw >= 2 * ROUNDS, "only %lld context switches for %d round trips", thr_sw,
           ROUNDS);
    CHECKF(thr_cr3 * 50 <= thr_sw, "thread ping-pong: %lld CR3 loads in %lld switches", thr_cr3,
           thr_sw);
    CHECKF(proc_cr3 >= 2 * ROUNDS * 9 / 10,
           "process ping-pong: only %lld CR3 loads for %d round trips", proc_cr3, ROUNDS);
}

/* ---- the rest of libc, from several threads ------------------------------------------ */

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
     * FUTEX_REQUEUE (see futex_requeue below). */
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
    if (argc == 3 && strcmp(argv[1], "--exec-child") == 0) {
        /* The program execve'd by test_execve_from_thread: report our
         * pid and how many threads we have. */
        int report[2] = { getpid(), count_threads() };
        write(atoi(argv[2]), report, sizeof report);
        return 0;
    }
    T_INIT("threads", argc, argv);
    RUN(test_create_join_1000);
    RUN(test_64_alive);
    RUN(test_detached);
    RUN(test_stack_size_and_guard);
    RUN(test_mutex_counter);
    RUN(test_mutex_recursive);
    RUN(test_mutex_errorcheck);
    RUN(test_mutex_timedlock);
    RUN(test_cond_producer_consumer);
    RUN(test_cond_timedwait);
    RUN(test_once);
    RUN(test_futex_timeout);
    RUN(test_futex_errors);
    RUN(test_futex_wake);
    RUN(test_futex_requeue);
    RUN(test_clone_bad_flags);
    RUN(test_clone_thread_with_exit_signal);
    RUN(test_exit_group_ends_blocked_threads);
    RUN(test_thread_exit_leaves_process);
    RUN(test_main_pthread_exit);
    RUN(test_share_vs_fork);
    RUN(test_per_thread_state);
    RUN(test_keys);
    RUN(test_tls_per_thread);
    RUN(test_proc_task_status);
    RUN(test_thread_names);
    RUN(test_process_signal_to_unblocked_thread);
    RUN(test_signal_after_main_exited);
    RUN(test_wait_for_other_threads_child);
    RUN(test_process_shared_mutex);
    RUN(test_execve_from_thread);
    RUN(test_no_frame_leak);
    RUN(test_cr3_thread_vs_process);
    RUN(test_stdio_lines_intact);
    RUN(test_malloc_threads);
    RUN(test_fork_while_malloc);
    RUN(test_musl_pthread);
    RUN(test_musl_pthread_cond);
    return T_DONE();
}
