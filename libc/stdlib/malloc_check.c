/* malloc_check.c: a consistency check of the allocator's heap, for tests
 * (declared in malloc.h). */
#include <malloc.h>

#include "malloc_impl.h"

/*
 * Consistency check of the heap, for tests: walks every block of the first
 * heap segment and the bins. Returns 0 if all is well, else a number
 * saying which rule broke.
 */
int __malloc_check(void)
{
    size_t free_seen = 0, free_binned = 0;
    int prev_used = 1, whole_heap = 1;
    for (block_t *b = __malloc_heap_first; b && b != __malloc_heap_end; b = next_of(b)) {
        size_t s = size_of(b);
        if (s == 0 && (b->head & IN_USE)) {
            whole_heap = 0;                 /* an older segment's epilogue */
            break;
        }
        if (s < MIN_BLOCK || s % ALIGN)
            return 1;                       /* bad size */
        if (((uintptr_t)payload(b)) % ALIGN)
            return 2;                       /* misaligned payload */
        if (!!(b->head & PREV_IN_USE) != prev_used)
            return 3;                       /* PREV_IN_USE is wrong */
        if (!(b->head & IN_USE)) {
            if (!prev_used)
                return 4;                   /* two free blocks in a row */
            if (*footer(b) != s)
                return 5;                   /* footer does not match */
            free_seen++;
        }
        prev_used = b->head & IN_USE;
    }
    if (whole_heap && __malloc_heap_end && !!(__malloc_heap_end->head & PREV_IN_USE) != prev_used)
        return 6;                           /* the epilogue's flag is wrong */
    for (int i = 0; i < NBINS; i++) {
        for (block_t *b = __malloc_bins[i]; b; b = b->next) {
            if ((b->head & IN_USE) || bin_of(size_of(b)) != i)
                return 7;                   /* in use, or in the wrong bin */
            if (b->next && b->next->prev != b)
                return 8;                   /* broken links */
            free_binned++;
        }
    }
    return !whole_heap || free_seen == free_binned ? 0 : 9;
}
