/*
 * sched.c: the M:N scheduler: N worker threads take tasks from one
 * shared run queue (<mn.h> says what it is for).
 *
 * The run queue is a FIFO list under one mutex; idle workers sleep on a
 * condition variable (a futex) until a task is queued. Each worker runs
 * this loop on its own thread stack:
 *
 *      take the first task of the queue        (sleep while it is empty)
 *      coro_resume(task)                       run it until it switches out
 *      then, by what the task did:
 *        finished       -> free it; the last one wakes mn_run
 *        parked         -> release the lock it handed us (park_unlock);
 *                          whoever wakes it will queue it again
 *        yielded        -> back to the end of the queue
 *
 * A switch between tasks is therefore two coroutine switches (task ->
 * worker loop -> next task), all in user mode. Go's scheduler has one run
 * queue per P (per CPU) plus work stealing, so workers rarely touch a
 * shared lock; one queue keeps this readable and is fine for a few CPUs.
 *
 * Parking without losing a wake-up: a task that waits on a channel puts
 * itself on the channel's wait list with the channel locked, then must
 * get off its stack before anybody may resume it. If it unlocked the
 * channel first, another worker could find it on the list and resume it
 * while it is still running: two threads on one stack. So it does not
 * unlock: it hands the lock to its worker (park_unlock) and switches
 * out; the worker unlocks once the task's registers are safely saved.
 * Go's gopark() does the same with its unlockf callback.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <unistd.h>

#include "mn_impl.h"

static struct {
    pthread_mutex_t lock;           /* guards everything below */
    pthread_cond_t work;            /* idle workers wait here */
    pthread_cond_t all_done;        /* mn_run waits here */
    struct mn_task *head, *tail;    /* the run queue */
    long live;                      /* tasks spawned and not yet finished */
    int quit;                       /* mn_run: workers, stop when idle */
    int nworkers;
    pthread_t *workers;
} rt = { .lock = PTHREAD_MUTEX_INITIALIZER, .work = PTHREAD_COND_INITIALIZER,
        .all_done = PTHREAD_COND_INITIALIZER };

static __thread struct mn_task *running;    /* this worker's current task */

struct mn_task *__mn_current(void)
{
    return running;
}

int mn_in_task(void)
{
    return running != NULL;
}

int mn_workers(void)
{
    pthread_mutex_lock(&rt.lock);
    int n = rt.nworkers;
    pthread_mutex_unlock(&rt.lock);
    return n;
}

/* Append to the run queue; rt.lock held. */
static void enqueue(struct mn_task *t)
{
    t->next = NULL;
    if (rt.tail)
        rt.tail->next = t;
    else
        rt.head = t;
    rt.tail = t;
}

static struct mn_task *dequeue(void)
{
    struct mn_task *t = rt.head;
    if (t && !(rt.head = t->next))
        rt.tail = NULL;
    return t;
}

void __mn_ready(struct mn_task *t)
{
    pthread_mutex_lock(&rt.lock);
    enqueue(t);
    pthread_cond_signal(&rt.work);  /* an idle worker, if any, takes it */
    pthread_mutex_unlock(&rt.lock);
}

static void *worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&rt.lock);
    for (;;) {
        struct mn_task *t;
        while (!(t = dequeue()) && !rt.quit)
            pthread_cond_wait(&rt.work, &rt.lock);   /* idle: sleep in the kernel */
        if (!t)
            break;                                    /* quit, and nothing to run */
        pthread_mutex_unlock(&rt.lock);

        running = t;
        t->park_unlock = NULL;
        coro_resume(t->co);                           /* until it switches out */
        running = NULL;

        if (coro_done(t->co)) {
            coro_free(t->co);
            free(t);
            pthread_mutex_lock(&rt.lock);
            if (--rt.live == 0)
                pthread_cond_broadcast(&rt.all_done);
        } else if (t->park_unlock) {
            /* Parked: it is off its stack now, so it may be found and
             * woken. (t may be running elsewhere from here on.) */
            pthread_mutex_unlock(t->park_unlock);
            pthread_mutex_lock(&rt.lock);
        } else {
            pthread_mutex_lock(&rt.lock);             /* yielded: requeue */
            enqueue(t);
        }
    }
    pthread_mutex_unlock(&rt.lock);
    return NULL;
}

int mn_init(int nworkers)
{
    if (nworkers < 0) {
        errno = EINVAL;
        return -1;
    }
    if (nworkers == 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        nworkers = n > 0 ? (int)n : 1;
    }
    pthread_mutex_lock(&rt.lock);
    if (rt.nworkers) {
        pthread_mutex_unlock(&rt.lock);
        errno = EBUSY;
        return -1;
    }
    rt.workers = calloc((size_t)nworkers, sizeof *rt.workers);
    if (!rt.workers) {
        pthread_mutex_unlock(&rt.lock);
        return -1;
    }
    rt.quit = 0;
    int n = 0, err = 0;
    while (n < nworkers && !(err = pthread_create(&rt.workers[n], NULL, worker, NULL)))
        n++;
    rt.nworkers = n;
    pthread_mutex_unlock(&rt.lock);
    if (n == 0) {
        free(rt.workers);
        rt.workers = NULL;
        errno = err;
        return -1;
    }
    return 0;                       /* fewer workers than asked is still a runtime */
}

/* The coroutine body of every task. */
static void task_main(void *arg)
{
    struct mn_task *t = arg;
    t->fn(t->arg);
}

int mn_spawn(void (*fn)(void *), void *arg)
{
    if (!mn_workers() && mn_init(0) < 0 && errno != EBUSY)
        return -1;
    struct mn_task *t = malloc(sizeof *t);
    if (!t)
        return -1;
    t->fn = fn;
    t->arg = arg;
    t->park_unlock = NULL;
    if (!(t->co = coro_create(task_main, t, 0))) {
        free(t);
        return -1;
    }
    pthread_mutex_lock(&rt.lock);
    rt.live++;
    enqueue(t);
    pthread_cond_signal(&rt.work);
    pthread_mutex_unlock(&rt.lock);
    return 0;
}

void mn_yield(void)
{
    struct mn_task *t = running;
    if (!t) {
        sched_yield();              /* a plain thread: let the kernel choose */
        return;
    }
    t->park_unlock = NULL;          /* not parking: the worker requeues us */
    coro_yield();
}

void __mn_park(struct mn_task *t, pthread_mutex_t *held)
{
    t->park_unlock = held;          /* the worker unlocks it, then forgets us */
    coro_yield();
    /* Woken by __mn_ready, maybe on another worker; `held` is unlocked. */
}

int mn_run(void)
{
    if (running) {
        errno = EDEADLK;            /* a task would wait for itself */
        return -1;
    }
    pthread_mutex_lock(&rt.lock);
    if (!rt.nworkers) {
        pthread_mutex_unlock(&rt.lock);
        return 0;                   /* never started: nothing to wait for */
    }
    while (rt.live > 0)
        pthread_cond_wait(&rt.all_done, &rt.lock);
    rt.quit = 1;
    pthread_cond_broadcast(&rt.work);
    int n = rt.nworkers;
    pthread_t *workers = rt.workers;
    pthread_mutex_unlock(&rt.lock);

    for (int i = 0; i < n; i++)
        pthread_join(workers[i], NULL);

    pthread_mutex_lock(&rt.lock);
    free(workers);
    rt.workers = NULL;
    rt.nworkers = 0;
    rt.quit = 0;
    pthread_mutex_unlock(&rt.lock);
    return 0;
}
