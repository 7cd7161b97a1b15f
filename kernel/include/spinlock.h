/*
 * spinlock.h: mutual exclusion between CPUs, and between a CPU and its own
 * interrupt handlers.
 *
 * spin_lock() disables interrupts on this CPU before it spins, and
 * spin_unlock() restores them when the last lock this CPU holds is released
 * (Linux calls this pair spin_lock_irqsave/spin_unlock_irqrestore). Holding
 * a lock with interrupts on would deadlock as soon as an interrupt handler
 * on the same CPU wanted the same lock.
 *
 * Every structure that more than one thread can reach has a lock, even
 * while weft runs on one CPU, so that SMP is no rewrite.
 */
#ifndef WEFT_SPINLOCK_H
#define WEFT_SPINLOCK_H

#include <stdbool.h>
#include <stdint.h>

struct cpu;

struct spinlock {
    volatile uint32_t locked;   /* 0 free, 1 held */
    const char *name;           /* for debugging: which lock is this? */
    struct cpu *owner;          /* the CPU holding it, for holding() */
};

#define SPINLOCK_INIT(n) { .locked = 0, .name = (n), .owner = 0 }

void spin_init(struct spinlock *l, const char *name);
void spin_lock(struct spinlock *l);
void spin_unlock(struct spinlock *l);
bool spin_holding(struct spinlock *l);

/* Nestable "interrupts off" (xv6's push_off/pop_off): the first
 * irq_save() remembers whether interrupts were on; the matching last
 * irq_restore() turns them back on only if they were. */
void irq_save(void);
void irq_restore(void);

#endif
