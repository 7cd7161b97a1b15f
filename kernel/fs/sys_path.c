/*
 * sys_path.c: system calls that take a path: open, stat, mkdir, unlink,
 * rename, links, chdir and getcwd, and their *at() forms (dirfd =
 * AT_FDCWD means "relative to the working directory"). Calls that change
 * an inode's attributes are in sys_attr.c.
 */
#include "errno.h"
#include "fs.h"
#include "kmalloc.h"
#include "proc.h"
#include "string.h"
#include "uaccess.h"

/* Copy a user path into a fresh kernel buffer (kfree it). */
int user_path(const char __user *upath, char **out)
{
    char *p = kmalloc(PATH_MAX);
    if (!p)
        return -ENOMEM;
    int err = getname(upath, p);
    if (err) {
        kfree(p);
        return err;
    }
    *out = p;
    return 0;
}

int user_path_lookup(int dirfd, const char __user *upath, bool follow, struct inode **out)
{
    char *path;
    int err = user_path(upath, &path);
    if (err)
        return err;
    err = path_lookup(dirfd, path, follow, out);
    kfree(path);
    return err;
}

long sys_openat(int dirfd, const char __user *upath, int flags, int mode)
{
    char *path;
    int err = user_path(upath, &path);
    if (err)
        return err;
    struct file *f;
    err = do_open(dirfd, path, (uint32_t)flags, (uint32_t)mode, &f);
    kfree(path);
    if (err)
        return err;
    int fd = fd_install(f, 0, flags & O_CLOEXEC);
    if (fd < 0)
        file_put(f);
    return fd;
}

long sys_open(const char __user *path, int flags, int mode)
{
    return sys_openat(AT_FDCWD, path, flags, mode);
}

long sys_creat(const char __user *path, int mode)
{
    return sys_openat(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

long sys_newfstatat(int dirfd, const char __user *upath, struct stat __user *ust, int flags)
{
    if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    char *path;
    int err = user_path(upath, &path);
    struct inode *inode;
    if (err == -ENOENT && (flags & AT_EMPTY_PATH)) {
        struct file *f = fget(dirfd);   /* fstatat(fd, "", AT_EMPTY_PATH) = fstat */
        if (!f)
            return -EBADF;
        inode = f->inode;
        inode_get(inode);
        file_put(f);
    } else if (err) {
        return err;
    } else {
        err = path_lookup(dirfd, path, !(flags & AT_SYMLINK_NOFOLLOW), &inode);
        kfree(path);
        if (err)
            return err;
    }
    struct stat st;
    inode_stat(inode, &st);
    inode_put(inode);
    return copy_to_user(ust, &st, sizeof st) ? -EFAULT : 0;
}

long sys_stat(const char __user *path, struct stat __user *st)
{
    return sys_newfstatat(AT_FDCWD, path, st, 0);
}

long sys_lstat(const char __user *path, struct stat __user *st)
{
    return sys_newfstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}

long sys_faccessat2(int dirfd, const char __user *upath, int mode, int flags)
{
    if (mode & ~(F_OK | R_OK | W_OK | X_OK))
        return -EINVAL;
    if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    struct inode *inode;
    int err = user_path_lookup(dirfd, upath, !(flags & AT_SYMLINK_NOFOLLOW), &inode);
    if (err)
        return err;
    /* Everyone is root: read and write are allowed; executing needs an
     * x bit somewhere (as for root on Linux). */
    if ((mode & X_OK) && !S_ISDIR(inode->mode) && !(inode->mode & 0111))
        err = -EACCES;
    inode_put(inode);
    return err;
}

long sys_faccessat(int dirfd, const char __user *path, int mode)
{
    return sys_faccessat2(dirfd, path, mode, 0);
}

long sys_access(const char __user *path, int mode)
{
    return sys_faccessat2(AT_FDCWD, path, mode, 0);
}

/* Resolve the parent of upath and call fn(dir, name, arg). */
static long with_parent(int dirfd, const char __user *upath,
                        long (*fn)(struct inode *dir, const char *name, long arg), long arg)
{
    char *path;
    int err = user_path(upath, &path);
    if (err)
        return err;
    struct inode *dir;
    char *name = kmalloc(NAME_MAX + 1);
    if (!name) {
        kfree(path);
        return -ENOMEM;
    }
    bool slash = path[strlen(path) - 1] == '/';
    err = path_parent(dirfd, path, &dir, name);
    kfree(path);
    long r = err;
    if (!err) {
        /* "name/" must be a directory if it exists: unlink("file/") is
         * ENOTDIR, not a removal. */
        struct inode *child = slash && dir->iops && dir->iops->lookup && strcmp(name, "/")
                                  ? dir->iops->lookup(dir, name) : NULL;
        r = child && !S_ISDIR(child->mode) ? -ENOTDIR : fn(dir, name, arg);
        if (child)
            inode_put(child);
        inode_put(dir);
    }
    kfree(name);
    return r;
}

/* "/" is what path_parent names the root itself. */
static bool is_dot(const char *name)
{
    return strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || strcmp(name, "/") == 0;
}

static long mkdir_in(struct inode *dir, const char *name, long mode)
{
    if (is_dot(name))
        return -EEXIST;
    if (!dir->iops || !dir->iops->mkdir)
        return -ENOENT;                 /* /proc: no new names there (Linux: ENOENT) */
    uint32_t umask = current_proc()->fs->umask;
    return dir->iops->mkdir(dir, name, (uint32_t)mode & ~umask & 07777);
}

long sys_mkdirat(int dirfd, const char __user *path, int mode)
{
    return with_parent(dirfd, path, mkdir_in, mode);
}

long sys_mkdir(const char __user *path, int mode)
{
    return sys_mkdirat(AT_FDCWD, path, mode);
}

static long rmdir_in(struct inode *dir, const char *name, long unused)
{
    (void)unused;
    if (strcmp(name, "/") == 0)
        return -EBUSY;                  /* the root is always in use */
    if (!dir->iops || !dir->iops->rmdir)
        return -EPERM;
    return dir->iops->rmdir(dir, name);
}

static long unlink_in(struct inode *dir, const char *name, long unused)
{
    (void)unused;
    if (is_dot(name))
        return -EISDIR;
    if (!dir->iops || !dir->iops->unlink)
        return -EPERM;
    return dir->iops->unlink(dir, name);
}

long sys_unlinkat(int dirfd, const char __user *path, int flags)
{
    if (flags & ~AT_REMOVEDIR)
        return -EINVAL;
    return with_parent(dirfd, path, flags & AT_REMOVEDIR ? rmdir_in : unlink_in, 0);
}

long sys_unlink(const char __user *path)
{
    return sys_unlinkat(AT_FDCWD, path, 0);
}

long sys_rmdir(const char __user *path)
{
    return sys_unlinkat(AT_FDCWD, path, AT_REMOVEDIR);
}

long sys_renameat2(int olddirfd, const char __user *uold, int newdirfd,
                   const char __user *unew, unsigned flags)
{
    if (flags & ~RENAME_NOREPLACE)
        return -EINVAL;             /* RENAME_EXCHANGE: not in weft */
    char *oldp, *newp;
    int err = user_path(uold, &oldp);
    if (err)
        return err;
    if ((err = user_path(unew, &newp))) {
        kfree(oldp);
        return err;
    }
    struct inode *odir = NULL, *ndir = NULL, *probe;
    char oname[NAME_MAX + 1], nname[NAME_MAX + 1];
    bool slash = oldp[strlen(oldp) - 1] == '/' || newp[strlen(newp) - 1] == '/';
    if (!(err = path_parent(olddirfd, oldp, &odir, oname)) &&
        !(err = path_parent(newdirfd, newp, &ndir, nname))) {
        if (is_dot(oname) || is_dot(nname))
            err = -EBUSY;
        else if (slash && path_lookup_at(odir, oname, false, &probe) == 0) {
            err = S_ISDIR(probe->mode) ? 0 : -ENOTDIR;     /* "file/": not a dir */
            inode_put(probe);
        }
        if (!err && (odir->iops != ndir->iops || !odir->iops || !odir->iops->rename))
            err = -EXDEV;           /* across file systems (into /proc, say) */
        if (!err && (flags & RENAME_NOREPLACE) && path_lookup(newdirfd, newp, false, &probe) == 0) {
            inode_put(probe);
            err = -EEXIST;
        }
        if (!err)
            err = odir->iops->rename(odir, oname, ndir, nname);
    }
    if (odir)
        inode_put(odir);
    if (ndir)
        inode_put(ndir);
    kfree(oldp);
    kfree(newp);
    return err;
}

long sys_renameat(int olddirfd, const char __user *oldp, int newdirfd, const char __user *newp)
{
    return sys_renameat2(olddirfd, oldp, newdirfd, newp, 0);
}

long sys_rename(const char __user *oldp, const char __user *newp)
{
    return sys_renameat2(AT_FDCWD, oldp, AT_FDCWD, newp, 0);
}

static long link_in(struct inode *dir, const char *name, long target)
{
    if (is_dot(name))
        return -EEXIST;
    if (!dir->iops || !dir->iops->link)
        return -ENOENT;
    return dir->iops->link(dir, name, (struct inode *)target);
}

long sys_linkat(int olddirfd, const char __user *uold, int newdirfd, const char __user *unew,
                int flags)
{
    if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    struct inode *target;
    int err = user_path_lookup(olddirfd, uold, flags & AT_SYMLINK_FOLLOW, &target);
    if (err)
        return err;
    long r = with_parent(newdirfd, unew, link_in, (long)target);
    inode_put(target);
    return r;
}

long sys_link(const char __user *oldp, const char __user *newp)
{
    return sys_linkat(AT_FDCWD, oldp, AT_FDCWD, newp, 0);
}

static long symlink_in(struct inode *dir, const char *name, long target)
{
    if (is_dot(name))
        return -EEXIST;
    if (!dir->iops || !dir->iops->symlink)
        return -ENOENT;
    return dir->iops->symlink(dir, name, (const char *)target);
}

long sys_symlinkat(const char __user *utarget, int dirfd, const char __user *upath)
{
    char *target;
    int err = user_path(utarget, &target);
    if (err)
        return err;
    long r = with_parent(dirfd, upath, symlink_in, (long)target);
    kfree(target);
    return r;
}

long sys_symlink(const char __user *target, const char __user *path)
{
    return sys_symlinkat(target, AT_FDCWD, path);
}

long sys_readlinkat(int dirfd, const char __user *upath, char __user *buf, int size)
{
    if (size <= 0)
        return -EINVAL;
    struct inode *inode;
    int err = user_path_lookup(dirfd, upath, false, &inode);
    if (err)
        return err;
    long r = -EINVAL;                   /* not a link */
    if (S_ISLNK(inode->mode) && inode->symlink) {
        /* The target, cut to fit, with no NUL (readlink(2)). */
        r = inode->size < (size_t)size ? (long)inode->size : size;
        if (copy_to_user(buf, inode->symlink, (size_t)r))
            r = -EFAULT;
    }
    inode_put(inode);
    return r;
}

long sys_readlink(const char __user *path, char __user *buf, int size)
{
    return sys_readlinkat(AT_FDCWD, path, buf, size);
}

static void set_cwd(struct inode *dir)
{
    struct fs_struct *fs = current_proc()->fs;
    spin_lock(&fs->lock);
    struct inode *old = fs->cwd;
    fs->cwd = dir;
    spin_unlock(&fs->lock);
    inode_put(old);
}

long sys_chdir(const char __user *upath)
{
    struct inode *dir;
    int err = user_path_lookup(AT_FDCWD, upath, true, &dir);
    if (err)
        return err;
    if (!S_ISDIR(dir->mode)) {
        inode_put(dir);
        return -ENOTDIR;
    }
    set_cwd(dir);
    return 0;
}

long sys_fchdir(int fd)
{
    struct file *f = fget(fd);
    if (!f)
        return -EBADF;
    long r = -ENOTDIR;
    if (S_ISDIR(f->inode->mode)) {
        inode_get(f->inode);
        set_cwd(f->inode);
        r = 0;
    }
    file_put(f);
    return r;
}

/* The name under which dir lists child, or NULL. */
static const char *name_in(struct inode *dir, struct inode *child)
{
    struct dentry *d;
    list_for_each_entry(d, &dir->entries, link)
        if (d->inode == child || d->inode->mounted == child)
            return d->name;
    return NULL;
}

long sys_getcwd(char __user *ubuf, size_t size)
{
    char *buf = kmalloc(PATH_MAX);
    if (!buf)
        return -ENOMEM;
    size_t pos = PATH_MAX - 1;
    buf[pos] = '\0';
    struct fs_struct *fs = current_proc()->fs;
    spin_lock(&fs->lock);
    struct inode *cur = fs->cwd;
    long err = 0;
    while (cur != root_inode) {
        while (cur->covered)        /* a mount root: continue from its mount point */
            cur = cur->covered;
        struct inode *parent = cur->parent;
        char own[NAME_MAX + 1];
        const char *name = cur->iops && cur->iops->get_name
                               ? (cur->iops->get_name(cur, own, sizeof own) == 0 ? own : NULL)
                               : parent ? name_in(parent, cur) : NULL;
        if (!name) {
            err = -ENOENT;          /* the directory was removed */
            break;
        }
        size_t n = strlen(name);
        if (n + 1 > pos) {
            err = -ENAMETOOLONG;
            break;
        }
        pos -= n;
        memcpy(buf + pos, name, n);
        buf[--pos] = '/';
        cur = parent;
    }
    spin_unlock(&fs->lock);
    if (!err && pos == PATH_MAX - 1)
        buf[--pos] = '/';           /* the root itself */
    size_t len = PATH_MAX - pos;    /* with the NUL */
    if (!err && len > size)
        err = -ERANGE;
    if (!err && copy_to_user(ubuf, buf + pos, len))
        err = -EFAULT;
    kfree(buf);
    return err ? err : (long)len;
}

long sys_umask(int mask)
{
    struct fs_struct *fs = current_proc()->fs;
    uint32_t old = fs->umask;
    fs->umask = (uint32_t)mask & 0777;
    return old;
}
