/* fake_os.h: counters of fake_os.c, for the malloc test. */
#ifndef LIBC_FAKE_OS_H
#define LIBC_FAKE_OS_H
#include <stddef.h>
extern long fake_sbrk_calls;            /* sbrk calls so far */
extern long fake_mmap_live;             /* mmaps not yet unmapped */
extern long fake_munmap_bad;            /* munmaps of unaligned addresses */
extern size_t fake_sbrk_gap;            /* skip this much at the next sbrk */
int fake_in_arena(const void *p);       /* inside the sbrk heap? */
#endif
