/* clone.c: glibc's clone() wrapper around arch/x86_64/clone.S. */
#include <sched.h>
#include <stdarg.h>

#include "pthread_impl.h"
#include "syscall.h"

int clone(int (*fn)(void *), void *stack, int flags, void *arg, ...)
{
    va_list ap;
    va_start(ap, arg);
    volatile int *ptid = va_arg(ap, volatile int *);
    void *tls = va_arg(ap, void *);
    volatile int *ctid = va_arg(ap, volatile int *);
    va_end(ap);
    return (int)__syscall_ret((unsigned long)(long)__clone(fn, stack, (unsigned)flags, arg,
                                                            ptid, tls, ctid));
}
