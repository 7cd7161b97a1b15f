/*
 * wait.c: wait queues (see wait.h). Timed sleeps are in timer.c.
 */
#include "wait.h"

void wait_queue_init(struct wait_queue *wq, const char *name)
{
    spin_init(&wq->lock, name);
    list_init(&wq->sleepers);
    wq->name = name;
}

void prepare_to_wait(struct wait_queue *wq, int state)
{
    struct thread *t = current;
    spin_lock(&wq->lock);
    if (list_empty(&t->wait.link))
        list_add_tail(&t->wait.link, &wq->sleepers);
    t->wchan = wq->name;
    t->state = (enum thread_state)state;    /* under wq->lock: wake_up sees it */
    spin_unlock(&wq->lock);
}

void finish_wait(struct wait_queue *wq)
{
    struct thread *t = current;
    t->state = TASK_RUNNING;
    spin_lock(&wq->lock);
    if (!list_empty(&t->wait.link))
        list_del(&t->wait.link);
    t->wchan = NULL;
    spin_unlock(&wq->lock);
}

static void wake(struct wait_queue *wq, bool all)
{
    spin_lock(&wq->lock);
    struct wait_entry *e, *tmp;
    list_for_each_entry_safe(e, tmp, &wq->sleepers, link) {
        struct thread *t = e->thread;
        /* Stay on the queue until finish_wait(): the sleeper may find its
         * condition still false and go back to sleep without re-adding.
         * wake_up_one skips sleepers already woken but not yet running, so
         * that the one wakeup is not spent on them. */
        if (!all && t->state == TASK_RUNNING)
            continue;
        wake_up_thread(t);
        if (!all)
            break;
    }
    spin_unlock(&wq->lock);
}

void wake_up(struct wait_queue *wq)
{
    wake(wq, true);
}

void wake_up_one(struct wait_queue *wq)
{
    wake(wq, false);
}

void add_wait_queue(struct wait_queue *wq, struct wait_entry *e)
{
    spin_lock(&wq->lock);
    list_add_tail(&e->link, &wq->sleepers);
    spin_unlock(&wq->lock);
}

void remove_wait_queue(struct wait_queue *wq, struct wait_entry *e)
{
    spin_lock(&wq->lock);
    list_del(&e->link);
    spin_unlock(&wq->lock);
}
