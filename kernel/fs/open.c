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

/* Find or make the inode 'path' names, per O_CREAT/O_EXCL; relative
 * paths start at dirfd, or at 'base' when dirfd is AT_BASE_INODE. */
static int open_inode(int dirfd, struct inode *base, const char *path, uint32_t flags,
                      uint32_t mode, struct inode **out, int depth)
{
    *out = base;
    if (!(flags & O_CREAT))
        return path_lookup(dirfd, path, !(flags & O_NOFOLLOW), out);

    struct inode *dir = base;
    char name[NAME_MAX + 1];
    int err = path_parent(dirfd, path, &dir, name);
    if (err)
        return err;
    if (path[strlen(path) - 1] == '/') {
        inode_put(dir);
        return -EISDIR;                     /* O_CREAT of "name/" */
    }
    err = path_lookup_at(dir, name, false, out);
    if (err == 0 && S_ISLNK((*out)->mode) && !(flags & (O_EXCL | O_NOFOLLOW))) {
        /* O_CREAT through a symbolic link creates what it points to, even
         * a file that does not exist yet (a "dangling" link); a relative
         * target starts at the link's directory. */
        struct inode *link = *out;
        err = depth < MAX_LINK_DEPTH
                  ? open_inode(AT_BASE_INODE, dir, link->symlink, flags, mode, out, depth + 1)
                  : -ELOOP;
        inode_put(link);
        inode_put(dir);
        return err;
    }
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
        return err;                         /* ENOENT in /proc, as on Linux */
    }
    uint32_t umask = current_proc()->fs->umask;
    err = dir->iops->create(dir, name, mode & ~umask & 07777, out);
    inode_put(dir);
    return err;
}

int do_open(int dirfd, const char *path, uint32_t flags, uint32_t mode, struct file **out)
{
    struct inode *inode;
    int err = open_inode(dirfd, NULL, path, flags, mode, &inode, 0);
    if (err)
        return err;
    int acc = flags & O_ACCMODE;
    if (S_ISLNK(inode->mode))
        err = -ELOOP;                       /* O_NOFOLLOW met a link */
    else if ((flags & O_DIRECTORY) && !S_ISDIR(inode->mode))
        err = -ENOTDIR;
    else if (S_ISDIR(inode->mode) && (acc != O_RDONLY || (flags & (O_TRUNC | O_CREAT))))
        err = -EISDIR;
    /* Access mode 3 is allowed (Linux): neither read nor write, for ioctl. */
    /* O_TRUNC truncates even with O_RDONLY (unspecified by POSIX; Linux does). */
    if (!err && (flags & O_TRUNC) && S_ISREG(inode->mode))
        err = pagecache_truncate(inode, 0);
    if (!err)
        err = vfs_open(inode, flags & ~(O_CREAT | O_EXCL | O_TRUNC), out);
    /* What F_GETFL reports: the status flags. O_CLOEXEC belongs to the
     * descriptor (F_GETFD), O_NOCTTY only mattered now, and a 64-bit
     * kernel opens everything O_LARGEFILE (Linux does). */
    if (!err)
        (*out)->flags = ((*out)->flags & ~(O_CLOEXEC | O_NOCTTY)) | O_LARGEFILE;
    inode_put(inode);                       /* the file holds its own reference */
    return err;
}
