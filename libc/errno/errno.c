/* errno.c: the per-thread errno, and the step every system-call wrapper
 * ends with. */
#include <errno.h>

/* __thread: one copy per thread, reached through the FS base
 * (start/tls.c sets it up before main runs). */
static __thread int errno_value;

int *__errno_location(void)
{
    return &errno_value;
}

/* The kernel returns -errno on failure; every error number is below 4096,
 * so results in -4095..-1 are errors and anything else is a value. */
long __syscall_ret(unsigned long r)
{
    if (r > -4096UL) {
        errno = -(long)r;
        return -1;
    }
    return (long)r;
}
