/*
 * pthread.h: POSIX threads, as weft's C library provides them
 * (libc/thread/). They live in libc.a itself: no -lpthread is needed, and
 * -pthread is harmless.
 *
 * A thread is a kernel thread made by clone() with every CLONE_ flag that
 * means "share" (the address space, files, cwd, signal handlers, the
 * process): see thread/pthread.c. What each thread owns is its stack (8 MiB
 * of address space by default, paged in on use), its TLS block and errno,
 * its signal mask and its tid.
 *
 * Mutexes, condition variables and once-controls are futexes: an int that
 * user space changes atomically, entering the kernel only to sleep or wake.
 * The types below are what the implementation needs, not Linux's or
 * glibc's layout: programs built against musl or glibc use their own.
 */
#ifndef _PTHREAD_H
#define _PTHREAD_H

#include <bits/types.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <time.h>

/* The address of the thread's control block (its TCB). */
typedef unsigned long pthread_t;

typedef struct {
    size_t __stacksize;         /* 0: the default, 8 MiB */
    size_t __guardsize;         /* PROT_NONE bytes below the stack */
    int __detached;
} pthread_attr_t;

typedef struct {
    volatile int __lock;        /* 0 free, 1 locked, 2 locked + waiters */
    int __type;                 /* PTHREAD_MUTEX_* | PTHREAD_PROCESS_SHARED << 7 */
    int __count;                /* recursion depth (RECURSIVE) */
    int __pad;
    void *__owner;              /* owner's TCB (RECURSIVE, ERRORCHECK) */
} pthread_mutex_t;

typedef struct {
    int __type;
} pthread_mutexattr_t;

typedef struct {
    volatile int __seq;         /* bumped by every signal and broadcast */
    int __clock;                /* of timedwait's deadline: CLOCK_REALTIME */
    int __pshared;
    int __pad;
} pthread_cond_t;

typedef struct {
    int __clock;
    int __pshared;
} pthread_condattr_t;

typedef volatile int pthread_once_t;
typedef unsigned int pthread_key_t;

#define PTHREAD_MUTEX_INITIALIZER { 0, 0, 0, 0, 0 }
#define PTHREAD_COND_INITIALIZER  { 0, 0, 0, 0 }
#define PTHREAD_ONCE_INIT         0

#define PTHREAD_CREATE_JOINABLE 0
#define PTHREAD_CREATE_DETACHED 1

#define PTHREAD_MUTEX_NORMAL     0
#define PTHREAD_MUTEX_RECURSIVE  1
#define PTHREAD_MUTEX_ERRORCHECK 2
#define PTHREAD_MUTEX_DEFAULT    PTHREAD_MUTEX_NORMAL

#define PTHREAD_PROCESS_PRIVATE 0
#define PTHREAD_PROCESS_SHARED  1

#define PTHREAD_KEYS_MAX              128
#define PTHREAD_DESTRUCTOR_ITERATIONS 4
#define PTHREAD_STACK_MIN             16384

/* Threads */
int pthread_create(pthread_t *restrict thread, const pthread_attr_t *restrict attr,
                   void *(*start)(void *), void *restrict arg);
int pthread_join(pthread_t thread, void **result);
int pthread_detach(pthread_t thread);
_Noreturn void pthread_exit(void *result);
pthread_t pthread_self(void);
int pthread_equal(pthread_t a, pthread_t b);
int pthread_kill(pthread_t thread, int sig);
int pthread_sigmask(int how, const sigset_t *restrict set, sigset_t *restrict old);
int pthread_setname_np(pthread_t thread, const char *name);
int pthread_getname_np(pthread_t thread, char *name, size_t len);

int pthread_attr_init(pthread_attr_t *attr);
int pthread_attr_destroy(pthread_attr_t *attr);
int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size);
int pthread_attr_getstacksize(const pthread_attr_t *restrict attr, size_t *restrict size);
int pthread_attr_setguardsize(pthread_attr_t *attr, size_t size);
int pthread_attr_getguardsize(const pthread_attr_t *restrict attr, size_t *restrict size);
int pthread_attr_setdetachstate(pthread_attr_t *attr, int state);
int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state);

/* Mutexes */
int pthread_mutex_init(pthread_mutex_t *restrict m, const pthread_mutexattr_t *restrict attr);
int pthread_mutex_destroy(pthread_mutex_t *m);
int pthread_mutex_lock(pthread_mutex_t *m);
int pthread_mutex_trylock(pthread_mutex_t *m);
int pthread_mutex_timedlock(pthread_mutex_t *restrict m, const struct timespec *restrict abstime);
int pthread_mutex_unlock(pthread_mutex_t *m);

int pthread_mutexattr_init(pthread_mutexattr_t *attr);
int pthread_mutexattr_destroy(pthread_mutexattr_t *attr);
int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int type);
int pthread_mutexattr_gettype(const pthread_mutexattr_t *restrict attr, int *restrict type);
int pthread_mutexattr_setpshared(pthread_mutexattr_t *attr, int pshared);
int pthread_mutexattr_getpshared(const pthread_mutexattr_t *restrict attr, int *restrict pshared);

/* Condition variables */
int pthread_cond_init(pthread_cond_t *restrict c, const pthread_condattr_t *restrict attr);
int pthread_cond_destroy(pthread_cond_t *c);
int pthread_cond_wait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m);
int pthread_cond_timedwait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m,
                           const struct timespec *restrict abstime);
int pthread_cond_signal(pthread_cond_t *c);
int pthread_cond_broadcast(pthread_cond_t *c);

int pthread_condattr_init(pthread_condattr_t *attr);
int pthread_condattr_destroy(pthread_condattr_t *attr);
int pthread_condattr_setclock(pthread_condattr_t *attr, clockid_t clock);
int pthread_condattr_getclock(const pthread_condattr_t *restrict attr, clockid_t *restrict clock);
int pthread_condattr_setpshared(pthread_condattr_t *attr, int pshared);
int pthread_condattr_getpshared(const pthread_condattr_t *restrict attr, int *restrict pshared);

/* Once, and thread-specific data */
int pthread_once(pthread_once_t *once, void (*fn)(void));
int pthread_key_create(pthread_key_t *key, void (*destructor)(void *));
int pthread_key_delete(pthread_key_t key);
void *pthread_getspecific(pthread_key_t key);
int pthread_setspecific(pthread_key_t key, const void *value);

#endif
