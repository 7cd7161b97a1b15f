/*
 * mutex.c: sleeping locks (see mutex.h).
 */
#include "mutex.h"
#include "kprintf.h"
#include "sched.h"

void mutex_init(struct mutex *m, const char *name)
{
    spin_init(&m->lock, name);
    m->locked = false;
    m->owner = NULL;
    wait_queue_init(&m->waiters, name);
}

/* Take it if free. With m->lock held. */
static bool try_take(struct mutex *m)
{
    if (m->locked)
        return false;
    m->locked = true;
    m->owner = current;
    return true;
}

static int lock_common(struct mutex *m, bool interruptible)
{
    spin_lock(&m->lock);
    if (m->owner == current)
        panic("mutex_lock: %s already held by this thread", m->lock.name);
    int err = 0;
    if (interruptible)
        err = wait_event_interruptible_locked(&m->waiters, try_take(m), &m->lock);
    else
        wait_event_locked(&m->waiters, try_take(m), &m->lock);
    spin_unlock(&m->lock);
    return err;
}

void mutex_lock(struct mutex *m)
{
    lock_common(m, false);
}

int mutex_lock_interruptible(struct mutex *m)
{
    return lock_common(m, true);
}

bool mutex_trylock(struct mutex *m)
{
    spin_lock(&m->lock);
    bool got = try_take(m);
    spin_unlock(&m->lock);
    return got;
}

void mutex_unlock(struct mutex *m)
{
    spin_lock(&m->lock);
    if (m->owner != current)
        panic("mutex_unlock: %s not held by this thread", m->lock.name);
    m->locked = false;
    m->owner = NULL;
    spin_unlock(&m->lock);
    wake_up_one(&m->waiters);
}
