/*
 * sched.c: the scheduler's mechanism: the run queue lock, schedule(),
 * waking threads up, the timer tick and the idle loop. Which thread runs
 * next is the policy's business (fair.c, behind schedpolicy.h).
 *
 * The run queue holds the threads that are ready (state R) but not
 * running. schedule() puts the running thread back in (if it is still
 * runnable), takes the next one out and switches to it:
 *
 *      running --schedule()--> ready (run queue) --picked--> running
 *      running --sleep (state S/D)--> blocked --wake_up_thread()--> ready
 *
 * Preemption: the timer tick (sched_tick) asks the policy whether the
 * running thread has had its share; if so it sets need_resched, and the
 * thread calls schedule() on its way back to user mode (trap_exit in
 * proc/sigdeliver.c). The kernel itself is not preempted: a thread in the
 * kernel runs until it sleeps or returns to user mode, as in xv6 and in a
 * Linux built without CONFIG_PREEMPT.
 */
#include "sched.h"
#include "clock.h"
#include "kprintf.h"
#include "string.h"
#include "proc.h"
#include "schedpolicy.h"
#include "x86.h"

static struct spinlock rq_lock = SPINLOCK_INIT("runqueue");

char thread_state_letter(enum thread_state s)
{
    static const char letters[] = "RSDTZX";
    return s <= TASK_DEAD ? letters[s] : '?';
}

bool need_resched(void)
{
    return this_cpu()->need_resched;
}

void set_need_resched(void)
{
    this_cpu()->need_resched = true;
}

/* Charge the running thread for the time since it was last charged. */
static void update_curr(struct cpu *c, struct thread *curr)
{
    uint64_t now = ktime_ns();
    if (curr != c->idle)
        policy_account(curr, now - c->exec_start_ns);
    c->exec_start_ns = now;
}

static void enqueue(struct thread *t, bool waking)
{
    policy_enqueue(t, waking);
    t->on_rq = true;
}

void sched_add(struct thread *t, struct thread *parent)
{
    spin_lock(&rq_lock);
    policy_new_thread(t, parent);
    t->state = TASK_RUNNING;
    enqueue(t, false);
    spin_unlock(&rq_lock);
}

void wake_up_thread(struct thread *t)
{
    wake_up_state(t, STATE_BIT(TASK_INTERRUPTIBLE) | STATE_BIT(TASK_UNINTERRUPTIBLE));
}

void wake_up_state(struct thread *t, unsigned state_mask)
{
    spin_lock(&rq_lock);
    if (STATE_BIT(t->state) & state_mask) {
        t->state = TASK_RUNNING;
        /* A thread still on its CPU (it marked itself asleep but has not
         * switched away yet) just keeps running: schedule() will see it
         * is runnable. Otherwise it joins the run queue. */
        if (!t->on_rq && !t->on_cpu)
            enqueue(t, true);
        /* Preempt the running thread at its next return to user mode if
         * the sleeper now deserves the CPU more (or the CPU is idle). */
        struct thread *curr = this_cpu()->running;
        if (curr == this_cpu()->idle || policy_should_preempt(curr))
            set_need_resched();
    }
    spin_unlock(&rq_lock);
}

void schedule(void)
{
    struct cpu *c = this_cpu();
    struct thread *prev = c->running;

    if (c->in_irq)
        panic("schedule() inside an interrupt handler");
    spin_lock(&rq_lock);
    if (c->irq_depth != 1)
        panic("schedule() with %d locks held", c->irq_depth - 1);
    update_curr(c, prev);
    c->need_resched = false;

    if (prev->state == TASK_RUNNING && prev != c->idle && !prev->on_rq)
        enqueue(prev, false);                   /* still runnable: back in line */
    struct thread *next = policy_pick_next();
    if (next) {
        policy_dequeue(next);
        next->on_rq = false;
    } else {
        next = c->idle;
    }
    if (next == prev) {
        spin_unlock(&rq_lock);
        return;
    }
    if (prev->state == TASK_RUNNING)
        prev->nivcsw++;                         /* preempted or yielded */
    else
        prev->nvcsw++;                          /* went to sleep */
    context_switch(prev, next);                 /* returns when prev runs again */
}

/* The first thing a thread does when it gets the CPU through
 * context_switch(): prev is no longer running; if it exited, its kernel
 * stack can go now that nobody runs on it. Then drop the run queue lock
 * schedule() took. */
void finish_task_switch(struct thread *prev)
{
    enum thread_state state = prev->state;
    struct proc *autoreaped = NULL;
    if (state == TASK_ZOMBIE || state == TASK_DEAD) {
        kstack_free(prev);
        /* The last thread of a process nobody will wait for (exit.c):
         * the whole process goes now. */
        struct proc *p = prev->proc;
        if (p && p->state == PROC_REAPED && p->nthreads == 0)
            autoreaped = p;
    }
    /* From here on another CPU may free prev (wait4 reaping a zombie
     * waits for on_cpu to clear), so touch it no more. */
    __atomic_store_n(&prev->on_cpu, false, __ATOMIC_RELEASE);
    if (state == TASK_DEAD)
        thread_free(prev);
    if (autoreaped)
        proc_free(autoreaped);
    spin_unlock(&rq_lock);
}

void sched_yield(void)
{
    set_need_resched();
    schedule();
}

void sched_tick(void)
{
    struct cpu *c = this_cpu();
    struct thread *curr = c->running;

    spin_lock(&rq_lock);
    update_curr(c, curr);
    if (curr != c->idle) {
        /* A tick of CPU time, user or system, for the thread and for its
         * process (whose count goes on after the thread exits). */
        struct proc *p = curr->proc;
        if (c->irq_from_user) {
            curr->utime++;
            p->utime++;
        } else {
            curr->stime++;
            p->stime++;
        }
    }
    if (curr == c->idle ? policy_pick_next() != NULL : policy_should_preempt(curr))
        c->need_resched = true;
    spin_unlock(&rq_lock);
}

/* The boot thread becomes CPU 0's idle thread: tid 0 ("swapper" on
 * Linux), running on the boot stack, never in user mode. */
static struct thread idle0;

void sched_init(void)
{
    extern char boot_stack_top[];
    struct cpu *c = this_cpu();
    struct thread *t = &idle0;
    t->tid = 0;
    t->state = TASK_RUNNING;
    t->on_cpu = true;
    strlcpy(t->name, "idle", sizeof t->name);
    t->kstack_top = (uint64_t)boot_stack_top;
    list_init(&t->run_link);
    list_init(&t->thread_link);
    list_init(&t->wait.link);
    t->wait.thread = t;
    list_init(&t->timer_link);
    __asm__ volatile("fxsave64 %0" : "=m"(t->fpu));
    c->idle = c->running = t;
    c->exec_start_ns = ktime_ns();
}

/* The idle thread: the boot thread of each CPU ends up here. It halts the
 * CPU until an interrupt; if that interrupt made a thread runnable, it
 * switches to it. */
void sched_start(void)
{
    struct cpu *c = this_cpu();
    for (;;) {
        cli();
        if (c->need_resched) {
            sti();
            schedule();
        } else {
            /* sti takes effect after the next instruction, so no interrupt
             * can slip in between: hlt wakes on the very next one. */
            __asm__ volatile("sti; hlt" ::: "memory");
        }
    }
}
