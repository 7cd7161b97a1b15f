/* exit.c: ending the process. */
#include <stdlib.h>
#include <unistd.h>

#include "libc.h"
#include "lock.h"
#include "syscall.h"

/* C and POSIX promise room for at least 32 handlers; a fixed table keeps
 * exit() free of malloc. Threads: the table has a lock. */
#define ATEXIT_MAX 32
static void (*handlers[ATEXIT_MAX])(void);
static int nhandlers;
static volatile int handlers_lock;

int atexit(void (*fn)(void))
{
    int ret = -1;
    __lock(&handlers_lock);
    if (nhandlers < ATEXIT_MAX) {
        handlers[nhandlers++] = fn;
        ret = 0;
    }
    __unlock(&handlers_lock);
    return ret;
}

/* The do-nothing __stdio_exit for programs without stdio; stdio's own
 * (stdio/stdfiles.c) replaces it when linked in. */
__attribute__((weak)) void __stdio_exit(void)
{
}

/* exit: run the atexit handlers, last registered first; flush stdio; end
 * the process (every thread of it).
 * Threads: only the first thread to call exit() runs the handlers; any
 * other thread that calls it meanwhile just waits, and exit_group ends it
 * with everybody else. (The same thread calling exit again from a
 * handler carries on where it was, as before.) */
static struct tcb *exiting;

_Noreturn void exit(int status)
{
    struct tcb *none = NULL, *self = __tcb_self();
    if (!__atomic_compare_exchange_n(&exiting, &none, self, 0, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE) && none != self)
        for (;;)
            __syscall0(__NR_pause);     /* until exit_group kills us */
    for (;;) {
        __lock(&handlers_lock);
        void (*fn)(void) = nhandlers > 0 ? handlers[--nhandlers] : NULL;
        __unlock(&handlers_lock);
        if (!fn)
            break;
        fn();                           /* a handler may call atexit again */
    }
    __stdio_exit();
    _exit(status);
}

/* _exit and _Exit: straight to the kernel, flushing nothing. exit_group,
 * not exit: __NR_exit ends only the calling thread. */
_Noreturn void _exit(int status)
{
    for (;;)
        __syscall1(__NR_exit_group, status);
}

_Noreturn void _Exit(int status)
{
    _exit(status);
}
