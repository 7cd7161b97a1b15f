/*
 * brk.c: the program break, the end of the heap segment.
 *
 * The brk system call is unusual: it never returns an error. It returns
 * the break as it is after the call, which is the old one if the kernel
 * refused to move it; brk(0) just asks where it is.
 */
#include <errno.h>
#include <stdint.h>
#include <unistd.h>

#include "syscall.h"

static uintptr_t cur;                   /* the break, once known */

int brk(void *addr)
{
    uintptr_t r = (uintptr_t)__syscall1(__NR_brk, addr);
    cur = r;
    if (r != (uintptr_t)addr) {
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

/* Move the break by increment bytes; returns the OLD break, which is the
 * start of the new memory. */
void *sbrk(long increment)
{
    if (!cur)
        cur = (uintptr_t)__syscall1(__NR_brk, 0);
    uintptr_t old = cur;
    if (increment == 0)
        return (void *)old;
    if (brk((void *)(old + increment)) < 0)
        return (void *)-1;
    return (void *)old;
}
