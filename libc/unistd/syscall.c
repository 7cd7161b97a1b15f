/* syscall.c: syscall(n, ...), any system call by number, for programs
 * (the library itself uses the inline __syscallN in syscall.h). */
#include <stdarg.h>
#include <unistd.h>

#include "syscall.h"

/* Always six arguments are taken from the list: the kernel ignores the
 * ones a call does not have. (Reading arguments the caller did not pass
 * is what every libc does here; on x86-64 it reads stale registers or
 * stack, harmlessly.) */
long syscall(long n, ...)
{
    va_list ap;
    va_start(ap, n);
    long a = va_arg(ap, long), b = va_arg(ap, long), c = va_arg(ap, long);
    long d = va_arg(ap, long), e = va_arg(ap, long), f = va_arg(ap, long);
    va_end(ap);
    return __syscall_ret(__syscall6(n, a, b, c, d, e, f));
}
