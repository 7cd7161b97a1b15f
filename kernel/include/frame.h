/*
 * frame.h: physical memory, one 4 KiB frame at a time (mm/frame.c).
 *
 * Every frame of RAM has a struct page describing it (Linux's mem_map):
 * whether it is free, how many users share it (copy-on-write and the page
 * cache count on this), and what the kernel heap is doing with it.
 */
#ifndef WEFT_FRAME_H
#define WEFT_FRAME_H

#include "list.h"
#include "memlayout.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct boot_info;

/* struct page flags */
#define PG_RESERVED 0x01    /* never allocatable: firmware, kernel, modules */
#define PG_SLAB     0x02    /* carved into small kmalloc objects */
#define PG_HEAD     0x04    /* first frame of a big kmalloc block */
#define PG_CACHE    0x08    /* belongs to the page cache */

struct page {
    uint32_t refcount;      /* users of the frame; 0 when free */
    uint16_t flags;
    uint16_t slab_class;    /* PG_SLAB: which size class */
    uint32_t inuse;         /* PG_SLAB: objects handed out */
    uint32_t npages;        /* PG_HEAD: frames in the block */
    void *freelist;         /* PG_SLAB: first free object in this frame */
    struct list_head link;  /* PG_SLAB: on its class's partial list */
};

extern struct page *mem_map;        /* indexed by physical frame number */
extern uint64_t max_pfn;            /* frames 0 .. max_pfn-1 have a struct page */

static inline struct page *pa_to_page(paddr_t pa) { return &mem_map[pa >> PAGE_SHIFT]; }
static inline paddr_t page_to_pa(const struct page *p) { return (paddr_t)(p - mem_map) << PAGE_SHIFT; }
static inline struct page *virt_to_page(const void *va) { return pa_to_page(virt_to_phys(va)); }

/* Does one mapping alone use this frame? Then a private page may be
 * written in place; otherwise (another process, or the page cache, holds
 * it too) it must stay read-only and be copied on the first write. */
static inline bool page_exclusive(const struct page *pg)
{
    return pg->refcount == 1 && !(pg->flags & PG_CACHE);
}

/* Build the allocator from the memory map, keeping out [reserve[i].base,
 * +len) for each reserved range (kernel image, modules, boot info). */
struct range {
    uint64_t base, len;
};
void frame_init(const struct boot_info *bi, const struct range *reserve, int nreserve);

/* One frame, refcount 1, contents undefined; 0 when memory is exhausted. */
paddr_t frame_alloc(void);
/* One zero-filled frame. */
paddr_t frame_alloc_zeroed(void);
/* n physically contiguous frames (refcount 1 each); 0 if no such run. */
paddr_t frame_alloc_contig(size_t n);

/* Drop one reference; the frame is free when the last one is dropped. */
void frame_put(paddr_t pa);
/* Take another reference (a second mapping of the same frame). */
void frame_get(paddr_t pa);
/* Return n contiguous frames from frame_alloc_contig. */
void frame_free_contig(paddr_t pa, size_t n);

size_t frame_free_count(void);
size_t frame_total_count(void);   /* frames that were ever free */

#endif
