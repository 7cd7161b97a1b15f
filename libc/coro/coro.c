/*
 * coro.c: coroutines (coro.h), on top of the 21-instruction switch in
 * arch/x86_64/coro_switch.S.
 *
 * A coroutine is one malloc'd block: the stack, growing down, with the
 * struct on top of it:
 *
 *      c->mem                                              c
 *      | canary | ...... stack (grows down)  <- frame | struct coro |
 *
 * With the default stack size the block is under 8 KiB (8112 bytes
 * including malloc's header), so 10,000 coroutines take 80 MiB, where
 * 10,000 threads would reserve 80 GiB of stack address space.
 *
 * There is no guard page (that would cost an mmap per coroutine and a
 * VMA each): the lowest word of the stack holds a canary, checked every
 * time a coroutine switches back to its resumer. An overflow that
 * overwrites it is reported and the program aborts (the struct, above the
 * stack, survives to get us back there); one that jumps over it (a big
 * local array) goes unseen and corrupts the heap block below. Keep deep
 * recursion and large locals off coroutine stacks, or ask for a bigger
 * stack.
 *
 * Each suspended coroutine's registers live on its own stack (the frame
 * __coro_switch pushes), so the struct needs only the saved stack
 * pointer. `current` is per thread (TLS): each thread has its own chain
 * of running coroutines.
 */
#include <coro.h>
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

enum { SUSPENDED, RUNNING, DONE };

struct coro {
    void *sp;                   /* its saved stack pointer, while suspended */
    void *resumer_sp;           /* the resumer's, while it runs */
    void (*fn)(void *);
    void *arg;
    int state;
    size_t stack_size;
    void *mem;                  /* the malloc'd block; its first word is the
                                   canary, the lowest word of the stack */
};

#define CANARY 0x636f726f5354414bull    /* "coroSTAK" */

_Static_assert(sizeof(struct coro) + CORO_STACK_DEFAULT + 16 <= 8192,
               "a default coroutine must fit in 8 KiB");

/* The assembly (coro_switch.S). */
void __coro_switch(void **save_sp, void *next_sp);
void __coro_trampoline(void);
_Noreturn void __coro_main(struct coro *c);

static __thread struct coro *current;   /* NULL: the thread's own stack */

struct coro *coro_create(void (*fn)(void *), void *arg, size_t stack_size)
{
    if (!stack_size)
        stack_size = CORO_STACK_DEFAULT;
    if (stack_size < CORO_STACK_MIN || stack_size > ((size_t)1 << 40)) {
        errno = EINVAL;
        return NULL;
    }
    stack_size = (stack_size + 15) & ~(size_t)15;
    unsigned char *mem = malloc(stack_size + sizeof(struct coro));
    if (!mem)
        return NULL;                    /* errno = ENOMEM */
    struct coro *c = (struct coro *)(mem + stack_size);    /* 16-byte aligned */
    c->fn = fn;
    c->arg = arg;
    c->state = SUSPENDED;
    c->stack_size = stack_size;
    c->mem = mem;
    *(uint64_t *)mem = CANARY;

    /* The first frame, as if the coroutine had called __coro_switch from
     * __coro_trampoline: coro_resume's switch "returns" there, with r12
     * holding c. The return-address slot sits at 8 mod 16, so that once
     * `ret` pops it the stack is 16-byte aligned for the trampoline's
     * call, as the ABI requires. */
    uintptr_t top = (uintptr_t)c;       /* the stack's top: the struct's start */
    uint64_t *frame = (uint64_t *)(top - 24) - 7;
    frame[0] = 0x1f80 | (uint64_t)0x037f << 32;     /* MXCSR, x87 CW: the ABI's
                                                       initial values */
    frame[1] = 0;                                   /* r15 */
    frame[2] = 0;                                   /* r14 */
    frame[3] = 0;                                   /* r13 */
    frame[4] = (uint64_t)c;                         /* r12: the trampoline's c */
    frame[5] = 0;                                   /* rbx */
    frame[6] = 0;                                   /* rbp: ends backtraces */
    frame[7] = (uint64_t)__coro_trampoline;         /* where `ret` goes */
    c->sp = frame;
    return c;
}

static _Noreturn void overflow(void)
{
    static const char msg[] = "coro: stack overflow (canary overwritten)\n";
    write(2, msg, sizeof msg - 1);
    abort();
}

int coro_resume(struct coro *c)
{
    if (c->state != SUSPENDED) {
        errno = c->state == DONE ? EINVAL : EBUSY;
        return -1;
    }
    struct coro *prev = current;
    current = c;
    c->state = RUNNING;
    __coro_switch(&c->resumer_sp, c->sp);   /* runs c until it yields or ends */
    current = prev;
    if (*(uint64_t *)c->mem != CANARY)
        overflow();
    return 0;
}

int coro_yield(void)
{
    struct coro *c = current;
    if (!c) {
        errno = EPERM;
        return -1;
    }
    c->state = SUSPENDED;
    __coro_switch(&c->sp, c->resumer_sp);   /* back into coro_resume */
    /* Resumed. Note: not necessarily on the same thread (libc/mn moves
     * tasks between worker threads), so nothing thread-local is used
     * here after the switch. */
    return 0;
}

/* The bottom of every coroutine's stack (called by __coro_trampoline). */
_Noreturn void __coro_main(struct coro *c)
{
    c->fn(c->arg);
    c->state = DONE;
    __coro_switch(&c->sp, c->resumer_sp);   /* for the last time */
    __builtin_unreachable();
}

int coro_done(const struct coro *c)
{
    return c->state == DONE;
}

struct coro *coro_self(void)
{
    return current;
}

void coro_free(struct coro *c)
{
    if (c && c->state != RUNNING)
        free(c->mem);
}

size_t coro_footprint(const struct coro *c)
{
    return malloc_usable_size(c->mem) + sizeof(size_t);     /* + malloc's header */
}
