/*
 * timer.c: sleeping for a while.
 *
 * A thread that sleeps with a timeout puts itself on a list sorted by
 * wake-up time; every tick, timers_run() wakes those whose time has come.
 * Times have the tick's resolution (10 ms), as on a Linux kernel without
 * high-resolution timers.
 *
 * The same tick runs the per-process interval timers (alarm, setitimer
 * ITIMER_REAL), which send SIGALRM.
 */
#include "clock.h"
#include "proc.h"
#include "sched.h"
#include "signal.h"
#include "wait.h"

static LIST_HEAD(sleepers);        /* struct thread, by timer_link, earliest first */
static LIST_HEAD(alarms);          /* struct proc with an armed ITIMER_REAL */
static struct spinlock timer_lock = SPINLOCK_INIT("timers");

static void timer_add(struct thread *t)
{
    struct list_head *pos;
    list_for_each(pos, &sleepers) {
        struct thread *o = list_entry(pos, struct thread, timer_link);
        if (o->wake_at_ns > t->wake_at_ns)
            break;
    }
    list_add_tail(&t->timer_link, pos);
}

uint64_t schedule_timeout(uint64_t ns)
{
    struct thread *t = current;
    if (ns == 0) {
        schedule();
        return 0;
    }
    uint64_t deadline = add_sat(ktime_ns(), ns);
    spin_lock(&timer_lock);
    t->wake_at_ns = deadline;
    timer_add(t);
    spin_unlock(&timer_lock);

    schedule();                     /* the caller set TASK_INTERRUPTIBLE or D */

    spin_lock(&timer_lock);
    if (!list_empty(&t->timer_link))
        list_del(&t->timer_link);
    t->wake_at_ns = 0;
    spin_unlock(&timer_lock);
    uint64_t now = ktime_ns();
    return now < deadline ? deadline - now : 0;
}

void itimer_arm(struct proc *p, uint64_t value_ns, uint64_t interval_ns)
{
    spin_lock(&timer_lock);
    if (!list_empty(&p->alarm_link))
        list_del(&p->alarm_link);
    p->alarm_at_ns = value_ns ? add_sat(ktime_ns(), value_ns) : 0;
    p->alarm_interval_ns = interval_ns;
    if (value_ns)
        list_add_tail(&p->alarm_link, &alarms);
    spin_unlock(&timer_lock);
}

uint64_t itimer_remaining(struct proc *p, uint64_t *interval_ns)
{
    spin_lock(&timer_lock);
    uint64_t now = ktime_ns(), at = p->alarm_at_ns;
    if (interval_ns)
        *interval_ns = p->alarm_interval_ns;
    spin_unlock(&timer_lock);
    return at > now ? at - now : (at ? 1 : 0);
}

/* Called from the timer interrupt. */
void timers_run(void)
{
    uint64_t now = ktime_ns();
    struct ksiginfo info = { .code = SI_KERNEL };
    spin_lock(&timer_lock);
    while (!list_empty(&sleepers)) {
        struct thread *t = list_first_entry(&sleepers, struct thread, timer_link);
        if (t->wake_at_ns > now)
            break;
        list_del(&t->timer_link);
        wake_up_thread(t);
    }
    /* Signalled under timer_lock: a process leaves the list (itimer_arm
     * at exit) before it can be freed, so p stays valid here. Lock order:
     * timer_lock, then p->lock (in send_signal). */
    struct proc *p, *tmp;
    list_for_each_entry_safe(p, tmp, &alarms, alarm_link) {
        if (p->alarm_at_ns > now)
            continue;
        send_signal(p, SIGALRM, &info);
        if (p->alarm_interval_ns) {
            p->alarm_at_ns = add_sat(p->alarm_at_ns, p->alarm_interval_ns);
            if (p->alarm_at_ns <= now)
                p->alarm_at_ns = add_sat(now, p->alarm_interval_ns);
        } else {
            p->alarm_at_ns = 0;
            list_del(&p->alarm_link);
        }
    }
    spin_unlock(&timer_lock);
}
