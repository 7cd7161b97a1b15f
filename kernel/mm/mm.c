/*
 * mm.c: creating, copying and destroying address spaces.
 */
#include "mm.h"
#include "bootinfo.h"
#include "errno.h"
#include "frame.h"
#include "fs.h"
#include "kmalloc.h"
#include "percpu.h"
#include "string.h"
#include "x86.h"

/* Every address space, so that truncating a file can find its mappings. */
static LIST_HEAD(all_mms);
static struct spinlock all_mms_lock = SPINLOCK_INIT("all_mms");

struct mm *mm_create(void)
{
    struct mm *mm = kzalloc(sizeof *mm);
    if (!mm)
        return NULL;
    mm->pml4 = pt_new_pml4();
    if (!mm->pml4) {
        kfree(mm);
        return NULL;
    }
    mm->pml4_pa = virt_to_phys(mm->pml4);
    list_init(&mm->vmas);
    spin_init(&mm->lock, "mm");
    mm->users = 1;
    mm->stack_limit = STACK_LIMIT;
    spin_lock(&all_mms_lock);
    list_add_tail(&mm->all_link, &all_mms);
    spin_unlock(&all_mms_lock);
    return mm;
}

void mm_unmap_file(struct inode *file, uint64_t index)
{
    /* Lock order: all_mms_lock, then each mm->lock (nothing takes them
     * the other way round: a dying mm leaves the list before teardown). */
    spin_lock(&all_mms_lock);
    struct mm *mm;
    list_for_each_entry(mm, &all_mms, all_link) {
        spin_lock(&mm->lock);
        struct vma *v;
        list_for_each_entry(v, &mm->vmas, link) {
            uint64_t pages = (v->end - v->start) / PAGE_SIZE;
            if (v->file != file || v->pgoff + pages <= index)
                continue;
            uint64_t skip = index > v->pgoff ? index - v->pgoff : 0;
            vma_zap_pages(mm, v->start + skip * PAGE_SIZE, v->end);
        }
        spin_unlock(&mm->lock);
    }
    spin_unlock(&all_mms_lock);
}

void mm_get(struct mm *mm)
{
    __atomic_add_fetch(&mm->users, 1, __ATOMIC_RELAXED);
}

void mm_activate(struct mm *mm)
{
    struct cpu *c = this_cpu();
    write_cr3(mm->pml4_pa);
    c->active_mm = mm;
    c->stats.cr3_loads++;
    c->stats.tlb_flushes++;
}

void mm_put(struct mm *mm)
{
    if (__atomic_sub_fetch(&mm->users, 1, __ATOMIC_ACQ_REL) != 0)
        return;
    spin_lock(&all_mms_lock);
    list_del(&mm->all_link);
    spin_unlock(&all_mms_lock);
    /* We may be running on these very page tables (an exiting process):
     * move to the kernel's before freeing them. */
    struct cpu *c = this_cpu();
    if (c->active_mm == mm) {
        write_cr3(kernel_pml4_pa);
        c->active_mm = NULL;
        c->stats.cr3_loads++;
        c->stats.tlb_flushes++;
    }
    struct vma *v, *tmp;
    list_for_each_entry_safe(v, tmp, &mm->vmas, link) {
        vma_zap_pages(mm, v->start, v->end);
        list_del(&v->link);
        vma_free(v);
    }
    pt_free_user(mm->pml4);
    if (mm->exe)
        inode_put(mm->exe);
    kfree(mm);
}

/* fork=copy on the kernel command line: copy a private page now, the way
 * fork worked before copy-on-write (the benchmark compares the two). */
static int copy_now(struct mm *new, struct vma *v, uint64_t va, pte_t src)
{
    paddr_t pa = frame_alloc();
    pte_t *dst = pa ? pt_walk(new->pml4, va, true) : NULL;
    if (!dst) {
        if (pa)
            frame_put(pa);
        return -ENOMEM;
    }
    copy_page(phys_to_virt(pa), phys_to_virt(PTE_ADDR(src)));
    *dst = pa | PTE_P | vma_pte_flags(v, true);
    new->rss++;
    return 0;
}

/* Copy the page-table entries of region v from old to new for fork. Every
 * private writable page becomes read-only and copy-on-write in both;
 * shared pages stay shared. Returns -ENOMEM if a table could not be made. */
static int dup_pages(struct mm *old, struct mm *new, struct vma *v)
{
    for (uint64_t va = v->start; va < v->end; va += PAGE_SIZE) {
        pte_t *src = pt_walk(old->pml4, va, false);
        if (!src) {
            va = pt_skip_table(va);         /* no page table: skip its 2 MiB */
            continue;
        }
        if (!pte_has_frame(*src))
            continue;
        if (boot_info.fork_eager && !(v->flags & VM_SHARED) && (*src & PTE_P) &&
            (*src & (PTE_W | PTE_COW))) {
            if (copy_now(new, v, va, *src) < 0)
                return -ENOMEM;
            continue;
        }
        if (!(v->flags & VM_SHARED) && (*src & PTE_W))
            *src = (*src & ~PTE_W) | PTE_COW;       /* the parent copies on write too */
        pte_t *dst = pt_walk(new->pml4, va, true);
        if (!dst)
            return -ENOMEM;
        *dst = *src & ~(PTE_A | PTE_D);
        frame_get(PTE_ADDR(*src));                  /* one more mapping of the frame */
        new->rss++;
    }
    return 0;
}

struct mm *mm_dup(struct mm *old)
{
    struct mm *new = mm_create();
    if (!new)
        return NULL;
    spin_lock(&old->lock);
    new->start_code = old->start_code;
    new->end_code = old->end_code;
    new->start_data = old->start_data;
    new->end_data = old->end_data;
    new->start_brk = old->start_brk;
    new->brk = old->brk;
    new->start_stack = old->start_stack;
    new->arg_start = old->arg_start;
    new->arg_end = old->arg_end;
    new->env_start = old->env_start;
    new->env_end = old->env_end;
    new->stack_limit = old->stack_limit;
    new->exe = old->exe;
    if (new->exe)
        inode_get(new->exe);

    struct vma *v;
    int err = 0;
    list_for_each_entry(v, &old->vmas, link) {
        struct vma *copy = vma_alloc(v->start, v->end, v->flags, v->file, v->pgoff, v->name);
        if (!copy) {
            err = -ENOMEM;
            break;
        }
        list_add_tail(&copy->link, &new->vmas);     /* same order: still sorted */
        if ((err = dup_pages(old, new, v)) < 0)
            break;
    }
    /* The parent's pages just became read-only: its TLB must forget the
     * writable translations. */
    tlb_flush_mm(old);
    new->hiwater_rss = new->rss;
    spin_unlock(&old->lock);
    if (err) {
        mm_put(new);
        return NULL;
    }
    return new;
}
