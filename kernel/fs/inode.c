/*
 * inode.c: allocating inodes and counting their users.
 *
 * An inode lives while something refers to it: a name in a directory
 * (nlink), an open file, a mapping, a process's cwd (refcount). When both
 * counts reach zero, its pages and memory go back. This is how an unlinked
 * file stays readable through a descriptor that is still open (Unix
 * semantics), and why unlink of a running program does not crash it.
 */
#include "fs.h"
#include "clock.h"
#include "errno.h"
#include "kmalloc.h"
#include "string.h"

static uint64_t last_ino;          /* inode numbers count up from 1 */

struct inode *inode_alloc(uint32_t mode)
{
    struct inode *inode = kzalloc(sizeof *inode);
    if (!inode)
        return NULL;
    inode->ino = __atomic_add_fetch(&last_ino, 1, __ATOMIC_RELAXED);
    inode->mode = mode;
    inode->refcount = 1;
    list_init(&inode->entries);
    spin_init(&inode->lock, "inode");
    uint64_t now = realtime_ns();
    inode->atime_ns = inode->mtime_ns = inode->ctime_ns = now;
    return inode;
}

void inode_get(struct inode *inode)
{
    __atomic_add_fetch(&inode->refcount, 1, __ATOMIC_RELAXED);
}

void inode_put(struct inode *inode)
{
    if (__atomic_sub_fetch(&inode->refcount, 1, __ATOMIC_ACQ_REL) != 0)
        return;
    /* The last reference. Directory entries hold references too, so a
     * file still named somewhere never gets here. */
    if (inode->iops && inode->iops->evict)
        inode->iops->evict(inode);
    if (inode->pages) {
        pagecache_release(inode);
        kfree(inode->pages);
    }
    kfree(inode->symlink);
    kfree(inode);
}

int inode_set_symlink(struct inode *inode, const char *target)
{
    size_t len = strlen(target);
    inode->symlink = kmalloc(len + 1);
    if (!inode->symlink)
        return -ENOMEM;
    memcpy(inode->symlink, target, len + 1);
    inode->size = len;                      /* lstat's st_size of a link: its length */
    return 0;
}

void inode_touch(struct inode *inode, bool modify)
{
    uint64_t now = realtime_ns();
    if (modify)
        inode->mtime_ns = inode->ctime_ns = now;
    else
        inode->atime_ns = now;
}
