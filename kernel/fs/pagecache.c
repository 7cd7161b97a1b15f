/*
 * pagecache.c: the page cache, where the contents of regular files live.
 *
 * A file's data is an array of frames, inode->pages[i] holding bytes
 * [i * 4096, (i + 1) * 4096) of the file. In weft's ramfs (as in Linux's)
 * the page cache is the only copy of a file: there is no disk behind it.
 *
 *   read()/write()  copy between these frames and the user buffer
 *   mmap()          maps the very same frames into the address space
 *                   (fault.c): no copy at all (claim A5), and a MAP_SHARED
 *                   write is what the next read() returns
 *   execve()        maps a program's text pages from here, so every
 *                   process running the program shares them (claim A2)
 *
 * Each frame is reference-counted: one reference for the cache, one per
 * mapping. Truncating a file drops the cache's reference; a frame that is
 * still mapped lives on until it is unmapped.
 */
#include "fs.h"
#include "errno.h"
#include "frame.h"
#include "kmalloc.h"
#include "mm.h"
#include "string.h"

#define MAX_FILE_PAGES (1ul << 20)      /* 4 GiB: more than any ramfs file needs */

static uint64_t cached_pages;           /* for /proc/meminfo's Cached */

uint64_t pagecache_total(void)
{
    return cached_pages;
}

/* Make room for index in the page array (doubling it). */
static int grow_array(struct inode *inode, uint64_t index)
{
    if (index < inode->pages_cap)
        return 0;
    if (index >= MAX_FILE_PAGES)
        return -EFBIG;
    uint64_t cap = inode->pages_cap ? inode->pages_cap : 8;
    while (cap <= index)
        cap *= 2;
    struct page **p = kzalloc(cap * sizeof *p);
    if (!p)
        return -ENOMEM;
    if (inode->pages)
        memcpy(p, inode->pages, inode->pages_cap * sizeof *p);
    kfree(inode->pages);
    inode->pages = p;
    inode->pages_cap = cap;
    return 0;
}

/* The page at index, from the cache (created if asked). With inode->lock.
 * The returned page is not referenced for the caller. */
static struct page *lookup(struct inode *inode, uint64_t index, bool create)
{
    if (index < inode->pages_cap && inode->pages[index])
        return inode->pages[index];
    if (!create || grow_array(inode, index) < 0)
        return NULL;
    paddr_t pa = frame_alloc_zeroed();     /* a hole reads as zeros */
    if (!pa)
        return NULL;
    struct page *pg = pa_to_page(pa);
    pg->flags |= PG_CACHE;
    inode->pages[index] = pg;
    __atomic_add_fetch(&cached_pages, 1, __ATOMIC_RELAXED);
    return pg;
}

struct page *pagecache_get(struct inode *inode, uint64_t index, bool create)
{
    spin_lock(&inode->lock);
    struct page *pg = lookup(inode, index, create);
    if (pg)
        frame_get(page_to_pa(pg));          /* a reference for the caller's mapping */
    spin_unlock(&inode->lock);
    return pg;
}

/* Copy between the cache and a buffer: into the cache if 'write', out of
 * it otherwise; 'user' says whether buf is a user address. Returns bytes
 * copied or an error. */
static long copy_pages(struct inode *inode, void *buf, size_t len, uint64_t off, bool write,
                       bool user)
{
    size_t done = 0;
    while (done < len) {
        uint64_t pos = off + done;
        uint64_t index = pos / PAGE_SIZE, in = pos % PAGE_SIZE;
        size_t n = PAGE_SIZE - in < len - done ? PAGE_SIZE - in : len - done;

        spin_lock(&inode->lock);
        struct page *pg = lookup(inode, index, write);
        paddr_t pa = pg ? page_to_pa(pg) : 0;
        if (pa)
            frame_get(pa);                  /* keep it while we copy, unlocked */
        spin_unlock(&inode->lock);
        if (!pg && write)
            return done ? (long)done : -ENOSPC;     /* out of memory: keep what we wrote */

        char *kaddr = pa ? (char *)phys_to_virt(pa) + in : NULL;
        int err = 0;
        char *ubuf = (char *)buf + done;
        if (!write) {
            if (!kaddr)                     /* a hole: zeros */
                err = user ? clear_user(ubuf, n) : (memset(ubuf, 0, n), 0);
            else
                err = user ? copy_to_user(ubuf, kaddr, n) : (memcpy(ubuf, kaddr, n), 0);
        } else {
            err = user ? copy_from_user(kaddr, ubuf, n) : (memcpy(kaddr, ubuf, n), 0);
        }
        if (pa)
            frame_put(pa);
        if (err)
            return done ? (long)done : -EFAULT;
        done += n;
    }
    return (long)done;
}

long pagecache_read(struct inode *inode, char __user *buf, size_t len, uint64_t off)
{
    if (off >= inode->size)
        return 0;                           /* end of file */
    if (len > inode->size - off)
        len = inode->size - off;
    return copy_pages(inode, buf, len, off, false, true);
}

long inode_read_kernel(struct inode *inode, void *buf, size_t len, uint64_t off)
{
    if (off >= inode->size)
        return 0;
    if (len > inode->size - off)
        len = inode->size - off;
    return copy_pages(inode, buf, len, off, false, false);
}

static long write_common(struct inode *inode, const void *buf, size_t len, uint64_t off,
                         bool user)
{
    if (off + len < off || (off + len) / PAGE_SIZE >= MAX_FILE_PAGES)
        return -EFBIG;
    long n = copy_pages(inode, (void *)buf, len, off, true, user);
    if (n > 0) {
        spin_lock(&inode->lock);
        if (off + (uint64_t)n > inode->size)
            inode->size = off + (uint64_t)n;
        spin_unlock(&inode->lock);
        inode_touch(inode, true);
    }
    return n;
}

long pagecache_write(struct inode *inode, const char __user *buf, size_t len, uint64_t off)
{
    return write_common(inode, buf, len, off, true);
}

long pagecache_write_kernel(struct inode *inode, const void *buf, size_t len, uint64_t off)
{
    return write_common(inode, buf, len, off, false);
}

/* Drop the cache's pages from 'size' on (and zero the tail of the page
 * that 'size' cuts). */
static void drop_pages(struct inode *inode, uint64_t size)
{
    spin_lock(&inode->lock);
    uint64_t keep = PAGE_ROUND_UP(size) / PAGE_SIZE;
    for (uint64_t i = keep; i < inode->pages_cap; i++) {
        struct page *pg = inode->pages[i];
        if (!pg)
            continue;
        inode->pages[i] = NULL;
        pg->flags &= ~PG_CACHE;
        __atomic_sub_fetch(&cached_pages, 1, __ATOMIC_RELAXED);
        frame_put(page_to_pa(pg));          /* still mapped somewhere? it lives on */
    }
    /* Shrinking into the middle of a page: the cut-off bytes must read
     * as zero if the file grows again. */
    if (size < inode->size && (size % PAGE_SIZE) && keep - 1 < inode->pages_cap &&
        inode->pages[keep - 1]) {
        char *p = phys_to_virt(page_to_pa(inode->pages[keep - 1]));
        memset(p + size % PAGE_SIZE, 0, PAGE_SIZE - size % PAGE_SIZE);
    }
    inode->size = size;
    spin_unlock(&inode->lock);
}

int pagecache_truncate(struct inode *inode, uint64_t size)
{
    if (size / PAGE_SIZE >= MAX_FILE_PAGES)
        return -EFBIG;
    /* Pages past the new end vanish from every mapping first: touching
     * them now gives SIGBUS, and if the file grows again they read as
     * zeros rather than as the old data (mm.c). */
    if (size < inode->size)
        mm_unmap_file(inode, PAGE_ROUND_UP(size) / PAGE_SIZE);
    drop_pages(inode, size);
    inode_touch(inode, true);
    return 0;
}

void pagecache_release(struct inode *inode)
{
    drop_pages(inode, 0);       /* the last reference is gone: nothing maps it */
}
