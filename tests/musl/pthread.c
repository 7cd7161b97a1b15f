/*
 * pthread.c: a threaded program built with musl, not weft's libc:
 *
 *      musl-gcc -static -pthread -o musl_pthread tests/musl/pthread.c
 *
 * It runs unchanged on Linux and on weft, because weft speaks Linux's
 * system-call ABI: musl's pthread_create is clone() with the thread flags
 * and CLONE_SETTLS, its mutexes and joins are futexes. Four threads add
 * to one mutex-protected counter; the result is printed and checked by
 * user/tests/threads_libc.c (case musl_pthread).
 */
#include <pthread.h>
#include <stdio.h>

#define THREADS 4
#define ADDS 100000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *add(void *arg)
{
    (void)arg;
    for (int i = 0; i < ADDS; i++) {
        pthread_mutex_lock(&lock);
        counter++;
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++) {
        if (pthread_create(&t[i], NULL, add, NULL) != 0) {
            printf("pthread_create failed\n");
            return 1;
        }
    }
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    printf("counter = %ld (expected %d)\n", counter, THREADS * ADDS);
    return counter == THREADS * ADDS ? 0 : 1;
}
