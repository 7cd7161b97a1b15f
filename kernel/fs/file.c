/*
 * file.c: open files and the per-process descriptor table.
 *
 *   descriptor (int) --fd[]--> struct file --> struct inode
 *                              (position,       (the file itself)
 *                               open flags)
 *
 * dup() and fork() copy the pointer, not the struct file, so the copies
 * share one position: that is why a parent and child writing to the same
 * inherited descriptor append rather than overwrite each other. Threads
 * share the whole table (CLONE_FILES).
 */
#include "fs.h"
#include "errno.h"
#include "kmalloc.h"
#include "proc.h"
#include "string.h"

struct file *file_alloc(struct inode *inode, uint32_t flags)
{
    struct file *f = kzalloc(sizeof *f);
    if (!f)
        return NULL;
    f->refcount = 1;
    f->inode = inode;
    f->flags = flags;
    f->fops = inode ? inode->fops : NULL;
    if (inode)
        inode_get(inode);
    return f;
}

void file_get(struct file *f)
{
    __atomic_add_fetch(&f->refcount, 1, __ATOMIC_RELAXED);
}

void file_put(struct file *f)
{
    if (__atomic_sub_fetch(&f->refcount, 1, __ATOMIC_ACQ_REL) != 0)
        return;
    if (f->fops && f->fops->release)
        f->fops->release(f);        /* e.g. a pipe end: tell the other side */
    if (f->inode)
        inode_put(f->inode);
    kfree(f);
}

struct file *fget(int fd)
{
    struct files_struct *files = current_proc()->files;
    if (fd < 0 || fd >= NR_OPEN || !files)
        return NULL;
    spin_lock(&files->lock);
    struct file *f = files->fd[fd];
    if (f)
        file_get(f);
    spin_unlock(&files->lock);
    return f;
}

static void set_cloexec(struct files_struct *files, int fd, bool on)
{
    if (on)
        files->cloexec[fd / 64] |= 1ull << (fd % 64);
    else
        files->cloexec[fd / 64] &= ~(1ull << (fd % 64));
}

bool fd_get_cloexec(int fd)
{
    struct files_struct *files = current_proc()->files;
    return files->cloexec[fd / 64] & (1ull << (fd % 64));
}

void fd_set_cloexec(int fd, bool on)
{
    struct files_struct *files = current_proc()->files;
    spin_lock(&files->lock);
    set_cloexec(files, fd, on);
    spin_unlock(&files->lock);
}

int fd_install(struct file *f, int min_fd, bool cloexec)
{
    struct files_struct *files = current_proc()->files;
    if (min_fd < 0 || min_fd >= NR_OPEN)
        return -EINVAL;
    spin_lock(&files->lock);
    for (int fd = min_fd; fd < NR_OPEN; fd++) {
        if (!files->fd[fd]) {
            files->fd[fd] = f;      /* the caller's reference moves into the table */
            set_cloexec(files, fd, cloexec);
            spin_unlock(&files->lock);
            return fd;
        }
    }
    spin_unlock(&files->lock);
    return -EMFILE;
}

/* dup2/dup3: put f at exactly newfd, closing what was there. */
int fd_install_at(struct file *f, int newfd, bool cloexec)
{
    struct files_struct *files = current_proc()->files;
    if (newfd < 0 || newfd >= NR_OPEN)
        return -EBADF;
    spin_lock(&files->lock);
    struct file *old = files->fd[newfd];
    files->fd[newfd] = f;
    set_cloexec(files, newfd, cloexec);
    spin_unlock(&files->lock);
    if (old)
        file_put(old);              /* outside the lock: release may sleep */
    return newfd;
}

int fd_close(int fd)
{
    struct files_struct *files = current_proc()->files;
    if (fd < 0 || fd >= NR_OPEN)
        return -EBADF;
    spin_lock(&files->lock);
    struct file *f = files->fd[fd];
    files->fd[fd] = NULL;
    set_cloexec(files, fd, false);
    spin_unlock(&files->lock);
    if (!f)
        return -EBADF;
    file_put(f);
    return 0;
}

struct files_struct *files_alloc(void)
{
    struct files_struct *files = kzalloc(sizeof *files);
    if (files) {
        files->refcount = 1;
        spin_init(&files->lock, "files");
    }
    return files;
}

struct files_struct *files_dup(struct files_struct *old)
{
    struct files_struct *files = files_alloc();
    if (!files)
        return NULL;
    spin_lock(&old->lock);
    for (int fd = 0; fd < NR_OPEN; fd++) {
        if (old->fd[fd]) {
            files->fd[fd] = old->fd[fd];
            file_get(files->fd[fd]);
        }
    }
    memcpy(files->cloexec, old->cloexec, sizeof files->cloexec);
    spin_unlock(&old->lock);
    return files;
}

void files_put(struct files_struct *files)
{
    if (!files || __atomic_sub_fetch(&files->refcount, 1, __ATOMIC_ACQ_REL) != 0)
        return;
    for (int fd = 0; fd < NR_OPEN; fd++)
        if (files->fd[fd])
            file_put(files->fd[fd]);
    kfree(files);
}

void files_close_on_exec(struct files_struct *files)
{
    for (int fd = 0; fd < NR_OPEN; fd++) {
        spin_lock(&files->lock);
        struct file *f = NULL;
        if (files->cloexec[fd / 64] & (1ull << (fd % 64))) {
            f = files->fd[fd];
            files->fd[fd] = NULL;
            set_cloexec(files, fd, false);
        }
        spin_unlock(&files->lock);
        if (f)
            file_put(f);
    }
}

struct fs_struct *fs_alloc(void)
{
    struct fs_struct *fs = kzalloc(sizeof *fs);
    if (fs) {
        fs->refcount = 1;
        spin_init(&fs->lock, "fs");
        fs->umask = 022;
        fs->cwd = root_inode;
        inode_get(root_inode);
    }
    return fs;
}

struct fs_struct *fs_dup(struct fs_struct *old)
{
    struct fs_struct *fs = kzalloc(sizeof *fs);
    if (!fs)
        return NULL;
    fs->refcount = 1;
    spin_init(&fs->lock, "fs");
    spin_lock(&old->lock);
    fs->umask = old->umask;
    fs->cwd = old->cwd;
    inode_get(fs->cwd);
    spin_unlock(&old->lock);
    return fs;
}

void fs_put(struct fs_struct *fs)
{
    if (!fs || __atomic_sub_fetch(&fs->refcount, 1, __ATOMIC_ACQ_REL) != 0)
        return;
    inode_put(fs->cwd);
    kfree(fs);
}
