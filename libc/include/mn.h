/*
 * mn.h: a Go-like M:N runtime: many tasks (coroutines, "goroutines") run
 * on a few worker threads (kernel threads, one per CPU), claims C4 and T5.
 *
 *      static void hello(void *arg) { printf("task %ld\n", (long)arg); }
 *
 *      mn_init(0);                         // one worker per CPU
 *      for (long i = 0; i < 10000; i++)
 *          mn_spawn(hello, (void *)i);     // 10,000 tasks, N threads
 *      mn_run();                           // wait until all are done
 *
 * Tasks switch in user mode (coro.h): mn_yield() and a channel operation
 * that must wait put the task aside and let its worker run the next
 * task, without any system call. Only an idle worker (empty run queue)
 * sleeps in the kernel, on a futex.
 *
 * THE RULE FOR BLOCKING SYSTEM CALLS. A task that makes a blocking
 * system call (read() on an empty pipe, sleep(), waitpid()...) blocks its
 * whole worker thread: the kernel knows nothing of tasks and just puts
 * the thread to sleep. The other workers keep running the other tasks;
 * with one worker, everything stops until the call returns. Go avoids
 * this: before a goroutine enters a system call, its M (worker) hands its
 * P (the right to run Go code) to another M, creating one if needed, so
 * there are always GOMAXPROCS threads running goroutines, and the run
 * queue never waits on a blocked one (and network I/O goes through
 * epoll, so it does not block at all). This runtime does not, to stay
 * small: that needs a wrapper around every blocking call, a pool of
 * spare threads, and a monitor thread to notice calls that block. So:
 * keep blocking calls out of tasks, or start more workers than CPUs.
 *
 * Tasks can move from one worker to another at every yield or wait.
 * Thread-local things therefore change under a task's feet: do not keep
 * the address of a __thread variable (errno's included: read errno right
 * after the call that set it, before any yield) across mn_yield or a
 * channel operation, and do not hold a pthread mutex across one either.
 */
#ifndef _MN_H
#define _MN_H

#include <stddef.h>

/* Start nworkers worker threads (0: one per CPU, from
 * sysconf(_SC_NPROCESSORS_ONLN)). 0, or -1 with errno (EBUSY: already
 * running). mn_spawn calls mn_init(0) itself if nobody did. */
int mn_init(int nworkers);

/* A new task running fn(arg), queued to run. 0, or -1 with errno. */
int mn_spawn(void (*fn)(void *), void *arg);

/* Let the other tasks run: the caller goes to the back of the run
 * queue. Outside a task, sched_yield(). */
void mn_yield(void);

/* Wait until every task has finished, then stop the workers. The
 * runtime can be started again with mn_init. 0, or -1 with errno
 * (EDEADLK when called from a task). If the tasks wait for each other
 * for ever, so does mn_run (Go would report "all goroutines are asleep -
 * deadlock!"; this runtime does not look). */
int mn_run(void);

/* The number of worker threads (0 when not running). */
int mn_workers(void);

/* 1 when the caller is a task, 0 when it is a plain thread. */
int mn_in_task(void);

/*
 * Channels carry pointers (cast integers with (void *)(intptr_t)). With
 * cap == 0 a send waits for a receiver (a rendezvous, Go's unbuffered
 * channel); otherwise up to cap values wait in the channel. Tasks that
 * must wait park (their worker runs other tasks); plain threads (main,
 * say) may use channels too and then sleep on a futex.
 */
struct mn_chan;
struct mn_chan *mn_chan_new(size_t cap);
/* 0, or -1 with errno EPIPE if the channel is closed (Go panics). */
int mn_chan_send(struct mn_chan *ch, void *value);
/* 1 with *value set, or 0 when the channel is closed and empty. */
int mn_chan_recv(struct mn_chan *ch, void **value);
/* No more sends; waiting receivers get 0, waiting senders EPIPE. */
void mn_chan_close(struct mn_chan *ch);
/* Only when no task uses it any more. */
void mn_chan_free(struct mn_chan *ch);

#endif
