/*
 * node.c: procfs inodes, made on demand and freed when unused.
 *
 * A ramfs inode lives as long as a directory names it. A procfs inode has
 * no such anchor: lookup() makes one each time a path is walked through
 * /proc, and it is freed by the inode_put() that drops its last reference
 * (Linux makes /proc inodes on demand too, and drops them under memory
 * pressure). Its procfs_node says what it stands for: which file, of
 * which process and thread. The node keeps a reference to the directory
 * the inode was found in, so ".." from a /proc/PID/task/TID that is some
 * shell's working directory always has somewhere to go; the evict hook
 * gives that reference back.
 *
 * Inode numbers are computed, not counted:
 *
 *      bit 40 set | pid << 24 | (tid or fd) << 8 | kind
 *
 * so the same file always has the same number, and the numbers stay clear
 * of ramfs's, which count up from 1 (st_dev is the same for the whole tree).
 */
#include "procfs.h"
#include "errno.h"
#include "format.h"
#include "kmalloc.h"
#include "string.h"

#define PROCFS_INO_BASE (1ull << 40)

uint64_t procfs_ino(enum procfs_kind kind, int pid, int sub)
{
    return PROCFS_INO_BASE | (uint64_t)(pid & 0xffff) << 24 | (uint64_t)(sub & 0xffff) << 8 |
           (uint64_t)kind;
}

/* Drop what the inode holds before inode_put() frees it. */
void procfs_evict(struct inode *inode)
{
    struct procfs_node *n = inode->private;
    inode->private = NULL;
    if (!n)
        return;
    struct inode *dir = n->dir;
    kfree(n);
    if (dir)
        inode_put(dir);
}

struct inode *procfs_make_inode(const struct procfs_entry *e, struct inode *parent,
                                int pid, int tid, int fd)
{
    struct procfs_node *n = kmalloc(sizeof *n);
    if (!n)
        return NULL;
    struct inode *inode = inode_alloc(e->mode);
    if (!inode) {
        kfree(n);
        return NULL;
    }
    n->entry = e;
    n->pid = pid;
    n->tid = tid;
    n->fd = fd;
    n->dir = parent;
    inode->ino = procfs_ino(e->kind, pid, tid ? tid : fd > 0 ? fd : 0);
    inode->nlink = S_ISDIR(e->mode) ? 2 : 1;
    inode->iops = e->iops ? e->iops : &procfs_file_iops;
    inode->fops = e->fops;
    inode->private = n;
    if (parent) {
        inode_get(parent);          /* given back by procfs_evict */
        inode->parent = parent;     /* for ".." */
    }
    return inode;
}

struct inode *procfs_make_link(const struct procfs_entry *e, struct inode *parent,
                               int pid, int tid, int fd, const char *target)
{
    struct inode *inode = procfs_make_inode(e, parent, pid, tid, fd);
    if (inode && inode_set_symlink(inode, target) < 0) {
        inode_put(inode);
        return NULL;
    }
    return inode;
}

/* The name this inode has in its directory (for getcwd: a procfs
 * directory is not a list of names the way a ramfs one is). */
int procfs_get_name(struct inode *inode, char *buf, size_t size)
{
    struct procfs_node *n = PROCFS_NODE(inode);
    switch (n->entry->kind) {
    case PK_PID_DIR:
        return snprintf(buf, size, "%d", n->pid) < (int)size ? 0 : -ENAMETOOLONG;
    case PK_TID_DIR:
        return snprintf(buf, size, "%d", n->tid) < (int)size ? 0 : -ENAMETOOLONG;
    default:
        return strlcpy(buf, n->entry->name, size) < size ? 0 : -ENAMETOOLONG;
    }
}

/* Directories have their own operations (root.c, base.c, fd.c) with this
 * same evict; these are for the files and links. */
const struct inode_operations procfs_file_iops = {
    .evict = procfs_evict,
};
