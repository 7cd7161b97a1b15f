/*
 * vma.c: the list of regions of an address space, and changing it.
 *
 * mm->vmas is sorted by address and its regions never overlap. munmap
 * and mprotect work on any page range, so a region may have to be cut in
 * two or three first (vma_split); mprotect then glues neighbours with the
 * same attributes back together (vma_merge), so the list stays as short as
 * /proc/PID/maps shows it on Linux.
 *
 * Every function here expects mm->lock held.
 */
#include "mm.h"
#include "errno.h"
#include "frame.h"
#include "fs.h"
#include "kmalloc.h"

struct vma *vma_alloc(uint64_t start, uint64_t end, uint32_t flags, struct inode *file,
                      uint64_t pgoff, const char *name)
{
    struct vma *v = kzalloc(sizeof *v);
    if (!v)
        return NULL;
    v->start = start;
    v->end = end;
    v->flags = flags;
    v->file = file;
    v->pgoff = pgoff;
    v->name = name;
    list_init(&v->link);
    if (file)
        inode_get(file);
    return v;
}

void vma_free(struct vma *v)
{
    if (v->file)
        inode_put(v->file);
    kfree(v);
}

struct vma *vma_find(struct mm *mm, uint64_t addr)
{
    struct vma *v;
    list_for_each_entry(v, &mm->vmas, link) {
        if (addr < v->start)
            return NULL;            /* sorted: it would have come already */
        if (addr < v->end)
            return v;
    }
    return NULL;
}

bool vma_range_free(struct mm *mm, uint64_t start, uint64_t end)
{
    struct vma *v;
    list_for_each_entry(v, &mm->vmas, link)
        if (v->start < end && start < v->end)
            return false;
    return true;
}

int vma_insert(struct mm *mm, struct vma *new)
{
    struct vma *v;
    list_for_each_entry(v, &mm->vmas, link) {
        if (v->start < new->end && new->start < v->end)
            return -EEXIST;
        if (v->start >= new->end)
            break;                  /* new goes right before v */
    }
    list_add_tail(&new->link, &v->link);
    return 0;
}

pte_t vma_pte_flags(const struct vma *v, bool exclusive)
{
    pte_t f = PTE_U;
    if (!(v->flags & VM_EXEC))
        f |= pte_nx;
    if (v->flags & VM_WRITE) {
        if ((v->flags & VM_SHARED) || exclusive)
            f |= PTE_W;
        else
            f |= PTE_COW;           /* writable, but copy the frame first */
    }
    return f;
}

void vma_zap_pages(struct mm *mm, uint64_t start, uint64_t end)
{
    for (uint64_t va = start; va < end; va += PAGE_SIZE) {
        pte_t *e = pt_walk(mm->pml4, va, false);
        if (!e) {
            va = pt_skip_table(va);     /* no page table here: skip its 2 MiB */
            continue;
        }
        if (!pte_has_frame(*e))
            continue;
        paddr_t pa = PTE_ADDR(*e);
        *e = 0;
        tlb_flush_page(mm, va);
        frame_put(pa);              /* the frame goes when its last user does */
        mm->rss--;
    }
}

/* Cut v in two at addr: v keeps [start, addr), a new region after it
 * gets [addr, end). */
static int vma_split(struct vma *v, uint64_t addr)
{
    struct vma *tail = vma_alloc(addr, v->end, v->flags, v->file,
                                 v->pgoff + (addr - v->start) / PAGE_SIZE, v->name);
    if (!tail)
        return -ENOMEM;
    v->end = addr;
    list_add(&tail->link, &v->link);
    return 0;
}

/* Can b be appended to a (adjacent, same everything)? */
static bool mergeable(const struct vma *a, const struct vma *b)
{
    return a->end == b->start && a->flags == b->flags && a->file == b->file &&
           a->name == b->name &&
           (!a->file || a->pgoff + (a->end - a->start) / PAGE_SIZE == b->pgoff);
}

/* Merge every pair of compatible neighbours. */
void vma_merge_all(struct mm *mm)
{
    struct vma *v, *tmp;
    list_for_each_entry_safe(v, tmp, &mm->vmas, link) {
        if (v->link.prev == &mm->vmas)
            continue;
        struct vma *prev = list_entry(v->link.prev, struct vma, link);
        if (mergeable(prev, v)) {
            prev->end = v->end;
            list_del(&v->link);
            vma_free(v);
        }
    }
}

int vma_unmap_range(struct mm *mm, uint64_t start, uint64_t end)
{
    struct vma *v, *tmp;
    list_for_each_entry_safe(v, tmp, &mm->vmas, link) {
        if (v->end <= start)
            continue;
        if (v->start >= end)
            break;
        if (v->start < start) {             /* keep the head: split it off */
            if (vma_split(v, start) < 0)
                return -ENOMEM;
            tmp = list_entry(v->link.next, struct vma, link);
            continue;                       /* the tail comes next */
        }
        if (v->end > end) {                 /* keep the tail */
            if (vma_split(v, end) < 0)
                return -ENOMEM;
        }
        vma_zap_pages(mm, v->start, v->end);
        tmp = list_entry(v->link.next, struct vma, link);
        list_del(&v->link);
        vma_free(v);
    }
    return 0;
}

/* Re-derive the flags of v's present pages after its permissions changed. */
static void reprotect_pages(struct mm *mm, struct vma *v)
{
    for (uint64_t va = v->start; va < v->end; va += PAGE_SIZE) {
        pte_t *e = pt_walk(mm->pml4, va, false);
        if (!e) {
            va = pt_skip_table(va);
            continue;
        }
        if (!pte_has_frame(*e))
            continue;
        paddr_t pa = PTE_ADDR(*e);
        if (!(v->flags & VM_ACCESS_FLAGS))
            *e = pa | PTE_PROTNONE;     /* PROT_NONE: not present, frame kept */
        else
            *e = pa | PTE_P | vma_pte_flags(v, page_exclusive(pa_to_page(pa)));
        tlb_flush_page(mm, va);
    }
}

int vma_protect_range(struct mm *mm, uint64_t start, uint64_t end, uint32_t access)
{
    /* Every page of the range must be mapped (Linux: ENOMEM otherwise). */
    uint64_t expect = start;
    struct vma *v;
    list_for_each_entry(v, &mm->vmas, link) {
        if (v->end <= expect)
            continue;
        if (v->start > expect)
            break;
        expect = v->end;
        if (expect >= end)
            break;
    }
    if (expect < end)
        return -ENOMEM;

    list_for_each_entry(v, &mm->vmas, link) {
        if (v->end <= start || v->start >= end)
            continue;
        if ((access & VM_WRITE) && !(v->flags & VM_MAYWRITE))
            return -EACCES;         /* a shared mapping of a read-only file */
    }

    struct vma *tmp;
    list_for_each_entry_safe(v, tmp, &mm->vmas, link) {
        if (v->end <= start)
            continue;
        if (v->start >= end)
            break;
        if (v->start < start) {
            if (vma_split(v, start) < 0)
                return -ENOMEM;
            tmp = list_entry(v->link.next, struct vma, link);
            continue;
        }
        if (v->end > end && vma_split(v, end) < 0)
            return -ENOMEM;
        v->flags = (v->flags & ~VM_ACCESS_FLAGS) | access;
        reprotect_pages(mm, v);
        tmp = list_entry(v->link.next, struct vma, link);
    }
    vma_merge_all(mm);
    return 0;
}

uint64_t vma_find_gap(struct mm *mm, uint64_t len)
{
    if (len > MMAP_BASE - MMAP_MIN_ADDR)
        return 0;
    uint64_t cand = MMAP_BASE - len;
    struct vma *v;
    list_for_each_entry_reverse(v, &mm->vmas, link) {
        if (v->start >= cand + len)
            continue;               /* wholly above the candidate */
        if (v->end <= cand)
            break;                  /* wholly below: the gap is free */
        if (v->start < MMAP_MIN_ADDR + len)
            return 0;
        cand = v->start - len;      /* overlaps: try right below it */
    }
    return cand >= MMAP_MIN_ADDR ? cand : 0;
}
