/*
 * t_futex.h: the futex system call, which the C library does not wrap:
 * FUTEX_WAIT sleeps while *w == val (until a FUTEX_WAKE, or the timeout),
 * FUTEX_WAKE wakes up to val sleepers.
 */
#ifndef WEFT_T_FUTEX_H
#define WEFT_T_FUTEX_H

#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <weft/misc.h>                  /* FUTEX_WAIT ... */

/* futex(w, op, val, timeout): 0 or the number woken; -1 and errno. */
static inline long futex(volatile int *w, int op, int val, const struct timespec *ts)
{
    return syscall(SYS_futex, w, op, val, ts, 0, 0);
}

#endif
