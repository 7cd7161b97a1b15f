/*
 * ramfs.c: the in-memory file system that holds the root tree.
 *
 * A directory is a list of (name, inode) entries; a regular file is its
 * page cache (pagecache.c). Nothing is ever written anywhere else: ramfs
 * is Linux's simplest file system too, and shows what the VFS does
 * without any disk in the way.
 */
#include "fs.h"
#include "errno.h"
#include "kmalloc.h"
#include "string.h"

static struct dentry *find_entry(struct inode *dir, const char *name)
{
    struct dentry *d;
    list_for_each_entry(d, &dir->entries, link)
        if (strcmp(d->name, name) == 0)
            return d;
    return NULL;
}

static struct inode *ramfs_lookup(struct inode *dir, const char *name)
{
    spin_lock(&dir->lock);
    struct dentry *d = find_entry(dir, name);
    struct inode *inode = d ? d->inode : NULL;
    if (inode)
        inode_get(inode);
    spin_unlock(&dir->lock);
    return inode;
}

/* Add name -> inode to dir (which takes a reference). With dir->lock. */
static int add_entry(struct inode *dir, const char *name, struct inode *inode)
{
    if (strlen(name) > NAME_MAX)
        return -ENAMETOOLONG;
    if (dir->nlink == 0)
        return -ENOENT;                     /* the directory was removed */
    if (find_entry(dir, name))
        return -EEXIST;
    struct dentry *d = kzalloc(sizeof *d);
    if (!d)
        return -ENOSPC;
    strlcpy(d->name, name, sizeof d->name);
    d->inode = inode;
    d->cookie = ++dir->dir_cookie + 1;      /* 0 and 1 are "." and ".." */
    inode_get(inode);
    list_add_tail(&d->link, &dir->entries);
    inode_touch(dir, true);
    return 0;
}

static struct inode *new_inode(struct inode *dir, uint32_t mode)
{
    struct inode *inode = inode_alloc(mode);
    if (!inode)
        return NULL;
    if (S_ISDIR(mode)) {
        inode->iops = &ramfs_dir_iops;
        inode->fops = &ramfs_dir_fops;
        inode->parent = dir;
        inode->nlink = 2;                   /* its name and its own "." */
    } else {
        inode->fops = &ramfs_file_fops;
        inode->nlink = 1;
    }
    return inode;
}

static int ramfs_create(struct inode *dir, const char *name, uint32_t mode, struct inode **out)
{
    struct inode *inode = new_inode(dir, S_IFREG | (mode & 07777));
    if (!inode)
        return -ENOSPC;
    spin_lock(&dir->lock);
    int err = add_entry(dir, name, inode);
    spin_unlock(&dir->lock);
    if (err) {
        inode_put(inode);
        return err;
    }
    *out = inode;                           /* the creation reference goes to the caller */
    return 0;
}

static int ramfs_mkdir(struct inode *dir, const char *name, uint32_t mode)
{
    struct inode *inode = new_inode(dir, S_IFDIR | (mode & 07777));
    if (!inode)
        return -ENOSPC;
    spin_lock(&dir->lock);
    int err = add_entry(dir, name, inode);
    if (!err)
        dir->nlink++;                       /* the child's ".." */
    spin_unlock(&dir->lock);
    inode_put(inode);
    return err;
}

int ramfs_mknod(struct inode *dir, const char *name, uint32_t mode,
                const struct file_operations *fops, void *private)
{
    struct inode *inode = inode_alloc(mode);
    if (!inode)
        return -ENOSPC;
    inode->fops = fops;
    inode->private = private;
    inode->nlink = 1;
    spin_lock(&dir->lock);
    int err = add_entry(dir, name, inode);
    spin_unlock(&dir->lock);
    inode_put(inode);
    return err;
}

static int ramfs_unlink(struct inode *dir, const char *name)
{
    spin_lock(&dir->lock);
    struct dentry *d = find_entry(dir, name);
    if (!d) {
        spin_unlock(&dir->lock);
        return -ENOENT;
    }
    if (S_ISDIR(d->inode->mode)) {
        spin_unlock(&dir->lock);
        return -EISDIR;
    }
    list_del(&d->link);
    inode_touch(dir, true);
    spin_unlock(&dir->lock);
    d->inode->nlink--;
    inode_put(d->inode);                    /* open files keep it alive */
    kfree(d);
    return 0;
}

static int ramfs_rmdir(struct inode *dir, const char *name)
{
    if (strcmp(name, ".") == 0)
        return -EINVAL;
    if (strcmp(name, "..") == 0)
        return -ENOTEMPTY;
    spin_lock(&dir->lock);
    struct dentry *d = find_entry(dir, name);
    int err = 0;
    if (!d)
        err = -ENOENT;
    else if (!S_ISDIR(d->inode->mode))
        err = -ENOTDIR;
    else if (!list_empty(&d->inode->entries))
        err = -ENOTEMPTY;
    else if (d->inode->mounted)
        err = -EBUSY;
    if (err) {
        spin_unlock(&dir->lock);
        return err;
    }
    list_del(&d->link);
    dir->nlink--;
    inode_touch(dir, true);
    spin_unlock(&dir->lock);
    d->inode->nlink = 0;
    d->inode->parent = NULL;
    inode_put(d->inode);
    kfree(d);
    return 0;
}

/* Is a an ancestor of (or the same as) b? Renaming a directory into its
 * own subtree would cut it off from the root. */
static bool is_ancestor(struct inode *a, struct inode *b)
{
    for (; b; b = b->parent)
        if (a == b)
            return true;
    return false;
}

/* Both directories' locks, in address order so two renames cannot each
 * hold one and wait for the other. */
static void lock_dirs(struct inode *a, struct inode *b)
{
    if (a > b) {
        struct inode *t = a;
        a = b;
        b = t;
    }
    spin_lock(&a->lock);
    if (b != a)
        spin_lock(&b->lock);
}

static void unlock_dirs(struct inode *a, struct inode *b)
{
    if (b != a)
        spin_unlock(&b->lock);
    spin_unlock(&a->lock);
}

static int ramfs_rename(struct inode *odir, const char *oname, struct inode *ndir,
                        const char *nname)
{
    if (strlen(nname) > NAME_MAX)
        return -ENAMETOOLONG;
    /* One lock for the whole tree change keeps two renames from crossing
     * (is_ancestor walks up the tree); the directory locks keep lookups
     * and readdir off the lists we change. */
    static struct spinlock rename_lock = SPINLOCK_INIT("rename");
    spin_lock(&rename_lock);
    lock_dirs(odir, ndir);
    struct dentry *src = find_entry(odir, oname);
    struct dentry *dst = find_entry(ndir, nname);
    int err = 0;
    if (!src)
        err = -ENOENT;
    else if (dst && src->inode == dst->inode)
        err = 0;                            /* two names of one file: nothing to do */
    else if (S_ISDIR(src->inode->mode) && is_ancestor(src->inode, ndir))
        err = -EINVAL;
    else if (dst && S_ISDIR(dst->inode->mode) && !S_ISDIR(src->inode->mode))
        err = -EISDIR;
    else if (dst && !S_ISDIR(dst->inode->mode) && S_ISDIR(src->inode->mode))
        err = -ENOTDIR;
    else if (dst && S_ISDIR(dst->inode->mode) && !list_empty(&dst->inode->entries))
        err = -ENOTEMPTY;
    if (err || (dst && src->inode == dst->inode)) {
        unlock_dirs(odir, ndir);
        spin_unlock(&rename_lock);
        return err;
    }
    if (dst) {                              /* the target is replaced */
        list_del(&dst->link);
        if (S_ISDIR(dst->inode->mode))
            ndir->nlink--;
        dst->inode->nlink = S_ISDIR(dst->inode->mode) ? 0 : dst->inode->nlink - 1;
        inode_put(dst->inode);
        kfree(dst);
    }
    list_del(&src->link);
    strlcpy(src->name, nname, sizeof src->name);
    src->cookie = ++ndir->dir_cookie + 1;   /* entries stay sorted by cookie */
    list_add_tail(&src->link, &ndir->entries);
    if (S_ISDIR(src->inode->mode) && odir != ndir) {
        src->inode->parent = ndir;
        odir->nlink--;
        ndir->nlink++;
    }
    inode_touch(odir, true);
    inode_touch(ndir, true);
    unlock_dirs(odir, ndir);
    spin_unlock(&rename_lock);
    return 0;
}

static int ramfs_link(struct inode *dir, const char *name, struct inode *target)
{
    if (S_ISDIR(target->mode))
        return -EPERM;                      /* no hard links to directories */
    spin_lock(&dir->lock);
    int err = add_entry(dir, name, target);
    spin_unlock(&dir->lock);
    if (!err)
        target->nlink++;
    return err;
}

static int ramfs_symlink(struct inode *dir, const char *name, const char *target)
{
    struct inode *inode = inode_alloc(S_IFLNK | 0777);
    if (!inode)
        return -ENOSPC;
    if (inode_set_symlink(inode, target) < 0) {
        inode_put(inode);
        return -ENOSPC;
    }
    inode->nlink = 1;
    spin_lock(&dir->lock);
    int err = add_entry(dir, name, inode);
    spin_unlock(&dir->lock);
    inode_put(inode);
    return err;
}

static long ramfs_read(struct file *f, char __user *buf, size_t len, uint64_t *off)
{
    long n = pagecache_read(f->inode, buf, len, *off);
    if (n > 0)
        *off += (uint64_t)n;
    return n;
}

static long ramfs_write(struct file *f, const char __user *buf, size_t len, uint64_t *off)
{
    if (f->flags & O_APPEND)
        *off = f->inode->size;              /* every write goes to the end */
    long n = pagecache_write(f->inode, buf, len, *off);
    if (n > 0)
        *off += (uint64_t)n;
    return n;
}

/* The entry at readdir position pos, or else the first one after it:
 * its name (copied), inode number, mode and own position *at. False when
 * there is none. With dir->lock; the caller emits it after dropping the
 * lock, by which time the entry may be gone, hence the copies. */
static bool entry_at(struct inode *dir, uint64_t pos, char *name, uint64_t *ino,
                     uint32_t *mode, uint64_t *at)
{
    const char *n = pos == 0 ? "." : "..";
    struct inode *inode = pos == 0 || !dir->parent ? dir : dir->parent;
    *at = pos;
    if (pos >= 2) {
        struct dentry *d, *found = NULL;
        list_for_each_entry(d, &dir->entries, link) {
            if (d->cookie >= pos) {
                found = d;
                break;
            }
        }
        if (!found)
            return false;
        n = found->name;
        inode = found->inode;
        *at = found->cookie;
    }
    strlcpy(name, n, NAME_MAX + 1);
    *ino = inode->ino;
    *mode = inode->mode;
    return true;
}

/* getdents64 over a ramfs directory. f->pos is a cookie: 0 is ".", 1 is
 * "..", and from 2 on the next entry to return is the first whose cookie
 * is at least f->pos. Cookies are handed out in increasing order and
 * never reused, so removing entries while reading (rm -r does that) skips
 * nothing and repeats nothing. */
static long ramfs_readdir(struct file *f, char __user *buf, size_t len)
{
    struct inode *dir = f->inode;
    struct dir_emitter de = { .buf = buf, .len = len };
    char name[NAME_MAX + 1];
    uint64_t ino, at;
    uint32_t mode;
    for (;;) {
        spin_lock(&dir->lock);
        bool more = entry_at(dir, f->pos, name, &ino, &mode, &at);
        spin_unlock(&dir->lock);        /* dir_emit copies to the user: it may fault */
        if (!more || !dir_emit(&de, name, ino, mode, (int64_t)at + 1))
            break;
        f->pos = at + 1;                /* d_off: lseek may come back here */
    }
    return dir_result(&de);
}

const struct inode_operations ramfs_dir_iops = {
    .lookup = ramfs_lookup,
    .create = ramfs_create,
    .mkdir = ramfs_mkdir,
    .unlink = ramfs_unlink,
    .rmdir = ramfs_rmdir,
    .rename = ramfs_rename,
    .link = ramfs_link,
    .symlink = ramfs_symlink,
};

const struct file_operations ramfs_file_fops = {
    .read = ramfs_read,
    .write = ramfs_write,
};

const struct file_operations ramfs_dir_fops = {
    .readdir = ramfs_readdir,
};

struct inode *ramfs_create_root(void)
{
    struct inode *root = new_inode(NULL, S_IFDIR | 0755);
    return root;
}
