/*
 * sys_file.c: system calls on file descriptors: read, write and their
 * vector and positioned forms, lseek, close, dup, fcntl, ioctl, fstat,
 * ftruncate, fsync. (getdents64 is in readdir.c.)
 */
#include "errno.h"
#include "fs.h"
#include "kmalloc.h"
#include "uaccess.h"
#include "weft/misc.h"
#include "weft/termios.h"

#define MAX_RW (0x7ffff000ul)   /* Linux caps one read/write at this */
#define IOV_MAX 1024

/* Access mode 3 (O_ACCMODE) is neither: such a descriptor is for ioctl. */
static bool readable(const struct file *f)
{
    int acc = f->flags & O_ACCMODE;
    return acc == O_RDONLY || acc == O_RDWR;
}

static bool writable(const struct file *f)
{
    int acc = f->flags & O_ACCMODE;
    return acc == O_WRONLY || acc == O_RDWR;
}

static long do_read(struct file *f, char __user *buf, size_t len, uint64_t *pos)
{
    if (!readable(f))
        return -EBADF;
    if (S_ISDIR(f->inode->mode))
        return -EISDIR;
    if (!f->fops || !f->fops->read)
        return -EINVAL;
    if (!access_ok(buf, len))
        return -EFAULT;
    return f->fops->read(f, buf, len > MAX_RW ? MAX_RW : len, pos);
}

static long do_write(struct file *f, const char __user *buf, size_t len, uint64_t *pos)
{
    if (!writable(f))
        return -EBADF;
    if (!f->fops || !f->fops->write)
        return -EINVAL;
    if (!access_ok(buf, len))
        return -EFAULT;
    return f->fops->write(f, buf, len > MAX_RW ? MAX_RW : len, pos);
}

static bool seekable(const struct file *f)
{
    return S_ISREG(f->inode->mode) || S_ISDIR(f->inode->mode) || S_ISCHR(f->inode->mode);
}

/* read/write at the file's position, which moves on (off < 0), or
 * pread64/pwrite64 at off, which leaves the position alone. */
static long rw(int fd, void __user *buf, size_t len, int64_t off, bool write)
{
    struct file *f = fget(fd);
    if (!f)
        return -EBADF;
    long n = -ESPIPE;
    if (off < 0 || seekable(f)) {
        uint64_t pos = off < 0 ? f->pos : (uint64_t)off;
        n = write ? do_write(f, buf, len, &pos) : do_read(f, buf, len, &pos);
        if (off < 0)
            f->pos = pos;
    }
    file_put(f);
    return n;
}

long sys_read(int fd, char __user *buf, size_t len)
{
    return rw(fd, buf, len, -1, false);
}

long sys_write(int fd, const char __user *buf, size_t len)
{
    return rw(fd, (void __user *)buf, len, -1, true);
}

long sys_pread64(int fd, char __user *buf, size_t len, int64_t off)
{
    return off < 0 ? -EINVAL : rw(fd, buf, len, off, false);
}

long sys_pwrite64(int fd, const char __user *buf, size_t len, int64_t off)
{
    /* As on Linux, O_APPEND wins over the offset for pwrite. */
    return off < 0 ? -EINVAL : rw(fd, (void __user *)buf, len, off, true);
}

/* writev through the file's own writev (pipes), with the array copied in. */
static long writev_whole(struct file *f, const struct iovec __user *uiov, int count)
{
    struct iovec *kiov = kmalloc((size_t)count * sizeof *kiov + 1);
    if (!kiov)
        return -ENOMEM;
    long r = copy_from_user(kiov, uiov, (size_t)count * sizeof *kiov) ? -EFAULT : 0;
    for (int i = 0; !r && i < count; i++)
        if (!access_ok(kiov[i].iov_base, kiov[i].iov_len))
            r = -EFAULT;
    if (!r && !writable(f))
        r = -EBADF;
    if (!r) {
        uint64_t pos = f->pos;
        r = f->fops->writev(f, kiov, count, &pos);
        f->pos = pos;
    }
    kfree(kiov);
    return r;
}

static long do_iov(int fd, const struct iovec __user *uiov, int count, bool write)
{
    if (count < 0 || count > IOV_MAX)
        return -EINVAL;
    struct file *f = fget(fd);
    if (!f)
        return -EBADF;
    if (write && f->fops && f->fops->writev) {
        long r = writev_whole(f, uiov, count);
        file_put(f);
        return r;
    }
    long total = 0;
    for (int i = 0; i < count; i++) {
        struct iovec v;
        if (copy_from_user(&v, &uiov[i], sizeof v)) {
            total = total ? total : -EFAULT;
            break;
        }
        if (v.iov_len == 0)
            continue;
        uint64_t pos = f->pos;
        long n = write ? do_write(f, v.iov_base, v.iov_len, &pos)
                       : do_read(f, v.iov_base, v.iov_len, &pos);
        f->pos = pos;
        if (n < 0) {
            total = total ? total : n;
            break;
        }
        total += n;
        if ((size_t)n < v.iov_len)
            break;                  /* a short transfer ends the vector */
    }
    file_put(f);
    return total;
}

long sys_readv(int fd, const struct iovec __user *iov, int count)
{
    return do_iov(fd, iov, count, false);
}

long sys_writev(int fd, const struct iovec __user *iov, int count)
{
    return do_iov(fd, iov, count, true);
}

long sys_lseek(int fd, int64_t off, int whence)
{
    struct file *f = fget(fd);
    if (!f)
        return -EBADF;
    long r;
    if (!seekable(f)) {
        r = -ESPIPE;
    } else {
        int64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (int64_t)f->pos
                     : whence == SEEK_END ? (int64_t)f->inode->size : -1;
        int64_t to;
        if (base < 0 && whence != SEEK_SET)
            r = -EINVAL;
        else if (__builtin_add_overflow(base, off, &to))
            r = -EOVERFLOW;
        else if (to < 0)
            r = -EINVAL;
        else if (S_ISDIR(f->inode->mode) && whence != SEEK_SET)
            r = -EINVAL;            /* directory positions are cookies */
        else
            r = (long)(f->pos = (uint64_t)to);
    }
    file_put(f);
    return r;
}

long sys_close(int fd)
{
    return fd_close(fd);
}

long sys_dup(int fd)
{
    struct file *f = fget(fd);
    if (!f)
        return -EBADF;
    int r = fd_install(f, 0, false);
    if (r < 0)
        file_put(f);
    return r;
}

long sys_dup3(int oldfd, int newfd, int flags)
{
    if (flags & ~O_CLOEXEC)
        return -EINVAL;
    if (oldfd == newfd)
        return -EINVAL;
    struct file *f = fget(oldfd);
    if (!f)
        return -EBADF;
    int r = fd_install_at(f, newfd, flags & O_CLOEXEC);
    if (r < 0)
        file_put(f);
    return r;
}

long sys_dup2(int oldfd, int newfd)
{
    if (oldfd == newfd) {           /* dup2 of a descriptor onto itself */
        struct file *f = fget(oldfd);
        if (!f)
            return -EBADF;
        file_put(f);
        return newfd;
    }
    return sys_dup3(oldfd, newfd, 0);
}

#define SETFL_FLAGS (O_APPEND | O_NONBLOCK | O_ASYNC | O_DIRECT | O_NOATIME)

long sys_fcntl(int fd, int cmd, unsigned long arg)
{
    struct file *f = fget(fd);
    if (!f)
        return -EBADF;
    long r;
    switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
        if (arg >= NR_OPEN) {
            r = -EINVAL;
            break;
        }
        file_get(f);
        r = fd_install(f, (int)arg, cmd == F_DUPFD_CLOEXEC);
        if (r < 0)
            file_put(f);
        break;
    case F_GETFD:
        r = fd_get_cloexec(fd) ? FD_CLOEXEC : 0;
        break;
    case F_SETFD:
        fd_set_cloexec(fd, arg & FD_CLOEXEC);
        r = 0;
        break;
    case F_GETFL:
        r = f->flags;
        break;
    case F_SETFL:
        f->flags = (f->flags & ~SETFL_FLAGS) | ((uint32_t)arg & SETFL_FLAGS);
        r = 0;
        break;
    case F_GETLK:
    case F_SETLK:
    case F_SETLKW:
        r = -ENOSYS;                /* no record locks in weft */
        break;
    default:
        r = -EINVAL;
    }
    file_put(f);
    return r;
}

long sys_ioctl(int fd, unsigned long cmd, unsigned long arg)
{
    struct file *f = fget(fd);
    if (!f)
        return -EBADF;
    long r;
    if (cmd == FIONBIO) {
        int on;
        r = copy_from_user(&on, (void *)arg, sizeof on) ? -EFAULT : 0;
        if (!r)
            f->flags = on ? f->flags | O_NONBLOCK : f->flags & ~O_NONBLOCK;
    } else {
        r = f->fops && f->fops->ioctl ? f->fops->ioctl(f, cmd, arg) : -ENOTTY;
    }
    file_put(f);
    return r;
}

long sys_fstat(int fd, struct stat __user *ust)
{
    struct file *f = fget(fd);
    if (!f)
        return -EBADF;
    struct stat st;
    inode_stat(f->inode, &st);
    file_put(f);
    return copy_to_user(ust, &st, sizeof st) ? -EFAULT : 0;
}

long sys_ftruncate(int fd, int64_t len)
{
    if (len < 0)
        return -EINVAL;
    struct file *f = fget(fd);
    if (!f)
        return -EBADF;
    long r;
    if (!S_ISREG(f->inode->mode))
        r = -EINVAL;
    else if (!writable(f))
        r = -EINVAL;                /* Linux: EINVAL for a read-only fd */
    else
        r = pagecache_truncate(f->inode, (uint64_t)len);
    file_put(f);
    return r;
}

long sys_fsync(int fd)
{
    struct file *f = fget(fd);
    if (!f)
        return -EBADF;
    file_put(f);
    return 0;                       /* ramfs: the page cache is the file */
}

long sys_fdatasync(int fd)
{
    return sys_fsync(fd);
}

long sys_sync(void)
{
    return 0;
}
