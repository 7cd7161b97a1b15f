/*
 * chan.c: channels, Go's way for tasks to hand each other values and to
 * wait for each other (<mn.h>).
 *
 * A channel is a ring buffer of `cap` values plus two wait lists, all
 * under one mutex:
 *
 *      recvq: receivers waiting for a value     (the buffer is empty)
 *      sendq: senders waiting with a value      (the buffer is full, or
 *                                                cap == 0 and no receiver)
 *
 * A sender first looks for a waiting receiver and hands the value over
 * directly; else it puts the value in the buffer if there is room; else
 * it waits in sendq. A receiver takes from the buffer (and refills it
 * from the first waiting sender, so order is kept); else takes directly
 * from a waiting sender; else waits in recvq. This is Go's chansend /
 * chanrecv (runtime/chan.go), minus select.
 *
 * Who waits: a task parks (its worker goes on with other tasks, see
 * __mn_park in sched.c); a plain thread sleeps on a futex in its waiter
 * record. Either way the waiter record lives on the waiter's own stack,
 * which stays put while it waits.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>

#include "futex.h"
#include "mn_impl.h"

struct waiter {
    struct waiter *next;
    struct mn_task *task;           /* the waiting task, or NULL: a thread */
    volatile int woken;             /* a thread sleeps on this futex word */
    int ok;                         /* 1: value delivered, 0: channel closed */
    void *value;                    /* what is sent, or what was received */
};

struct wait_list {
    struct waiter *head, *tail;
};

struct mn_chan {
    pthread_mutex_t lock;
    size_t cap, count, first;       /* ring buffer: count values from first */
    int closed;
    struct wait_list recvq, sendq;
    void *buf[];
};

struct mn_chan *mn_chan_new(size_t cap)
{
    if (cap > ((size_t)1 << 32)) {
        errno = EINVAL;
        return NULL;
    }
    struct mn_chan *ch = calloc(1, sizeof *ch + cap * sizeof(void *));
    if (!ch)
        return NULL;
    pthread_mutex_init(&ch->lock, NULL);
    ch->cap = cap;
    return ch;
}

void mn_chan_free(struct mn_chan *ch)
{
    free(ch);
}

static void push(struct wait_list *q, struct waiter *w)
{
    w->next = NULL;
    if (q->tail)
        q->tail->next = w;
    else
        q->head = w;
    q->tail = w;
}

static struct waiter *pop(struct wait_list *q)
{
    struct waiter *w = q->head;
    if (w && !(q->head = w->next))
        q->tail = NULL;
    return w;
}

/* Wait until wake() is called on w. The channel is locked on entry and
 * unlocked on return. */
static void wait_on(struct mn_chan *ch, struct waiter *w)
{
    if (w->task) {
        __mn_park(w->task, &ch->lock);  /* the worker unlocks ch for us */
        return;
    }
    pthread_mutex_unlock(&ch->lock);
    while (!__atomic_load_n(&w->woken, __ATOMIC_ACQUIRE))
        __futex_wait(&w->woken, 0, 0, 1);
}

/* The channel is locked. After this, w may be gone (its owner runs on). */
static void wake(struct waiter *w, int ok)
{
    w->ok = ok;
    if (w->task) {
        __mn_ready(w->task);
        return;
    }
    __atomic_store_n(&w->woken, 1, __ATOMIC_RELEASE);
    __futex_wake(&w->woken, 1, 1);
}

int mn_chan_send(struct mn_chan *ch, void *value)
{
    pthread_mutex_lock(&ch->lock);
    if (ch->closed) {
        pthread_mutex_unlock(&ch->lock);
        errno = EPIPE;
        return -1;
    }
    struct waiter *r = pop(&ch->recvq);
    if (r) {                                    /* a receiver is waiting: hand over */
        r->value = value;
        wake(r, 1);
        pthread_mutex_unlock(&ch->lock);
        return 0;
    }
    if (ch->count < ch->cap) {                  /* room in the buffer */
        ch->buf[(ch->first + ch->count++) % ch->cap] = value;
        pthread_mutex_unlock(&ch->lock);
        return 0;
    }
    struct waiter w = { .task = __mn_current(), .value = value };
    push(&ch->sendq, &w);
    wait_on(ch, &w);                            /* until a receiver takes it */
    if (!w.ok) {
        errno = EPIPE;                          /* closed while we waited */
        return -1;
    }
    return 0;
}

int mn_chan_recv(struct mn_chan *ch, void **value)
{
    pthread_mutex_lock(&ch->lock);
    if (ch->count > 0) {                        /* take the oldest value */
        *value = ch->buf[ch->first];
        ch->first = (ch->first + 1) % ch->cap;
        ch->count--;
        struct waiter *s = pop(&ch->sendq);
        if (s) {                                /* a sender waits: its value joins */
            ch->buf[(ch->first + ch->count++) % ch->cap] = s->value;
            wake(s, 1);
        }
        pthread_mutex_unlock(&ch->lock);
        return 1;
    }
    struct waiter *s = pop(&ch->sendq);
    if (s) {                                    /* unbuffered: straight from a sender */
        *value = s->value;
        wake(s, 1);
        pthread_mutex_unlock(&ch->lock);
        return 1;
    }
    if (ch->closed) {
        pthread_mutex_unlock(&ch->lock);
        return 0;
    }
    struct waiter w = { .task = __mn_current() };
    push(&ch->recvq, &w);
    wait_on(ch, &w);                            /* until a sender hands us one */
    if (!w.ok)
        return 0;                               /* closed */
    *value = w.value;
    return 1;
}

void mn_chan_close(struct mn_chan *ch)
{
    pthread_mutex_lock(&ch->lock);
    ch->closed = 1;
    struct waiter *w;
    while ((w = pop(&ch->recvq)))
        wake(w, 0);
    while ((w = pop(&ch->sendq)))
        wake(w, 0);
    pthread_mutex_unlock(&ch->lock);
}
