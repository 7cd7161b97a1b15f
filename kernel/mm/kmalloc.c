/*
 * kmalloc.c: the kernel heap, a small slab allocator.
 *
 * Requests up to 2048 bytes are rounded up to a power-of-two size class
 * (16, 32, ..., 2048). Each class carves whole frames into objects of its
 * size (a "slab", as in Linux's SLUB): the frame's struct page keeps a
 * free list of its objects, threaded through the free objects themselves,
 * and a count of those in use. The class keeps a list of its frames that
 * still have free objects, so an allocation takes the first object of the
 * first such frame: O(1).
 *
 * kfree() finds the frame from the address (every object lies in one
 * frame, and the direct map makes address -> frame a subtraction), pushes
 * the object back on that frame's list and, when the frame is empty again,
 * gives it back to the frame allocator. So freeing everything returns
 * every frame, which is what the leak tests check.
 *
 * Bigger requests take whole contiguous frames, marked PG_HEAD with their
 * count, so kfree() knows how many to give back.
 */
#include "kmalloc.h"
#include "frame.h"
#include "kprintf.h"
#include "spinlock.h"
#include "string.h"

#define NCLASSES    8           /* 16 << 0 ... 16 << 7 = 2048 */
#define MIN_SHIFT   4

struct size_class {
    struct list_head partial;   /* frames with at least one free object */
};

static struct size_class classes[NCLASSES] = {
#define C(i) [i] = { LIST_HEAD_INIT(classes[i].partial) }
    C(0), C(1), C(2), C(3), C(4), C(5), C(6), C(7)
#undef C
};
static struct spinlock heap_lock = SPINLOCK_INIT("kmalloc");

static int class_index(size_t size)
{
    int i = 0;
    while (((size_t)16 << i) < size)
        i++;
    return i;
}

size_t kmalloc_class_size(size_t size)
{
    if (size > KMALLOC_MAX_SMALL)
        return 0;
    return (size_t)16 << class_index(size ? size : 1);
}

/* A fresh frame cut into objects, all on its free list. */
static struct page *new_slab(int ci)
{
    paddr_t pa = frame_alloc();
    if (!pa)
        return NULL;
    struct page *pg = pa_to_page(pa);
    size_t size = (size_t)16 << ci;
    char *base = phys_to_virt(pa);

    pg->flags = PG_SLAB;
    pg->slab_class = (uint16_t)ci;
    pg->inuse = 0;
    pg->freelist = NULL;
    for (size_t off = PAGE_SIZE; off >= size; off -= size) {   /* low objects first out */
        void **obj = (void **)(base + off - size);
        *obj = pg->freelist;
        pg->freelist = obj;
    }
    list_add(&pg->link, &classes[ci].partial);
    return pg;
}

static void *alloc_small(size_t size)
{
    int ci = class_index(size ? size : 1);
    struct size_class *c = &classes[ci];

    spin_lock(&heap_lock);
    struct page *pg = list_empty(&c->partial) ? new_slab(ci)
                                              : list_first_entry(&c->partial, struct page, link);
    if (!pg) {
        spin_unlock(&heap_lock);
        return NULL;
    }
    void **obj = pg->freelist;
    pg->freelist = *obj;
    pg->inuse++;
    if (pg->freelist == NULL)
        list_del(&pg->link);            /* full: off the partial list */
    spin_unlock(&heap_lock);
    return obj;
}

static void free_small(struct page *pg, void *p)
{
    spin_lock(&heap_lock);
    if (pg->freelist == NULL)
        list_add(&pg->link, &classes[pg->slab_class].partial);  /* was full */
    *(void **)p = pg->freelist;
    pg->freelist = p;
    if (--pg->inuse == 0) {             /* empty: give the frame back */
        list_del(&pg->link);
        pg->flags = 0;
        spin_unlock(&heap_lock);
        frame_put(page_to_pa(pg));
        return;
    }
    spin_unlock(&heap_lock);
}

void *kmalloc(size_t size)
{
    if (size <= KMALLOC_MAX_SMALL)
        return alloc_small(size);
    if (size > (4ul << 30))
        return NULL;                    /* absurd: more than 4 GiB */
    size_t n = PAGE_ROUND_UP(size) / PAGE_SIZE;
    paddr_t pa = frame_alloc_contig(n);
    if (!pa)
        return NULL;
    struct page *pg = pa_to_page(pa);
    pg->flags = PG_HEAD;
    pg->npages = (uint32_t)n;
    return phys_to_virt(pa);
}

void *kzalloc(size_t size)
{
    void *p = kmalloc(size);
    if (p)
        memset(p, 0, size);
    return p;
}

void kfree(void *p)
{
    if (!p)
        return;
    struct page *pg = virt_to_page(p);
    if (pg->flags & PG_SLAB)
        free_small(pg, p);
    else if (pg->flags & PG_HEAD)
        frame_free_contig(page_to_pa(pg), pg->npages);
    else
        panic("kfree: %p was not allocated by kmalloc", p);
}
