/*
 * pthread_impl.h (libc-internal): what the files of libc/thread/ share.
 * The thread's own record is the TCB (struct tcb in libc.h).
 */
#ifndef _LIBC_PTHREAD_IMPL_H
#define _LIBC_PTHREAD_IMPL_H

#include <pthread.h>

#include "libc.h"

/* tcb->detach_state: who frees the thread's memory. A thread is joinable
 * or detached until it starts to exit; then exactly one party wins the
 * compare-and-swap and frees the stack: the joiner (EXITING) or the
 * thread itself (DETACHED). */
enum {
    DT_JOINABLE = 0,            /* zero, so the main thread is joinable */
    DT_DETACHED = 1,
    DT_EXITING = 2,             /* running pthread_exit, still joinable */
};

/* One thread-specific value: it belongs to key k only while seq equals
 * the key's sequence number (thread/key.c explains). */
struct tsd_slot {
    unsigned seq;
    void *value;
};

static inline struct tcb *tcb_of(pthread_t t)
{
    return (struct tcb *)t;
}

/* thread/key.c: run the destructors of the calling thread's values. */
void __pthread_tsd_run_dtors(void);

/* arch/x86_64/clone.S: clone() a thread that starts running fn(arg) on
 * `stack`; returns its tid (or -errno) to the caller. */
int __clone(int (*fn)(void *), void *stack, unsigned long flags, void *arg, volatile int *ptid,
            void *tls, volatile int *ctid);

/* arch/x86_64/unmapself.S: munmap(base, size) and exit, without touching
 * the stack (which is inside the mapping). */
_Noreturn void __unmapself(void *base, size_t size);

#endif
