/*
 * backtrace.h: walk the frame-pointer chain and name each return address.
 *
 * The kernel is built with -fno-omit-frame-pointer, so every function
 * starts with push %rbp; mov %rsp, %rbp: rbp points at the saved rbp of the
 * caller, and right above it lies the return address. Following the chain
 * gives the call stack; boot/entry.S starts it with rbp = 0.
 *
 * Names come from the symbol table the build makes with nm (weft.sym) and
 * GRUB loads as a boot module named "symbols" (lib/ksyms.c).
 */
#ifndef WEFT_BACKTRACE_H
#define WEFT_BACKTRACE_H

#include <stddef.h>
#include <stdint.h>

void backtrace_here(void);
void backtrace_from(uint64_t rbp, uint64_t rip);

/* Symbol table: text in `nm -n` format, sorted by address. */
void ksyms_init(const char *table, size_t len);
/* The name of the function containing addr, copied into buf; *offset is
 * addr minus the function's start. Returns 0, or -1 if unknown. */
int ksym_lookup(uint64_t addr, char *buf, size_t bufsize, uint64_t *offset);

#endif
