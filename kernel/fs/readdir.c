/*
 * readdir.c: getdents64, and the records every file system's readdir
 * writes for it (Linux's fs/readdir.c).
 *
 * A directory's readdir walks its entries from f->pos and hands each one
 * to dir_emit(), which appends a struct linux_dirent64 to the user's
 * buffer. The record's d_off is the position of the entry after it, which
 * is where the next getdents64 (or a seekdir) resumes. What a position
 * means is the file system's business: a cookie in ramfs, a table index
 * or an id in procfs.
 */
#include "fs.h"
#include "errno.h"
#include "string.h"
#include "weft/dirent.h"

static uint8_t dtype_of(uint32_t mode)
{
    return S_ISDIR(mode) ? DT_DIR : S_ISLNK(mode) ? DT_LNK : S_ISCHR(mode) ? DT_CHR
         : S_ISFIFO(mode) ? DT_FIFO : DT_REG;
}

bool dir_emit(struct dir_emitter *de, const char *name, uint64_t ino, uint32_t mode,
              int64_t next_pos)
{
    if (de->full || de->error)
        return false;
    size_t namelen = strlen(name);
    size_t reclen = (sizeof(struct linux_dirent64) + namelen + 1 + 7) & ~7ul;
    if (de->used + reclen > de->len) {
        de->full = true;
        return false;
    }
    char rec[sizeof(struct linux_dirent64) + NAME_MAX + 8];
    struct linux_dirent64 *d = (void *)rec;
    memset(rec, 0, reclen);
    d->d_ino = ino;
    d->d_off = next_pos;
    d->d_reclen = (uint16_t)reclen;
    d->d_type = dtype_of(mode);
    memcpy(d->d_name, name, namelen + 1);
    if (copy_to_user(de->buf + de->used, rec, reclen)) {
        de->error = -EFAULT;
        return false;
    }
    de->used += reclen;
    return true;
}

long dir_result(struct dir_emitter *de)
{
    if (de->error && de->used == 0)
        return de->error;
    if (de->used == 0 && de->full)
        return -EINVAL;             /* not even one record fits */
    return (long)de->used;          /* what was written, even if a later record faulted */
}

long sys_getdents64(int fd, char __user *buf, size_t len)
{
    struct file *f = fget(fd);
    if (!f)
        return -EBADF;
    long r;
    if (!S_ISDIR(f->inode->mode))
        r = -ENOTDIR;
    else if (!access_ok(buf, len))
        r = -EFAULT;
    else if (!f->fops || !f->fops->readdir)
        r = -ENOTDIR;
    else
        r = f->fops->readdir(f, buf, len);
    file_put(f);
    return r;
}
