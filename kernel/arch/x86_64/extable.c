/*
 * extable.c: look a faulting instruction up in the exception table (see
 * extable.h). The linker collects the entries between _extable_start and
 * _extable_end; there are a handful, so a linear search does.
 */
#include "extable.h"

extern const struct extable_entry _extable_start[], _extable_end[];

uint64_t extable_search(uint64_t rip)
{
    for (const struct extable_entry *e = _extable_start; e < _extable_end; e++)
        if (e->insn == rip)
            return e->fixup;
    return 0;
}
