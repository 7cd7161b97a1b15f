/*
 * ipc: processes must ask the kernel to share anything; threads share
 * everything and must lock (claim T7; docs/threads.md).
 *
 *      ipc
 *
 * 1. Processes. Each has its own memory, so by default nothing is shared
 *    and nothing needs a lock.
 *      - A pipe: a child computes a sum and writes it into a pipe; we read
 *        it. The bytes go through the kernel: copied in, copied out.
 *      - Private memory: two children each add to a global variable. We
 *        still see 0: each added to its own copy.
 *      - Shared memory: mmap(MAP_SHARED | MAP_ANONYMOUS) before fork gives
 *        parent and children the same physical pages. Once memory is
 *        shared, processes need a lock like threads do: a mutex made
 *        PTHREAD_PROCESS_SHARED lives in that memory, and its futex works
 *        across processes.
 *
 * 2. Threads. All memory is shared, so two threads that add to one counter
 *    race: "counter = counter + 1" is a load, an add and a store, and if
 *    the other thread stores in between, one of the two updates is lost.
 *      - With a pthread mutex around it: exact.
 *      - Without, and with sched_yield() between the load and the store
 *        to let the other thread run right there: about half the updates
 *        are lost, every time.
 *      - Without, and without the yield: on one CPU with a 10 ms tick, a
 *        thread is rarely preempted exactly between its load and its store,
 *        so few or no updates are lost. The bug is there all the same (on
 *        several CPUs the threads run at the same time and collide often).
 *
 * The last line is "ipc: ok" (exit 0) or "ipc: FAILED: why".
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define YIELD_ADDS 1000             /* per thread or process, with a yield inside */
#define PLAIN_ADDS 1000000          /* per thread, the plain race */

/* counter = counter + 1, spelled out: load, (maybe let the others run),
 * store. With m, the whole of it is under the lock. */
static void add_one(volatile long *counter, pthread_mutex_t *m, int yield)
{
    if (m)
        pthread_mutex_lock(m);
    long v = *counter;              /* load */
    if (yield)
        sched_yield();              /* the other side runs here ... */
    *counter = v + 1;               /* ... and this store may undo its work */
    if (m)
        pthread_mutex_unlock(m);
}

/* ---- 1. processes ---------------------------------------------------------- */

static volatile long private_counter;

struct shared {
    pthread_mutex_t lock;           /* PTHREAD_PROCESS_SHARED */
    volatile long counter;
};

static int processes(char *why, size_t whylen)
{
    printf("1. Processes: each has its own memory; they share only what they ask for.\n");

    /* A pipe. */
    int fds[2];
    pipe(fds);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        long sum = 0;
        for (int i = 1; i <= 1000; i++)
            sum += i;
        char msg[32];
        int n = snprintf(msg, sizeof msg, "%ld", sum);
        write(fds[1], msg, (size_t)n);
        _exit(0);
    }
    close(fds[1]);
    char got[32] = "";
    ssize_t n = read(fds[0], got, sizeof got - 1);
    got[n > 0 ? n : 0] = '\0';
    close(fds[0]);
    waitpid(pid, NULL, 0);
    printf("   pipe: child %d computed 1+2+...+1000 and wrote it into a pipe; we read \"%s\"\n",
           pid, got);

    /* Private memory, and a MAP_SHARED mapping with a process-shared mutex. */
    struct shared *sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE,
                             MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (sh == MAP_FAILED) {
        snprintf(why, whylen, "mmap MAP_SHARED: %s", strerror(errno));
        return -1;
    }
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
    pthread_mutex_init(&sh->lock, &attr);
    sh->counter = 0;
    fflush(stdout);
    pid_t kids[2];
    for (int k = 0; k < 2; k++) {
        if ((kids[k] = fork()) == 0) {
            for (int i = 0; i < YIELD_ADDS; i++) {
                add_one(&private_counter, NULL, 0);     /* our own copy */
                add_one(&sh->counter, &sh->lock, 1);    /* the shared page */
            }
            _exit(0);
        }
    }
    for (int k = 0; k < 2; k++)
        waitpid(kids[k], NULL, 0);
    printf("   private memory: 2 children each added %d to a global; here it is %ld: each\n"
           "   added to its own copy (nothing shared, nothing to lock)\n", YIELD_ADDS,
           private_counter);
    printf("   MAP_SHARED memory: 2 children each added %d to a counter in a shared mapping,\n"
           "   under a process-shared mutex (and yielding inside it): %ld (expected %d)\n",
           YIELD_ADDS, sh->counter, 2 * YIELD_ADDS);

    int ok = 1;
    if (strcmp(got, "500500") != 0)
        snprintf(why, whylen, "the pipe brought \"%s\"", got), ok = 0;
    else if (private_counter != 0)
        snprintf(why, whylen, "the children's private writes reached us"), ok = 0;
    else if (sh->counter != 2 * YIELD_ADDS)
        snprintf(why, whylen, "shared counter %ld, expected %d", sh->counter, 2 * YIELD_ADDS),
            ok = 0;
    munmap(sh, sizeof *sh);
    return ok ? 0 : -1;
}

/* ---- 2. threads ------------------------------------------------------------ */

static volatile long counter;
static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;

struct how {
    int n;                          /* additions per thread */
    int locked, yield;
};

static void *adder(void *arg)
{
    struct how *h = arg;
    for (int i = 0; i < h->n; i++)
        add_one(&counter, h->locked ? &counter_lock : NULL, h->yield);
    return NULL;
}

/* Two threads, n additions each; returns the final count. */
static long race(int n, int locked, int yield)
{
    struct how h = { n, locked, yield };
    counter = 0;
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, adder, &h);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return counter;
}

static int threads(char *why, size_t whylen)
{
    printf("2. Threads: one memory, so a shared counter needs a lock.\n");
    printf("   2 threads x %d additions, each \"load; sched_yield(); store\":\n", YIELD_ADDS);
    long locked = race(YIELD_ADDS, 1, 1);
    printf("     with a pthread mutex:  %ld (expected %d)\n", locked, 2 * YIELD_ADDS);
    long unlocked = race(YIELD_ADDS, 0, 1);
    printf("     without a mutex:       %ld (%ld updates lost: the other thread stored in\n"
           "                            between our load and our store)\n", unlocked,
           2L * YIELD_ADDS - unlocked);
    long plain = race(PLAIN_ADDS, 0, 0);
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    printf("   2 threads x %d plain counter++ (load, add, store), no mutex, no yield:\n"
           "     %ld (%ld updates lost)\n", PLAIN_ADDS, plain, 2L * PLAIN_ADDS - plain);
    if (plain == 2L * PLAIN_ADDS && ncpu == 1)
        printf("     No loss this time: with one CPU and a 10 ms tick, a thread is rarely\n"
               "     preempted between its load and its store. The race is still there.\n");
    else
        printf("     The race, caught in the act without any help.\n");

    if (locked != 2 * YIELD_ADDS)
        snprintf(why, whylen, "with the mutex: %ld, expected %d", locked, 2 * YIELD_ADDS);
    else if (unlocked >= 2 * YIELD_ADDS)
        snprintf(why, whylen, "no update lost without the mutex, despite the yields");
    return why[0] ? -1 : 0;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    char why[200] = "";
    if (processes(why, sizeof why) == 0)
        threads(why, sizeof why);
    if (why[0]) {
        printf("ipc: FAILED: %s\n", why);
        return 1;
    }
    printf("ipc: ok\n");
    return 0;
}
