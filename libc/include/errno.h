/*
 * errno.h: Linux's error numbers (shared with the kernel, which returns them
 * negated) and errno itself. errno is per thread: it expands to a call
 * that returns the address of the calling thread's own variable, a
 * `__thread int` (errno/errno.c), so two threads' system calls never
 * overwrite each other's error.
 */
#ifndef _ERRNO_H
#define _ERRNO_H

#include <weft/errno.h>

int *__errno_location(void) __attribute__((const));
#define errno (*__errno_location())

#endif
