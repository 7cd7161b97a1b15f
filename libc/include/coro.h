/*
 * coro.h: coroutines, user-mode threads that switch only when they say so.
 *
 * A coroutine is a function with a stack of its own. coro_resume(c) runs
 * it until it calls coro_yield() (or returns); coro_resume then returns,
 * and the next coro_resume(c) continues right after that coro_yield.
 *
 *      static void counter(void *arg)
 *      {
 *          for (int i = 0; i < 3; i++) {
 *              printf("%d\n", i);
 *              coro_yield();               // back to whoever resumed us
 *          }
 *      }
 *
 *      struct coro *c = coro_create(counter, NULL, 0);
 *      while (!coro_done(c))
 *          coro_resume(c);                 // prints 0, 1, 2, one per call
 *      coro_free(c);
 *
 * What it costs (claims C1, C2, C3): a coroutine is one malloc'd block,
 * its struct and its stack: 8 KiB in all by default, against a thread's
 * 8 MiB stack reservation plus a kernel thread. A switch is 21
 * instructions in user mode (arch/x86_64/coro_switch.S): no system call,
 * the kernel does not even know coroutines exist, and so it cannot run
 * two of them at once, nor run another while one is blocked in a
 * system call (libc/mn is the answer to that).
 *
 * Coroutines are per thread: one resumes only coroutines that are not
 * running, and coro_yield returns to the resumer. A coroutine may resume
 * another (they nest). Not async-signal-safe.
 */
#ifndef _CORO_H
#define _CORO_H

#include <stddef.h>

struct coro;

/* The default stack: what is left of 8 KiB after the struct and malloc's
 * 16 bytes of bookkeeping. */
#define CORO_STACK_DEFAULT (8192 - 16 - 128)
#define CORO_STACK_MIN     1024

/* A new suspended coroutine that will run fn(arg) on a stack of
 * stack_size bytes (0: CORO_STACK_DEFAULT). NULL (errno ENOMEM or
 * EINVAL) on failure. Nothing runs until the first coro_resume. */
struct coro *coro_create(void (*fn)(void *), void *arg, size_t stack_size);

/* Run c until it yields or finishes. Returns 0, or -1 with errno EINVAL
 * (c has finished) or EBUSY (c is running: it is the caller, or resumed
 * the caller). */
int coro_resume(struct coro *c);

/* Suspend the calling coroutine; its resumer's coro_resume returns.
 * Returns 0 when resumed again, or -1 (errno EPERM) at once when called
 * outside any coroutine. */
int coro_yield(void);

/* 1 once c's function has returned. */
int coro_done(const struct coro *c);

/* The running coroutine, or NULL in a thread's own (original) context. */
struct coro *coro_self(void);

/* Free a coroutine that is finished or suspended (never a running one).
 * A suspended coroutine's stack is dropped as it is: nothing on it is
 * unwound or freed. */
void coro_free(struct coro *c);

/* The bytes one coroutine takes from the heap (struct + stack). */
size_t coro_footprint(const struct coro *c);

#endif
