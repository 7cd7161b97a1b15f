/*
 * futex.h: fast user-space mutexes (proc/futex.c).
 */
#ifndef WEFT_FUTEX_H
#define WEFT_FUTEX_H

#include <stdint.h>

struct mm;

/* Wake up to n threads waiting on the futex word at uaddr in mm. */
int futex_wake(struct mm *mm, uint64_t uaddr, int n);

#endif
