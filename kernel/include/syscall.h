/*
 * syscall.h: the system call table (syscall/table.c).
 */
#ifndef WEFT_SYSCALL_H
#define WEFT_SYSCALL_H

#include "weft/unistd.h"
#include <stdint.h>

/* Every handler is called with the six argument registers; it uses as
 * many as its call has and returns a value or a negative errno. */
typedef long (*syscall_fn)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);

extern const syscall_fn syscall_table[NR_SYSCALLS];
extern const char *const syscall_names[NR_SYSCALLS];

void syscall_init(void);

#endif
