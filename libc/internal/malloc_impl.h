/*
 * malloc_impl.h (libc-internal): the allocator's block layout, shared by
 * stdlib/malloc.c (which explains it) and stdlib/malloc_check.c.
 */
#ifndef _LIBC_MALLOC_IMPL_H
#define _LIBC_MALLOC_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "lock.h"

#define ALIGN           16
#define HDR             sizeof(size_t)      /* the header word */
#define MIN_BLOCK       32                  /* header, two links, footer */
#define NBINS           20                  /* the last bin holds >= 16 MiB */
#define MMAP_THRESHOLD  (128 * 1024)
#define HEAP_STEP       (64 * 1024)         /* grow the heap by at least this */
#define PAGE            4096

#define IN_USE          1
#define PREV_IN_USE     2
#define MMAPPED         4
#define FLAGS           15

/* Threads: one lock around the whole heap (internal/lock.h); every
 * public function takes it around its work. */
extern volatile int __malloc_lock;
#define MALLOC_LOCK()   __lock(&__malloc_lock)
#define MALLOC_UNLOCK() __unlock(&__malloc_lock)

typedef struct block {
    size_t head;                            /* size | flags */
    struct block *next, *prev;              /* bin links: only while free */
} block_t;

extern block_t *__malloc_bins[NBINS];
extern block_t *__malloc_heap_first;        /* the first block */
extern block_t *__malloc_heap_end;          /* the epilogue header */

static inline size_t size_of(const block_t *b) { return b->head & ~(size_t)FLAGS; }
static inline block_t *next_of(block_t *b) { return (block_t *)((char *)b + size_of(b)); }
static inline void *payload(block_t *b) { return (char *)b + HDR; }
static inline block_t *block_of(void *p) { return (block_t *)((char *)p - HDR); }
static inline size_t *footer(block_t *b) { return (size_t *)((char *)b + size_of(b) - HDR); }
/* Only valid when !(b->head & PREV_IN_USE): the previous block's footer. */
static inline block_t *prev_of(block_t *b) { return (block_t *)((char *)b - ((size_t *)b)[-1]); }

static inline int bin_of(size_t size)
{
    int i = 0;
    for (size_t s = size >> 6; s && i < NBINS - 1; s >>= 1)
        i++;                                /* 32..63 -> 0, 64..127 -> 1, ... */
    return i;
}

#endif
