/*
 * open.c: from a path and open flags to a struct file.
 */
#include "fs.h"
#include "errno.h"
#include "proc.h"
#include "string.h"

int vfs_open(struct inode *inode, uint32_t flags, struct file **out)
{
    struct file *f = file_alloc(inode, flags);
    if (!f)
        return -ENFILE;
    if (f->fops && f->fops->open) {
        int err = f->fops->open(inode, f);  /* devices, /proc files, pipes */
        if (err) {
            f->fops = NULL;                 /* no release for a failed open */
            file_put(f);
            return err;
        }
    }
    *out = f;
    return 0;
}

/* Find or make the inode 'path' names, per O_CREAT/O_EXCL. */
static int open_inode(int dirfd, const char *path, uint32_t flags, uint32_t mode,
                      struct inode **out)
{
    if (!(flags & O_CREAT))
        return path_lookup(dirfd, path, !(flags & O_NOFOLLOW), out);

    struct inode *dir;
    char name[NAME_MAX + 1];
    int err = path_parent(dirfd, path, &dir, name);
    if (err)
        return err;
    if (path[strlen(path) - 1] == '/') {
        inode_put(dir);
        return -EISDIR;                     /* O_CREAT of "name/" */
    }
    err = path_lookup(dirfd, path, !(flags & O_NOFOLLOW) && !(flags & O_EXCL), out);
    if (err == 0) {
        inode_put(dir);
        if (flags & O_EXCL) {
            inode_put(*out);
            return -EEXIST;
        }
        return 0;
    }
    if (err != -ENOENT || !dir->iops || !dir->iops->create) {
        inode_put(dir);
        return err == -ENOENT ? -EACCES : err;  /* e.g. creating in /proc */
    }
    uint32_t umask = current_proc()->fs->umask;
    err = dir->iops->create(dir, name, mode & ~umask & 07777, out);
    inode_put(dir);
    return err;
}

int do_open(int dirfd, const char *path, uint32_t flags, uint32_t mode, struct file **out)
{
    struct inode *inode;
    int err = open_inode(dirfd, path, flags, mode, &inode);
    if (err)
        return err;
    int acc = flags & O_ACCMODE;
    if (S_ISLNK(inode->mode))
        err = -ELOOP;                       /* O_NOFOLLOW met a link */
    else if ((flags & O_DIRECTORY) && !S_ISDIR(inode->mode))
        err = -ENOTDIR;
    else if (S_ISDIR(inode->mode) && (acc != O_RDONLY || (flags & O_TRUNC)))
        err = -EISDIR;
    else if (acc == O_ACCMODE)
        err = -EINVAL;
    if (!err && (flags & O_TRUNC) && S_ISREG(inode->mode) && acc != O_RDONLY)
        err = pagecache_truncate(inode, 0);
    if (!err)
        err = vfs_open(inode, flags & ~(O_CREAT | O_EXCL | O_TRUNC), out);
    inode_put(inode);                       /* the file holds its own reference */
    return err;
}
