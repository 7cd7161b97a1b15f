/*
 * path.c: the name of an inode, for maps, exe, cwd and fd/N.
 *
 * Linux keeps a cache of names (dentries) pointing at inodes, so it can
 * always say what path an open file or a mapping came from. weft's inodes
 * do not know their names: a ramfs directory holds (name, inode) pairs,
 * but nothing points back. So to name an inode we search the tree from
 * the root, directory by directory, until we meet it. The tree is the
 * initramfs plus whatever programs made: small enough for that.
 *
 * The search holds each directory's lock while scanning it and goes down
 * into subdirectories with the parent still locked (always top-down, so
 * two searches cannot deadlock). It does not go into mounted file systems;
 * procfs's own inodes are named from what they stand for instead.
 */
#include "procfs.h"
#include "errno.h"
#include "format.h"
#include "string.h"

#define MAX_SEARCH_DEPTH 32

/* "/proc/12/task/13/stat" from the node. */
static int procfs_own_path(struct inode *inode, char *buf, size_t size)
{
    struct procfs_node *n = PROCFS_NODE(inode);
    enum procfs_kind kind = n->entry->kind;
    size_t len = (size_t)snprintf(buf, size, "/proc");
    if (n->pid && len < size)
        len += (size_t)snprintf(buf + len, size - len, "/%d", n->pid);
    if (n->tid && len < size)
        len += (size_t)snprintf(buf + len, size - len, "/task/%d", n->tid);
    if (n->fd >= 0 && len < size)
        len += (size_t)snprintf(buf + len, size - len, "/fd/%d", n->fd);
    bool named_by_ids = kind == PK_ROOT || kind == PK_PID_DIR || kind == PK_TID_DIR ||
                        kind == PK_FD_LINK;
    if (!named_by_ids && len < size)
        len += (size_t)snprintf(buf + len, size - len, "/%s", n->entry->name);
    return len < size ? 0 : -ENAMETOOLONG;
}

/* Look for target below dir, whose path (buf[0..len)) is already in buf. */
static bool search(struct inode *dir, struct inode *target, char *buf, size_t len,
                   size_t size, int depth)
{
    bool found = false;
    spin_lock(&dir->lock);
    struct dentry *d;
    list_for_each_entry(d, &dir->entries, link) {
        size_t n = strlen(d->name);
        if (len + 1 + n + 1 > size)
            continue;               /* too long to name in buf */
        buf[len] = '/';
        memcpy(buf + len + 1, d->name, n + 1);
        struct inode *child = d->inode;
        if (child == target) {
            found = true;
            break;
        }
        bool plain_dir = S_ISDIR(child->mode) && child->iops == &ramfs_dir_iops &&
                         !child->mounted;
        if (plain_dir && depth < MAX_SEARCH_DEPTH &&
            search(child, target, buf, len + 1 + n, size, depth + 1)) {
            found = true;
            break;
        }
    }
    spin_unlock(&dir->lock);
    if (!found)
        buf[len] = '\0';
    return found;
}

int procfs_inode_path(struct inode *inode, char *buf, size_t size)
{
    if (size < 2)
        return -ENAMETOOLONG;
    if (inode->iops && inode->iops->evict == procfs_evict && inode->private)
        return procfs_own_path(inode, buf, size);
    if (!root_inode)
        return -ENOENT;
    if (inode == root_inode) {
        strlcpy(buf, "/", size);
        return 0;
    }
    buf[0] = '\0';
    return search(root_inode, inode, buf, 0, size, 0) ? 0 : -ENOENT;
}
