/*
 * spinlock.c: spin locks built on an atomic exchange, and the nestable
 * interrupt disable they rely on. See spinlock.h for why a lock turns
 * interrupts off.
 */
#include "spinlock.h"
#include "kprintf.h"
#include "percpu.h"
#include "x86.h"

void spin_init(struct spinlock *l, const char *name)
{
    l->locked = 0;
    l->name = name;
    l->owner = 0;
}

void irq_save(void)
{
    uint64_t flags = read_rflags();
    cli();
    struct cpu *c = this_cpu();
    if (c->irq_depth++ == 0)
        c->irq_were_on = (flags & RFLAGS_IF) != 0;
}

void irq_restore(void)
{
    struct cpu *c = this_cpu();
    if (read_rflags() & RFLAGS_IF)
        panic("irq_restore: interrupts are on");
    if (c->irq_depth < 1)
        panic("irq_restore: not saved");
    if (--c->irq_depth == 0 && c->irq_were_on)
        sti();
}

bool spin_holding(struct spinlock *l)
{
    return l->locked && l->owner == this_cpu();
}

void spin_lock(struct spinlock *l)
{
    irq_save();
    if (spin_holding(l))
        panic("spin_lock: %s already held by this CPU", l->name);
    /* xchg is atomic with respect to other CPUs; spin until we swap a 0
     * out. Reading first (the inner loop) keeps the cache line shared
     * while someone else holds the lock. */
    while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE) != 0)
        while (l->locked)
            pause();
    l->owner = this_cpu();
}

void spin_unlock(struct spinlock *l)
{
    if (!spin_holding(l))
        panic("spin_unlock: %s not held", l->name);
    l->owner = 0;
    __atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
    irq_restore();
}
