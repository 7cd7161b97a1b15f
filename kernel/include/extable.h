/*
 * extable.h: the exception table, Linux's way of letting chosen kernel
 * instructions fault.
 *
 * The copy-to/from-user routines (arch/x86_64/uaccess.S) touch memory a
 * user program named, which may be unmapped. Each such instruction has an
 * entry { address of the instruction, address to continue at }. When the
 * kernel faults, trap() looks the faulting rip up here; if it is found,
 * execution resumes at the fixup, which returns -EFAULT, instead of a panic.
 */
#ifndef WEFT_EXTABLE_H
#define WEFT_EXTABLE_H

#include <stdint.h>

struct extable_entry {
    uint64_t insn;
    uint64_t fixup;
};

/* The fixup address for a faulting instruction, or 0. */
uint64_t extable_search(uint64_t rip);

#endif
