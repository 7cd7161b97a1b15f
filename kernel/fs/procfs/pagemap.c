/*
 * pagemap.c: /proc/PID/pagemap, where each virtual page really is.
 *
 * A binary file with one 64-bit entry per virtual page of the process:
 * the entry for address va is at offset (va / 4096) * 8. Linux's format
 * (Documentation/admin-guide/mm/pagemap.rst):
 *
 *      bit 63      page present (mapped to a frame)
 *      bit 62      page swapped (never, in weft)
 *      bit 61      file page or shared anonymous page (not private anonymous)
 *      bit 56      page exclusively mapped (only this mapping uses the frame)
 *      bits 0-54   the page frame number (physical address / 4096)
 *
 * Linux shows the frame numbers to root only; weft has only root. With
 * them a test can see what the kernel does with memory: two processes
 * running one program have the same frames under their text (the page
 * cache shares them), and after fork() the parent and child have the same
 * frames until one of them writes (copy-on-write), when bit 56 flips.
 *
 * The file is as long as the user address space: 2^35 entries, 256 GiB.
 * So it is never generated whole, unlike the text files: read() works out
 * the entries it was asked for, 64 at a time under mm->lock, and copies
 * each batch out with the lock dropped.
 */
#include "procfs.h"
#include "errno.h"
#include "frame.h"
#include "mm.h"
#include "proc.h"

#define PM_PRESENT          (1ull << 63)
#define PM_FILE             (1ull << 61)
#define PM_MMAP_EXCLUSIVE   (1ull << 56)
#define PM_PFRAME_MASK      ((1ull << 55) - 1)
#define PM_ENTRY_BYTES      8
#define PM_BATCH            64

/* With mm->lock held. */
uint64_t procfs_pagemap_entry(struct mm *mm, uint64_t va)
{
    pte_t *e = pt_walk(mm->pml4, va, false);
    if (!e || !pte_has_frame(*e))
        return 0;
    paddr_t pa = PTE_ADDR(*e);
    uint64_t entry = PM_PRESENT | ((pa >> PAGE_SHIFT) & PM_PFRAME_MASK);
    if ((pa >> PAGE_SHIFT) < max_pfn) {
        struct page *pg = pa_to_page(pa);
        bool cached = pg->flags & PG_CACHE;
        struct vma *v = vma_find(mm, va);
        if (cached || (v && (v->flags & VM_SHARED)))
            entry |= PM_FILE;
        /* The page cache holds a reference of its own; the rest are
         * mappings (Linux's mapcount). */
        if (pg->refcount - (cached ? 1u : 0u) == 1)
            entry |= PM_MMAP_EXCLUSIVE;
    }
    return entry;
}

/* Process pid's address space, referenced (mm_put it), or NULL. */
static struct mm *get_task_mm(int pid)
{
    struct mm *mm = NULL;
    spin_lock(&tasklist_lock);
    struct proc *p = proc_find(pid);
    if (p) {
        spin_lock(&p->lock);
        mm = p->mm;
        if (mm)
            mm_get(mm);
        spin_unlock(&p->lock);
    }
    spin_unlock(&tasklist_lock);
    return mm;
}

static int pagemap_open(struct inode *inode, struct file *f)
{
    (void)f;
    return procfs_task_exists(PROCFS_NODE(inode)->pid, 0) ? 0 : -ESRCH;
}

static long pagemap_read(struct file *f, char __user *buf, size_t len, uint64_t *off)
{
    /* Whole entries only, as on Linux. */
    if (*off % PM_ENTRY_BYTES || len % PM_ENTRY_BYTES)
        return -EINVAL;
    struct mm *mm = get_task_mm(PROCFS_NODE(f->inode)->pid);
    if (!mm)
        return 0;                   /* exited: nothing mapped any more */
    const uint64_t end = USER_TOP >> PAGE_SHIFT;       /* entries in the file */
    uint64_t index = *off / PM_ENTRY_BYTES;
    size_t done = 0;
    long err = 0;
    uint64_t batch[PM_BATCH];
    while (done < len && index < end) {
        uint64_t n = (len - done) / PM_ENTRY_BYTES;
        if (n > PM_BATCH)
            n = PM_BATCH;
        if (n > end - index)
            n = end - index;
        spin_lock(&mm->lock);
        for (uint64_t i = 0; i < n; i++)
            batch[i] = procfs_pagemap_entry(mm, (index + i) << PAGE_SHIFT);
        spin_unlock(&mm->lock);
        if (copy_to_user(buf + done, batch, n * PM_ENTRY_BYTES)) {
            err = -EFAULT;
            break;
        }
        done += n * PM_ENTRY_BYTES;
        index += n;
    }
    mm_put(mm);
    *off += done;
    return done ? (long)done : err;
}

const struct file_operations procfs_pagemap_fops = {
    .open = pagemap_open,
    .read = pagemap_read,
};
