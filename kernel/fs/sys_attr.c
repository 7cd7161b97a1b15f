/*
 * sys_attr.c: system calls that change or report an inode's attributes:
 * truncate, chmod, chown, utimensat, statfs.
 */
#include "clock.h"
#include "errno.h"
#include "fs.h"
#include "string.h"
#include "uaccess.h"

long sys_truncate(const char __user *upath, int64_t len)
{
    if (len < 0)
        return -EINVAL;
    struct inode *inode;
    int err = user_path_lookup(AT_FDCWD, upath, true, &inode);
    if (err)
        return err;
    long r = S_ISDIR(inode->mode) ? -EISDIR : !S_ISREG(inode->mode) ? -EINVAL
           : pagecache_truncate(inode, (uint64_t)len);
    inode_put(inode);
    return r;
}

/* chmod, chown and utimens change an inode found by path or fd. */
static long change_inode(int dirfd, const char __user *upath, int fd, bool follow,
                         void (*fn)(struct inode *, const void *), const void *arg)
{
    struct inode *inode;
    if (upath) {
        int err = user_path_lookup(dirfd, upath, follow, &inode);
        if (err)
            return err;
    } else {
        struct file *f = fget(fd);
        if (!f)
            return -EBADF;
        inode = f->inode;
        inode_get(inode);
        file_put(f);
    }
    fn(inode, arg);
    inode->ctime_ns = realtime_ns();    /* ctime: when the inode last changed */
    inode_put(inode);
    return 0;
}

static void apply_mode(struct inode *inode, const void *arg)
{
    inode->mode = (inode->mode & S_IFMT) | (*(const uint32_t *)arg & 07777);
}

long sys_fchmodat(int dirfd, const char __user *path, uint32_t mode)
{
    return change_inode(dirfd, path, -1, true, apply_mode, &mode);
}

long sys_chmod(const char __user *path, uint32_t mode)
{
    return change_inode(AT_FDCWD, path, -1, true, apply_mode, &mode);
}

long sys_fchmod(int fd, uint32_t mode)
{
    return change_inode(0, NULL, fd, true, apply_mode, &mode);
}

static void apply_owner(struct inode *inode, const void *arg)
{
    const uint32_t *ids = arg;
    if (ids[0] != (uint32_t)-1)
        inode->uid = ids[0];
    if (ids[1] != (uint32_t)-1)
        inode->gid = ids[1];
}

long sys_fchownat(int dirfd, const char __user *path, uint32_t uid, uint32_t gid, int flags)
{
    uint32_t ids[2] = { uid, gid };
    return change_inode(dirfd, path, -1, !(flags & AT_SYMLINK_NOFOLLOW), apply_owner, ids);
}

long sys_chown(const char __user *path, uint32_t uid, uint32_t gid)
{
    return sys_fchownat(AT_FDCWD, path, uid, gid, 0);
}

long sys_lchown(const char __user *path, uint32_t uid, uint32_t gid)
{
    return sys_fchownat(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW);
}

long sys_fchown(int fd, uint32_t uid, uint32_t gid)
{
    uint32_t ids[2] = { uid, gid };
    return change_inode(0, NULL, fd, true, apply_owner, ids);
}

#define UTIME_NOW  ((1l << 30) - 1)
#define UTIME_OMIT ((1l << 30) - 2)
#define KEEP UINT64_MAX                 /* UTIME_OMIT: leave this time alone */

static void apply_times(struct inode *inode, const void *arg)
{
    const uint64_t *ns = arg;
    if (ns[0] != KEEP)
        inode->atime_ns = ns[0];
    if (ns[1] != KEEP)
        inode->mtime_ns = ns[1];
}

long sys_utimensat(int dirfd, const char __user *path, const struct timespec __user *utimes,
                   int flags)
{
    uint64_t ns[2];
    struct timespec ts[2];
    uint64_t now = realtime_ns();
    if (utimes) {
        if (copy_from_user(ts, utimes, sizeof ts))
            return -EFAULT;
        for (int i = 0; i < 2; i++) {
            if (ts[i].tv_nsec == UTIME_NOW)
                ns[i] = now;
            else if (ts[i].tv_nsec == UTIME_OMIT)
                ns[i] = KEEP;
            else if (time_to_ns(ts[i].tv_sec, ts[i].tv_nsec, 1, &ns[i]))
                return -EINVAL;
        }
        if (ns[0] == KEEP && ns[1] == KEEP)
            return 0;                   /* nothing to change (Linux does not even look) */
    } else {
        ns[0] = ns[1] = now;
    }
    if (!path)
        return change_inode(0, NULL, dirfd, true, apply_times, ns);
    return change_inode(dirfd, path, -1, !(flags & AT_SYMLINK_NOFOLLOW), apply_times, ns);
}

struct k_statfs {
    long f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree;
    int f_fsid[2];
    long f_namelen, f_frsize, f_flags, f_spare[4];
};

static long fill_statfs(struct k_statfs __user *ubuf)
{
    struct k_statfs s;
    memset(&s, 0, sizeof s);
    s.f_type = 0x858458f6;          /* RAMFS_MAGIC */
    s.f_bsize = s.f_frsize = 4096;
    s.f_namelen = NAME_MAX;
    return copy_to_user(ubuf, &s, sizeof s) ? -EFAULT : 0;
}

long sys_statfs(const char __user *upath, struct k_statfs __user *buf)
{
    struct inode *inode;
    int err = user_path_lookup(AT_FDCWD, upath, true, &inode);
    if (err)
        return err;
    inode_put(inode);
    return fill_statfs(buf);
}

long sys_fstatfs(int fd, struct k_statfs __user *buf)
{
    struct file *f = fget(fd);
    if (!f)
        return -EBADF;
    file_put(f);
    return fill_statfs(buf);
}
