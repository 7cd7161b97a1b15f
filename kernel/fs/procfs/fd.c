/*
 * fd.c: links that name a process's files: /proc/PID/fd/N, exe and cwd.
 *
 *      $ ls -l /proc/self/fd
 *      lrwx------ 0 -> /dev/console
 *      l-wx------ 4 -> pipe:[27]
 *
 * Each link's target is written when it is looked up: the path of the
 * open file's inode (path.c finds it by searching the tree, since weft's
 * inodes do not know their names), or "pipe:[ino]" for a pipe, as on
 * Linux. Following a link therefore reaches a file by its path; Linux's
 * links are "magic" and reach the very open file even when it has no
 * name, which weft does not attempt.
 *
 * The permission bits say how the descriptor was opened, as on Linux:
 * r-x for reading, -wx for writing, rwx for both.
 */
#include "procfs.h"
#include "errno.h"
#include "format.h"
#include "kmalloc.h"
#include "mm.h"
#include "proc.h"

static const struct procfs_entry fd_link_entry = {
    .name = "N", .mode = S_IFLNK | 0700, .kind = PK_FD_LINK,
};

/* What a link to inode says: its path, or what kind of thing it is. */
static void link_target(struct inode *inode, char *buf, size_t size)
{
    if (procfs_inode_path(inode, buf, size) == 0)
        return;
    if (S_ISFIFO(inode->mode))
        snprintf(buf, size, "pipe:[%lu]", (unsigned long)inode->ino);
    else
        snprintf(buf, size, "inode:[%lu]", (unsigned long)inode->ino);  /* unlinked */
}

/* A link whose target is 'inode' (which it does not keep), or NULL. */
static struct inode *make_link_to(const struct procfs_entry *e, struct inode *dir, int pid,
                                  int fd, struct inode *inode)
{
    char *path = kmalloc(PATH_MAX);
    if (!path)
        return NULL;
    link_target(inode, path, PATH_MAX);
    struct inode *link = procfs_make_link(e, dir, pid, 0, fd, path);
    kfree(path);
    return link;
}

/* Descriptor fd of process pid: its inode, referenced, and open flags. */
static struct inode *fd_inode(int pid, int fd, uint32_t *flags)
{
    struct inode *inode = NULL;
    spin_lock(&tasklist_lock);
    struct proc *p = proc_find(pid);
    struct files_struct *files = p ? p->files : NULL;   /* NULL: a zombie */
    if (files && fd >= 0 && fd < NR_OPEN) {
        spin_lock(&files->lock);
        struct file *f = files->fd[fd];
        if (f && f->inode) {
            inode = f->inode;
            inode_get(inode);
            *flags = f->flags;
        }
        spin_unlock(&files->lock);
    }
    spin_unlock(&tasklist_lock);
    return inode;
}

struct inode *procfs_pid_link(const struct procfs_entry *e, struct inode *dir, int pid)
{
    /* Take a reference under the locks, then search for its name without
     * them (the search takes directory locks, and may take a while). */
    struct inode *target = NULL;
    spin_lock(&tasklist_lock);
    struct proc *p = proc_find(pid);
    if (p && e->kind == PK_PID_EXE && p->mm && p->mm->exe) {
        target = p->mm->exe;
        inode_get(target);
    } else if (p && e->kind == PK_PID_CWD && p->fs) {
        spin_lock(&p->fs->lock);
        target = p->fs->cwd;
        inode_get(target);
        spin_unlock(&p->fs->lock);
    }
    spin_unlock(&tasklist_lock);
    if (!target)
        return NULL;                /* a zombie has neither */
    struct inode *link = make_link_to(e, dir, pid, -1, target);
    inode_put(target);
    return link;
}

static struct inode *fd_lookup(struct inode *dir, const char *name)
{
    int pid = PROCFS_NODE(dir)->pid;
    int fd = name[0] == '0' && name[1] == '\0' ? 0 : procfs_parse_id(name);
    uint32_t flags = 0;
    struct inode *target = fd >= 0 ? fd_inode(pid, fd, &flags) : NULL;
    if (!target)
        return NULL;
    struct inode *link = make_link_to(&fd_link_entry, dir, pid, fd, target);
    inode_put(target);
    if (link) {
        uint32_t acc = flags & O_ACCMODE;
        link->mode = S_IFLNK | (acc != O_WRONLY ? 0500 : 0) | (acc != O_RDONLY ? 0300 : 0);
    }
    return link;
}

/* The open descriptors of process pid, ascending. */
static int *collect_fds(int pid, int *count)
{
    int *fds = NULL, n = 0;
    spin_lock(&tasklist_lock);
    struct proc *p = proc_find(pid);
    struct files_struct *files = p ? p->files : NULL;
    if (files) {
        fds = kmalloc(NR_OPEN * sizeof *fds);
        spin_lock(&files->lock);
        for (int fd = 0; fds && fd < NR_OPEN; fd++)
            if (files->fd[fd])
                fds[n++] = fd;
        spin_unlock(&files->lock);
    }
    spin_unlock(&tasklist_lock);
    *count = n;
    return fds;
}

static long fd_readdir(struct file *f, char __user *buf, size_t len)
{
    int pid = PROCFS_NODE(f->inode)->pid;
    struct dir_emitter de = { .buf = buf, .len = len };
    if (dir_emit_table(f, &de, NULL, 0, pid, 0)) {
        int n;
        int *fds = collect_fds(pid, &n);
        if (fds)
            dir_emit_ids(f, &de, fds, n, PK_FD_LINK, pid, S_IFLNK | 0700);
        kfree(fds);
    }
    return dir_result(&de);
}

const struct inode_operations procfs_fd_dir_iops = {
    .lookup = fd_lookup,
    .evict = procfs_evict,
    .get_name = procfs_get_name,
};

const struct file_operations procfs_fd_dir_fops = {
    .readdir = fd_readdir,
};
