/*
 * threads_sync.c: the synchronisation of weft's libc threads: mutexes
 * (normal, recursive, error-checking, timed), condition variables (a
 * bounded buffer between producers and consumers, timed waits) and
 * pthread_once.
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
#include <time.h>

#include "t.h"
#include "t_time.h"

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
    struct timespec ts = deadline_in_ms(CLOCK_REALTIME, 50);
    return (void *)(intptr_t)pthread_mutex_timedlock(&held, &ts);
}

static void test_mutex_timedlock(void)
{
    CHECK(pthread_mutex_lock(&held) == 0);
    long long t0 = now_ns();
    int r = from_thread(timedlock_50ms, NULL);
    long long ms = (now_ns() - t0) / 1000000;
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
    struct timespec ts = deadline_in_ms(CLOCK_REALTIME, 50);
    pthread_mutex_lock(&m);
    long long t0 = now_ns();
    int r;
    while ((r = pthread_cond_timedwait(&c, &m, &ts)) == 0)
        ;                                           /* spurious: wait on */
    long long ms = (now_ns() - t0) / 1000000;
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

int main(int argc, char **argv)
{
    T_INIT("threads_sync", argc, argv);
    RUN(test_mutex_counter);
    RUN(test_mutex_recursive);
    RUN(test_mutex_errorcheck);
    RUN(test_mutex_timedlock);
    RUN(test_cond_producer_consumer);
    RUN(test_cond_timedwait);
    RUN(test_once);
    return T_DONE();
}
