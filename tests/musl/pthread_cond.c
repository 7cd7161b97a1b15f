/*
 * pthread_cond.c: musl's condition variables on weft.
 *
 *      musl-gcc -static -o musl_pthread_cond tests/musl/pthread_cond.c
 *
 * musl's pthread_cond_broadcast/_signal wake the first waiter, which then
 * hands the wake-up on to the next one by moving it from its private
 * futex onto the mutex's with FUTEX_REQUEUE (musl src/thread/
 * pthread_cond_timedwait.c, unlock_requeue). A kernel without
 * FUTEX_REQUEUE leaves the other waiters asleep for ever. Four threads
 * wait, one broadcast must release them all, 20 times over. Checked by
 * user/tests/threads_libc.c (case musl_pthread_cond).
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#define WAITERS 4
#define ROUNDS 20

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int go, arrived, released;

static void *waiter(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock);
    arrived++;
    while (!go)
        pthread_cond_wait(&cond, &lock);
    released++;
    pthread_mutex_unlock(&lock);
    return NULL;
}

/* A watchdog: on a kernel that loses the wake-ups this program would
 * hang for ever; it takes milliseconds where it works. */
static void hung(int sig)
{
    (void)sig;
    static const char msg[] = "hung: a broadcast left waiters asleep\n";
    write(1, msg, sizeof msg - 1);
    _exit(2);
}

int main(void)
{
    signal(SIGALRM, hung);
    alarm(3);
    for (int round = 0; round < ROUNDS; round++) {
        pthread_t t[WAITERS];
        go = arrived = 0;
        for (int i = 0; i < WAITERS; i++)
            pthread_create(&t[i], NULL, waiter, NULL);
        for (;;) {                              /* until all four wait */
            pthread_mutex_lock(&lock);
            int n = arrived;
            pthread_mutex_unlock(&lock);
            if (n == WAITERS)
                break;
            nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
        }
        pthread_mutex_lock(&lock);
        go = 1;
        pthread_cond_broadcast(&cond);
        pthread_mutex_unlock(&lock);
        for (int i = 0; i < WAITERS; i++)
            pthread_join(t[i], NULL);
    }
    printf("released = %d (expected %d)\n", released, WAITERS * ROUNDS);
    return released == WAITERS * ROUNDS ? 0 : 1;
}
