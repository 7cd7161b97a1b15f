/*
 * pthread.c: creating, ending and joining threads.
 *
 * A new thread gets one anonymous mapping that holds everything it owns:
 *
 *   map_base                                                    map_base+map_size
 *   | guard page |  stack (grows down) ...      | TLS block | TCB | tsd slots |
 *   | PROT_NONE  |                          <-- sp ^          ^ thread pointer
 *
 *   - the stack: 8 MiB of *address space* by default, as on Linux. The
 *     kernel pages it in on first touch (demand paging), so a thread that
 *     uses 3 pages of stack costs 3 pages of memory, not 8 MiB. The guard
 *     page below it turns a stack overflow into a SIGSEGV instead of a
 *     silent write into whatever lies below.
 *   - the TLS block and TCB: a copy of the program's PT_TLS template
 *     (.tdata, then zeros for .tbss) ending at the thread pointer, and the
 *     TCB there, whose first word points to itself: the same "variant II"
 *     layout start/tls.c builds for the main thread. clone(CLONE_SETTLS)
 *     makes it the new thread's FS base, so `__thread` variables (errno
 *     among them) are the thread's own from its first instruction.
 *   - the thread-specific data slots (pthread_setspecific, key.c).
 *
 * The thread is made by clone() with the flags that mean "share"
 * (claim T8: a thread is a process that shares everything):
 *
 *   CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND   memory, cwd, fds, handlers
 *   CLONE_THREAD | CLONE_SYSVSEM                        same process (getpid)
 *   CLONE_SETTLS                                        FS base = its TCB
 *   CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID          the tid word, below
 *
 * Joining uses the tid word in the TCB: the kernel writes the new tid
 * there before clone() returns (PARENT_SETTID), and when the thread has
 * exited it writes 0 and does a FUTEX_WAKE on it (CHILD_CLEARTID). So
 * pthread_join is "sleep on the word until it is 0" and then it may free
 * the mapping: the kernel will never touch that stack again.
 *
 * A detached thread frees its own mapping on its way out (__unmapself).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "futex.h"
#include "lock.h"
#include "pthread_impl.h"
#include "syscall.h"

#define DEFAULT_STACK (8ul << 20)       /* 8 MiB, like Linux's ulimit -s */
#define DEFAULT_GUARD 4096ul

/* Threads alive, the main thread included: the last one to call
 * pthread_exit ends the process with exit(0), as POSIX says. Zero means
 * "no thread was ever created": then there is just the main thread. */
static int live_threads;

static size_t page_round(size_t n)
{
    size_t pg = __libc.page_size;
    return (n + pg - 1) & ~(pg - 1);
}

/* The first pthread_create: let the kernel clear the main thread's tid
 * word at its exit too, so other threads can join the main thread. */
static void init_main_thread(void)
{
    struct tcb *self = __tcb_self();
    self->tid = (int)__syscall1(__NR_set_tid_address, &self->tid);
    __atomic_store_n(&live_threads, 1, __ATOMIC_RELAXED);
}

/* The new thread's first C function (called by __clone on its stack). */
static int thread_start(void *arg)
{
    struct tcb *self = arg;
    pthread_exit(self->start(self->arg));
}

int pthread_create(pthread_t *restrict out, const pthread_attr_t *restrict attr,
                   void *(*start)(void *), void *restrict arg)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, init_main_thread);

    size_t stack = attr && attr->__stacksize ? attr->__stacksize : DEFAULT_STACK;
    size_t guard = page_round(attr ? attr->__guardsize : DEFAULT_GUARD);
    stack = page_round(stack);

    /* The top part: TLS block + TCB + tsd slots, with room to align the
     * thread pointer as strictly as the TLS segment asks. */
    size_t align = __libc.tls_align;
    size_t top = page_round(__libc.tls_size + align + sizeof(struct tcb) +
                            PTHREAD_KEYS_MAX * sizeof(struct tsd_slot));
    size_t size = guard + stack + top;

    /* One mapping for all of it. MAP_NORESERVE: only the pages the thread
     * touches cost memory; MAP_STACK says what it is for (/proc maps). A
     * fresh anonymous mapping is zero, which is what .tbss, the TCB and
     * the slots must start as. */
    unsigned char *base = mmap(NULL, size, PROT_READ | PROT_WRITE,
                               MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK | MAP_NORESERVE, -1, 0);
    if (base == MAP_FAILED)
        return EAGAIN;
    if (guard && mprotect(base, guard, PROT_NONE) < 0) {
        munmap(base, size);
        return EAGAIN;
    }

    unsigned char *end = base + size;
    struct tsd_slot *tsd = (struct tsd_slot *)(end - PTHREAD_KEYS_MAX * sizeof *tsd);
    uintptr_t tp = ((uintptr_t)tsd - sizeof(struct tcb)) & ~(uintptr_t)(align - 1);
    unsigned char *tls = (unsigned char *)tp - __libc.tls_size;
    if (__libc.tls_filesz)
        memcpy(tls, __libc.tls_image, __libc.tls_filesz);   /* .tdata; .tbss is zero */

    struct tcb *t = (struct tcb *)tp;
    t->self = t;
    t->start = start;
    t->arg = arg;
    t->map_base = base;
    t->map_size = size;
    t->tsd = tsd;
    t->detach_state = attr && attr->__detached ? DT_DETACHED : DT_JOINABLE;

    __atomic_add_fetch(&live_threads, 1, __ATOMIC_RELAXED);
    unsigned long flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
                          CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID |
                          CLONE_CHILD_CLEARTID;
    /* The stack starts just below the TLS block. */
    int tid = __clone(thread_start, tls, flags, t, &t->tid, t, &t->tid);
    if (tid < 0) {
        __atomic_sub_fetch(&live_threads, 1, __ATOMIC_RELAXED);
        munmap(base, size);
        return -tid == EINVAL ? EINVAL : EAGAIN;
    }
    *out = (pthread_t)t;
    return 0;
}

_Noreturn void pthread_exit(void *result)
{
    struct tcb *self = __tcb_self();
    self->result = result;
    __pthread_tsd_run_dtors();

    /* The last thread out ends the process, running the atexit handlers
     * and flushing stdio (the kernel alone would just end it). */
    if (__atomic_sub_fetch(&live_threads, 1, __ATOMIC_ACQ_REL) <= 0) {
        __atomic_store_n(&live_threads, 1, __ATOMIC_RELAXED);
        exit(0);
    }

    int expect = DT_JOINABLE;
    if (!__atomic_compare_exchange_n(&self->detach_state, &expect, DT_EXITING, 0,
                                     __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE) &&
        expect == DT_DETACHED && self->map_base) {
        /* Detached: nobody will join us, so we free our own mapping.
         * No signal handler may run from here on (it would need the
         * stack), and the kernel must not write our tid word at exit
         * (it would be unmapped, or worse, reused by then). */
        sigset_t all;
        sigfillset(&all);
        __syscall4(__NR_rt_sigprocmask, SIG_BLOCK, &all, 0, 8);
        __syscall1(__NR_set_tid_address, 0);
        __unmapself(self->map_base, self->map_size);
    }
    /* Joinable: the joiner frees the mapping once the kernel has
     * cleared our tid word, which it does after we stop using the stack. */
    for (;;)
        __syscall1(__NR_exit, 0);
}

int pthread_join(pthread_t thread, void **result)
{
    struct tcb *t = tcb_of(thread);
    if (t == __tcb_self())
        return EDEADLK;
    if (__atomic_load_n(&t->detach_state, __ATOMIC_ACQUIRE) == DT_DETACHED)
        return EINVAL;
    /* Sleep until the kernel clears the tid word (CLONE_CHILD_CLEARTID).
     * Not a "private" futex wait: Linux's wake at thread exit is a plain
     * FUTEX_WAKE, and on Linux private and shared waiters on the same
     * word have different keys, so a private waiter would never hear it.
     * (weft's kernel wakes both kinds, kernel/proc/futex.c.) */
    int tid;
    while ((tid = __atomic_load_n(&t->tid, __ATOMIC_ACQUIRE)) != 0)
        __futex_wait(&t->tid, tid, 0, 0);
    if (result)
        *result = t->result;
    if (t->map_base)
        munmap(t->map_base, t->map_size);
    return 0;
}

int pthread_detach(pthread_t thread)
{
    struct tcb *t = tcb_of(thread);
    int expect = DT_JOINABLE;
    if (__atomic_compare_exchange_n(&t->detach_state, &expect, DT_DETACHED, 0, __ATOMIC_ACQ_REL,
                                    __ATOMIC_ACQUIRE))
        return 0;
    if (expect == DT_DETACHED)
        return EINVAL;
    /* It is already exiting and will not free itself: clean up after it. */
    return pthread_join(thread, NULL);
}

/* fork() in a threaded process (the hook in unistd/proc.c). The child
 * has one thread, the caller; a lock held by any other thread at that
 * moment would stay locked in the child for ever. So fork holds the
 * malloc lock across the system call (no other thread is inside malloc
 * then), and the child starts with a fresh count and its own tid. The
 * same holds for every other lock (stdio streams, the caller's own
 * mutexes): POSIX allows only async-signal-safe calls in the child of a
 * threaded process before it execs, and glibc and musl go only a little
 * further than this. */
extern volatile int __malloc_lock;

void __fork_handler(int when)
{
    if (!__atomic_load_n(&live_threads, __ATOMIC_RELAXED))
        return;                         /* never had threads: nothing to do */
    if (when == 0) {
        __lock(&__malloc_lock);
    } else if (when == 1) {
        __unlock(&__malloc_lock);
    } else {
        __malloc_lock = 0;
        live_threads = 1;
        struct tcb *self = __tcb_self();
        self->tid = (int)__syscall0(__NR_gettid);
    }
}

pthread_t pthread_self(void)
{
    return (pthread_t)__tcb_self();
}

int pthread_equal(pthread_t a, pthread_t b)
{
    return a == b;
}

/* The main thread's tid is only known after the first pthread_create;
 * before that, gettid() is the answer (and the pid). */
static int tid_of(struct tcb *t)
{
    if (t == __tcb_self())
        return (int)__syscall0(__NR_gettid);
    return t->tid;
}

int pthread_kill(pthread_t thread, int sig)
{
    int tid = tid_of(tcb_of(thread));
    if (tid == 0)
        return ESRCH;                   /* it has exited */
    long r = __syscall3(__NR_tgkill, __syscall0(__NR_getpid), tid, sig);
    return r < 0 ? (int)-r : 0;
}

/* The signal mask is per thread in the kernel already: sigprocmask in a
 * threaded process is this. Errors are returned, not put in errno. */
int pthread_sigmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
    long r = __syscall4(__NR_rt_sigprocmask, how, set, old, 8);
    return r < 0 ? (int)-r : 0;
}

/* A thread's name (15 characters at most) is the kernel's `comm`, which
 * ps and /proc/PID/task/TID/comm show. prctl(PR_SET_NAME / PR_GET_NAME)
 * reads and sets the caller's; another thread's goes through its comm
 * file in /proc, as in musl and glibc. */
#define PR_SET_NAME 15
#define PR_GET_NAME 16

static int comm_open(pthread_t thread, int flags)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/self/task/%d/comm", tid_of(tcb_of(thread)));
    return open(path, flags | O_CLOEXEC);
}

int pthread_setname_np(pthread_t thread, const char *name)
{
    size_t n = strlen(name);
    if (n > 15)
        return ERANGE;
    if (tcb_of(thread) == __tcb_self())
        return (int)-__syscall2(__NR_prctl, PR_SET_NAME, name);
    int saved = errno, ret = 0;
    int fd = comm_open(thread, O_WRONLY);
    if (fd < 0 || write(fd, name, n) < 0)
        ret = errno;
    if (fd >= 0)
        close(fd);
    errno = saved;
    return ret;
}

int pthread_getname_np(pthread_t thread, char *name, size_t len)
{
    if (tcb_of(thread) == __tcb_self()) {
        char buf[16];
        long r = __syscall2(__NR_prctl, PR_GET_NAME, buf);
        if (r < 0)
            return (int)-r;
        buf[15] = '\0';
        if (strlen(buf) >= len)
            return ERANGE;
        strcpy(name, buf);
        return 0;
    }
    int saved = errno, ret = 0;
    int fd = comm_open(thread, O_RDONLY);
    ssize_t n = fd < 0 ? -1 : read(fd, name, len);
    if (n < 0)
        ret = errno;
    else if (n > 0 && name[n - 1] == '\n')
        name[n - 1] = '\0';             /* the whole line fitted: "name\n" */
    else if ((size_t)n == len)
        ret = ERANGE;                   /* cut short */
    else
        name[n] = '\0';
    if (fd >= 0)
        close(fd);
    errno = saved;
    return ret;
}

/* --- attributes ------------------------------------------------------- */

int pthread_attr_init(pthread_attr_t *attr)
{
    attr->__stacksize = DEFAULT_STACK;
    attr->__guardsize = DEFAULT_GUARD;
    attr->__detached = 0;
    return 0;
}

int pthread_attr_destroy(pthread_attr_t *attr)
{
    (void)attr;
    return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size)
{
    if (size < PTHREAD_STACK_MIN || size > SIZE_MAX / 4)
        return EINVAL;
    attr->__stacksize = size;
    return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t *restrict attr, size_t *restrict size)
{
    *size = attr->__stacksize;
    return 0;
}

int pthread_attr_setguardsize(pthread_attr_t *attr, size_t size)
{
    if (size > SIZE_MAX / 4)
        return EINVAL;
    attr->__guardsize = size;
    return 0;
}

int pthread_attr_getguardsize(const pthread_attr_t *restrict attr, size_t *restrict size)
{
    *size = attr->__guardsize;
    return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *attr, int state)
{
    if (state != PTHREAD_CREATE_JOINABLE && state != PTHREAD_CREATE_DETACHED)
        return EINVAL;
    attr->__detached = state;
    return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state)
{
    *state = attr->__detached;
    return 0;
}
