/*
 * mmap.c: the memory system calls: brk, mmap, munmap, mprotect, madvise,
 * msync, mincore. They only change the list of regions (vma.c); pages
 * come later, on the first touch (fault.c).
 */
#include "errno.h"
#include "fs.h"
#include "mm.h"
#include "proc.h"
#include "uaccess.h"
#include "weft/mman.h"

static struct mm *cur_mm(void)
{
    return current_proc()->mm;
}

/* brk: move the end of the heap. Returns the new end, or the old one if
 * the request cannot be met (that is how libc learns it failed). */
long sys_brk(uint64_t addr)
{
    struct mm *mm = cur_mm();
    spin_lock(&mm->lock);
    uint64_t old = mm->brk;
    if (addr < mm->start_brk)
        goto out;                   /* brk(0) and friends: just report */
    uint64_t old_end = PAGE_ROUND_UP(old), new_end = PAGE_ROUND_UP(addr);
    if (new_end > old_end) {
        if (new_end > MMAP_BASE || !vma_range_free(mm, old_end, new_end))
            goto out;               /* would run into another region */
        struct vma *heap = vma_find(mm, old_end - 1);
        if (heap && heap->name && heap->end == old_end) {
            heap->end = new_end;    /* grow the [heap] region */
        } else {
            struct vma *v = vma_alloc(old_end, new_end, VM_READ | VM_WRITE | VM_MAYWRITE,
                                      NULL, 0, "[heap]");
            if (!v || vma_insert(mm, v) < 0) {
                if (v)
                    vma_free(v);
                goto out;
            }
        }
    } else if (new_end < old_end) {
        if (vma_unmap_range(mm, new_end, old_end) < 0)  /* frees the pages */
            goto out;
    }
    mm->brk = addr;
out:
    addr = mm->brk;
    spin_unlock(&mm->lock);
    return (long)addr;
}

static uint32_t prot_to_vm(int prot)
{
    return (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
           (prot & PROT_EXEC ? VM_EXEC : 0);
}

long sys_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd, uint64_t off)
{
    struct mm *mm = cur_mm();
    int type = flags & MAP_TYPE;
    if (len == 0 || (off & (PAGE_SIZE - 1)))
        return -EINVAL;
    if (type != MAP_PRIVATE && type != MAP_SHARED && type != MAP_SHARED_VALIDATE)
        return -EINVAL;
    if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
        return -EINVAL;
    if (len > USER_TOP)
        return -ENOMEM;
    len = PAGE_ROUND_UP(len);
    bool fixed = flags & (MAP_FIXED | MAP_FIXED_NOREPLACE);
    if (fixed && (addr & (PAGE_SIZE - 1)))
        return -EINVAL;
    if (fixed && (addr + len > USER_TOP || addr + len < addr))
        return -ENOMEM;

    uint32_t vmflags = prot_to_vm(prot) | VM_MAYWRITE;
    struct inode *file = NULL;
    if (type != MAP_PRIVATE)
        vmflags |= VM_SHARED;
    if ((flags & MAP_ANONYMOUS) && (vmflags & VM_SHARED)) {
        /* Shared anonymous memory must stay shared across fork: back it
         * with a nameless file, whose page cache both sides map (Linux
         * uses a shmem file the same way; maps shows "/dev/zero"). */
        file = inode_alloc(S_IFREG | 0600);
        if (!file)
            return -ENOMEM;
        file->size = len;
        off = 0;
    } else if (!(flags & MAP_ANONYMOUS)) {
        struct file *f = fget(fd);
        if (!f)
            return -EBADF;
        int acc = f->flags & O_ACCMODE;
        long err = 0;
        if (!S_ISREG(f->inode->mode))
            err = -ENODEV;          /* only regular files have pages to map */
        else if (acc == O_WRONLY)
            err = -EACCES;
        else if ((vmflags & VM_SHARED) && acc != O_RDWR) {
            if (prot & PROT_WRITE)
                err = -EACCES;      /* a shared writable map needs a writable fd */
            vmflags &= ~VM_MAYWRITE;
        }
        if (!err && off / PAGE_SIZE + len / PAGE_SIZE < off / PAGE_SIZE)
            err = -EOVERFLOW;
        file = f->inode;
        if (!err)
            inode_get(file);
        file_put(f);
        if (err)
            return err;
    }

    spin_lock(&mm->lock);
    long r;
    if (fixed) {
        if (!vma_range_free(mm, addr, addr + len)) {
            if (flags & MAP_FIXED_NOREPLACE) {
                r = -EEXIST;
                goto out;
            }
            if ((r = vma_unmap_range(mm, addr, addr + len)) < 0)
                goto out;           /* MAP_FIXED replaces what was there */
        }
    } else if (addr < MMAP_MIN_ADDR || addr + len > USER_TOP || addr + len < addr ||
               !vma_range_free(mm, PAGE_ROUND_DOWN(addr), PAGE_ROUND_DOWN(addr) + len)) {
        addr = vma_find_gap(mm, len);   /* the hint is unusable: pick a place */
        if (!addr) {
            r = -ENOMEM;
            goto out;
        }
    } else {
        addr = PAGE_ROUND_DOWN(addr);
    }
    struct vma *v = vma_alloc(addr, addr + len, vmflags, file, off / PAGE_SIZE, NULL);
    if (!v) {
        r = -ENOMEM;
        goto out;
    }
    vma_insert(mm, v);
    vma_merge_all(mm);
    r = (long)addr;
out:
    spin_unlock(&mm->lock);
    if (file)
        inode_put(file);            /* the region holds its own reference */
    return r;
}

/* munmap, mprotect and friends take a page-aligned start. */
static int check_range(uint64_t addr, uint64_t len)
{
    if ((addr & (PAGE_SIZE - 1)) || len > USER_TOP)
        return -EINVAL;                 /* also: PAGE_ROUND_UP would wrap below */
    if (addr + PAGE_ROUND_UP(len) < addr || addr + PAGE_ROUND_UP(len) > USER_TOP)
        return -EINVAL;
    return 0;
}

long sys_munmap(uint64_t addr, uint64_t len)
{
    if (len == 0 || check_range(addr, len))
        return -EINVAL;
    struct mm *mm = cur_mm();
    spin_lock(&mm->lock);
    long r = vma_unmap_range(mm, addr, addr + PAGE_ROUND_UP(len));
    spin_unlock(&mm->lock);
    return r;
}

long sys_mprotect(uint64_t addr, uint64_t len, int prot)
{
    if (check_range(addr, len) || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)))
        return -EINVAL;
    if (len == 0)
        return 0;
    struct mm *mm = cur_mm();
    spin_lock(&mm->lock);
    long r = vma_protect_range(mm, addr, addr + PAGE_ROUND_UP(len), prot_to_vm(prot));
    spin_unlock(&mm->lock);
    return r;
}

/* Is every page of [start, end) inside some region? */
static bool fully_mapped(struct mm *mm, uint64_t start, uint64_t end)
{
    while (start < end) {
        struct vma *v = vma_find(mm, start);
        if (!v)
            return false;
        start = v->end;
    }
    return true;
}

long sys_madvise(uint64_t addr, uint64_t len, int advice)
{
    if (check_range(addr, len))
        return -EINVAL;
    switch (advice) {
    case MADV_NORMAL:
    case MADV_RANDOM:
    case MADV_SEQUENTIAL:
    case MADV_WILLNEED:
    case MADV_DONTNEED:
    case MADV_FREE:
        break;
    default:
        return -EINVAL;
    }
    if (len == 0)
        return 0;
    struct mm *mm = cur_mm();
    uint64_t end = addr + PAGE_ROUND_UP(len);
    spin_lock(&mm->lock);
    long r = fully_mapped(mm, addr, end) ? 0 : -ENOMEM;
    if (r == 0 && (advice == MADV_DONTNEED || advice == MADV_FREE)) {
        /* Drop the pages: anonymous memory reads as zero next time, a
         * private file mapping shows the file again. */
        for (uint64_t a = addr; a < end;) {
            struct vma *v = vma_find(mm, a);
            uint64_t stop = v->end < end ? v->end : end;
            vma_zap_pages(mm, a, stop);
            a = stop;
        }
    }
    spin_unlock(&mm->lock);
    return r;
}

long sys_msync(uint64_t addr, uint64_t len, int flags)
{
    if (check_range(addr, len) || (flags & ~(MS_ASYNC | MS_SYNC | MS_INVALIDATE)) ||
        ((flags & MS_ASYNC) && (flags & MS_SYNC)))
        return -EINVAL;
    struct mm *mm = cur_mm();
    spin_lock(&mm->lock);
    /* The page cache is the file (ramfs): there is nothing to write back. */
    long r = fully_mapped(mm, addr, addr + PAGE_ROUND_UP(len)) ? 0 : -ENOMEM;
    spin_unlock(&mm->lock);
    return r;
}

long sys_mincore(uint64_t addr, uint64_t len, unsigned char *vec)
{
    if (check_range(addr, len))
        return -EINVAL;
    struct mm *mm = cur_mm();
    uint64_t n = PAGE_ROUND_UP(len) / PAGE_SIZE;
    for (uint64_t i = 0; i < n; i++) {
        uint64_t va = addr + i * PAGE_SIZE;
        spin_lock(&mm->lock);
        bool mapped = vma_find(mm, va) != NULL;
        unsigned char in = pt_translate(mm->pml4, va, NULL) != 0;
        spin_unlock(&mm->lock);
        if (!mapped)
            return -ENOMEM;
        if (copy_to_user(vec + i, &in, 1))
            return -EFAULT;
    }
    return 0;
}
