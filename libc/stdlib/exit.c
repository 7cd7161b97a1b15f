/* exit.c: ending the process. */
#include <stdlib.h>
#include <unistd.h>

#include "libc.h"
#include "syscall.h"

/* C and POSIX promise room for at least 32 handlers; a fixed table keeps
 * exit() free of malloc. Threads: registration needs a lock. */
#define ATEXIT_MAX 32
static void (*handlers[ATEXIT_MAX])(void);
static int nhandlers;

int atexit(void (*fn)(void))
{
    if (nhandlers == ATEXIT_MAX)
        return -1;
    handlers[nhandlers++] = fn;
    return 0;
}

/* The do-nothing __stdio_exit for programs without stdio; stdio's own
 * (stdio/stdfiles.c) replaces it when linked in. */
__attribute__((weak)) void __stdio_exit(void)
{
}

/* exit: run the atexit handlers, last registered first; flush stdio; end
 * the process (every thread of it). */
_Noreturn void exit(int status)
{
    while (nhandlers > 0)
        handlers[--nhandlers]();        /* a handler may call atexit again */
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
