/*
 * malloc.c: the memory allocator.
 *
 * SMALL requests (below MMAP_THRESHOLD) come from the heap, one region
 * grown with sbrk. The heap is a sequence of blocks, each starting with a
 * one-word header (its size, a multiple of 16, and flags in the low bits);
 * the payload follows and is 16-byte aligned:
 *
 *     in use:  [ size|flags ][ payload ..................... ]
 *     free:    [ size|flags ][ next ][ prev ] ...... [ size ]
 *                             free-list links        footer
 *
 * A free block repeats its size in its last word (the "boundary tag"), so
 * the block after it can find it: when a block is freed it merges with a
 * free neighbour on either side at once ("coalescing"), and two free
 * blocks are never adjacent. PREV_IN_USE in a header says whether the
 * block before is in use (then it has no footer to read).
 * The heap ends with a zero-size "epilogue" header that is always in use,
 * so the last block has a next block like every other.
 *
 * Free blocks sit on NBINS doubly linked lists ("bins") by size class:
 * bin i holds sizes in [32 << i, 64 << i). malloc takes the first block
 * that fits from the request's bin, else from any larger bin (any block
 * there fits), splits off the unneeded tail as a new free block, and only
 * grows the heap when no bin has room.
 *
 * LARGE requests get their own mmap, and free gives them straight back
 * with munmap: big buffers do not fragment the heap, and their memory
 * returns to the kernel at once.
 *
 * Costs: 8 bytes of header per block; 32-byte minimum blocks; malloc is
 * O(number of free blocks in the bins searched), free is O(1). The heap
 * never shrinks (sbrk is not given back). Threads: one lock around each
 * public function (MALLOC_LOCK, malloc_impl.h): simple, and uncontended
 * it costs one atomic instruction; a busy multi-threaded program would
 * want per-thread caches (as glibc's tcache or jemalloc's arenas).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "malloc_impl.h"

/* The allocator's state (global names, so malloc_check.c can see it;
 * short aliases for reading this file). */
block_t *__malloc_bins[NBINS];
block_t *__malloc_heap_first;
block_t *__malloc_heap_end;
volatile int __malloc_lock;                 /* see MALLOC_LOCK */
#define bins __malloc_bins
#define heap_first __malloc_heap_first
#define heap_end __malloc_heap_end

static void bin_insert(block_t *b)
{
    block_t **bin = &bins[bin_of(size_of(b))];
    b->prev = NULL;
    b->next = *bin;
    if (*bin)
        (*bin)->prev = b;
    *bin = b;
}

static void bin_remove(block_t *b)
{
    if (b->prev)
        b->prev->next = b->next;
    else
        bins[bin_of(size_of(b))] = b->next;
    if (b->next)
        b->next->prev = b->prev;
}

/* Make b a free block of `size` bytes and file it: header, footer, the
 * next block's PREV_IN_USE, the bin. */
static void make_free(block_t *b, size_t size)
{
    b->head = size | (b->head & PREV_IN_USE);
    *footer(b) = size;
    next_of(b)->head &= ~(size_t)PREV_IN_USE;
    bin_insert(b);
}

/* Free a heap block, merging it with free neighbours. */
static void free_block(block_t *b)
{
    size_t size = size_of(b);
    block_t *next = next_of(b);
    if (!(next->head & IN_USE)) {           /* merge with the block after */
        bin_remove(next);
        size += size_of(next);
    }
    if (!(b->head & PREV_IN_USE)) {         /* and with the block before */
        block_t *prev = prev_of(b);
        bin_remove(prev);
        size += size_of(prev);
        b = prev;
    }
    make_free(b, size);
}

/* Mark b in use, then cut it down to `size`, freeing the tail if that
 * is big enough to be a block. */
static void *use_block(block_t *b, size_t size)
{
    b->head |= IN_USE;
    next_of(b)->head |= PREV_IN_USE;
    size_t have = size_of(b);
    if (have - size >= MIN_BLOCK) {
        block_t *tail = (block_t *)((char *)b + size);
        tail->head = (have - size) | IN_USE | PREV_IN_USE;
        b->head = size | (b->head & FLAGS);
        free_block(tail);
    }
    return payload(b);
}

/* Grow the heap by at least `size` bytes; returns the new free block
 * (merged with a free block at the old end), taken off its bin. */
static block_t *grow_heap(size_t size)
{
    size_t grow = (size + MIN_BLOCK + HEAP_STEP - 1) & ~(size_t)(HEAP_STEP - 1);
    char *p = sbrk((long)grow);
    if (p == (void *)-1)
        return NULL;
    block_t *b;
    if (heap_end && p == (char *)heap_end + HDR) {
        /* Contiguous: the old epilogue becomes the new block's header. */
        b = heap_end;
        b->head = grow | (b->head & PREV_IN_USE);
    } else {
        /* The first segment, or someone else moved the break: a fresh
         * segment. Its payloads must be 16-aligned, so headers sit at
         * 8 mod 16; the last HDR bytes hold the epilogue. */
        b = (block_t *)((((uintptr_t)p + HDR + ALIGN - 1) & ~(uintptr_t)(ALIGN - 1)) - HDR);
        size_t usable = (p + grow - HDR - (char *)b) & ~(size_t)(ALIGN - 1);
        b->head = usable | PREV_IN_USE;     /* nothing before it to merge */
        if (!heap_first)
            heap_first = b;
    }
    heap_end = next_of(b);
    heap_end->head = IN_USE;                /* the epilogue: size 0, in use */
    b->head |= IN_USE;                      /* so free_block can take it */
    free_block(b);
    /* It is now the last free block; find it again, it may have merged. */
    block_t *last = (heap_end->head & PREV_IN_USE) ? NULL : prev_of(heap_end);
    if (last)
        bin_remove(last);
    return last;
}

/* Large blocks: an mmap each. Two words before the payload: the offset of
 * the payload from the mapping's start, and the mapping's size | MMAPPED.
 * `align` (a power of two >= 16) is for posix_memalign. */
static void *mmap_alloc(size_t n, size_t align)
{
    size_t len = (n + align + 2 * HDR + PAGE - 1) & ~(size_t)(PAGE - 1);
    char *base = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED)
        return NULL;
    char *p = (char *)(((uintptr_t)base + 2 * HDR + align - 1) & ~(uintptr_t)(align - 1));
    ((size_t *)p)[-2] = p - base;
    ((size_t *)p)[-1] = len | MMAPPED | IN_USE;
    return p;
}

/* Block size for an n-byte request: header + n, rounded up. 0 if absurd. */
static size_t block_size(size_t n)
{
    if (n > PTRDIFF_MAX / 2)
        return 0;
    size_t size = (n + HDR + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    return size < MIN_BLOCK ? MIN_BLOCK : size;
}

static void *malloc_locked(size_t n)
{
    size_t size = block_size(n);
    if (!size) {
        errno = ENOMEM;
        return NULL;
    }
    if (size >= MMAP_THRESHOLD)
        return mmap_alloc(n, ALIGN);
    for (int i = bin_of(size); i < NBINS; i++) {
        for (block_t *b = bins[i]; b; b = b->next) {
            if (size_of(b) >= size) {       /* first fit */
                bin_remove(b);
                return use_block(b, size);
            }
        }
    }
    block_t *b = grow_heap(size);
    if (!b) {
        errno = ENOMEM;
        return NULL;
    }
    return use_block(b, size);
}

static void free_locked(void *p)
{
    block_t *b = block_of(p);
    if (b->head & MMAPPED) {
        size_t off = ((size_t *)p)[-2];
        munmap((char *)p - off, size_of(b));
        return;
    }
    if (!(b->head & IN_USE)) {
        /* Freeing twice would corrupt the bins: stop here, loudly. */
        static const char msg[] = "free(): double free or invalid pointer\n";
        write(2, msg, sizeof msg - 1);
        abort();
    }
    free_block(b);
}

void *malloc(size_t n)
{
    MALLOC_LOCK();
    void *p = malloc_locked(n);
    MALLOC_UNLOCK();
    return p;
}

void free(void *p)
{
    if (!p)
        return;
    MALLOC_LOCK();
    free_locked(p);
    MALLOC_UNLOCK();
}

/* How many bytes the caller may use at p (at least what was asked). */
size_t malloc_usable_size(void *p)
{
    if (!p)
        return 0;
    block_t *b = block_of(p);
    if (b->head & MMAPPED)
        return size_of(b) - ((size_t *)p)[-2];
    return size_of(b) - HDR;
}

void *calloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) {      /* n * size would overflow */
        errno = ENOMEM;
        return NULL;
    }
    void *p = malloc(n * size);
    /* A fresh mmap is already zero: skip touching every page. */
    if (p && !(block_of(p)->head & MMAPPED))
        memset(p, 0, n * size);
    return p;
}

void *realloc(void *p, size_t n)
{
    if (!p)
        return malloc(n);
    if (n == 0) {                           /* glibc: free, return NULL */
        free(p);
        return NULL;
    }
    size_t size = block_size(n);
    if (!size) {
        errno = ENOMEM;
        return NULL;
    }
    MALLOC_LOCK();
    block_t *b = block_of(p);
    if (!(b->head & MMAPPED) && size < MMAP_THRESHOLD) {
        block_t *next = next_of(b);
        if (size_of(b) < size && !(next->head & IN_USE) &&
            size_of(b) + size_of(next) >= size) {
            /* Grow in place by swallowing the free block after us. */
            bin_remove(next);
            b->head += size_of(next);
            next_of(b)->head |= PREV_IN_USE;
        }
        if (size_of(b) >= size) {           /* fits: trim and keep it */
            void *q = use_block(b, size);
            MALLOC_UNLOCK();
            return q;
        }
    }
    MALLOC_UNLOCK();
    /* Move: new block, copy, free the old one. */
    void *q = malloc(n);
    if (!q)
        return NULL;                        /* p is left alone, as C says */
    size_t old = malloc_usable_size(p);
    memcpy(q, p, old < n ? old : n);
    free(p);
    return q;
}

void *reallocarray(void *p, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc(p, n * size);
}

int posix_memalign(void **out, size_t align, size_t n)
{
    if (align < sizeof(void *) || (align & (align - 1)))
        return EINVAL;                      /* not a power of two */
    if (align <= ALIGN) {
        *out = malloc(n);
        return *out ? 0 : ENOMEM;
    }
    size_t size = block_size(n);
    if (!size || n > PTRDIFF_MAX / 2 - align)
        return ENOMEM;
    void *p;
    MALLOC_LOCK();
    /* Over-allocate, then cut an aligned block out of the middle. */
    if (block_size(n + align + MIN_BLOCK) >= MMAP_THRESHOLD) {
        p = mmap_alloc(n, align);
    } else if ((p = malloc_locked(n + align + MIN_BLOCK))) {
        /* Find an aligned payload at least MIN_BLOCK in, so the part
         * before it can become a free block of its own. */
        block_t *b = block_of(p);
        uintptr_t want = ((uintptr_t)p + MIN_BLOCK + align - 1) & ~(uintptr_t)(align - 1);
        if ((uintptr_t)p % align != 0) {
            size_t lead = want - (uintptr_t)p;
            block_t *nb = (block_t *)((char *)b + lead);
            nb->head = (size_of(b) - lead) | IN_USE | PREV_IN_USE;
            b->head = lead | (b->head & FLAGS);
            free_block(b);                  /* the lead: clears nb's PREV_IN_USE */
            b = nb;
        }
        p = use_block(b, size);             /* trim the tail */
    }
    MALLOC_UNLOCK();
    if (!p)
        return ENOMEM;
    *out = p;
    return 0;
}

void *aligned_alloc(size_t align, size_t n)
{
    void *p;
    int err = posix_memalign(&p, align, n);
    if (err) {
        errno = err;
        return NULL;
    }
    return p;
}
