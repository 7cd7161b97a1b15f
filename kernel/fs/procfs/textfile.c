/*
 * textfile.c: /proc files whose contents are text made at open().
 *
 * open() runs the file's generator ("show" function) into a procbuf and
 * keeps it in file->private; read() copies from that snapshot at the
 * file's offset; release() frees it. This is Linux's seq_file in its
 * simplest form (single_open): a program that reads /proc/PID/status in
 * small pieces still sees one consistent picture, taken at open time, and
 * reading twice from one descriptor gives the same text. To see fresh
 * numbers, open the file again (as `top` does).
 *
 * Per-process generators need the process to hold still while they look:
 * procfs_show_task_file() finds it under tasklist_lock (which keeps it
 * from being reaped and freed) and takes p->lock (which keeps its threads
 * from leaving the list). Both are spinlocks, so the generator may not
 * sleep; it only formats, and kmalloc() does not sleep. The copy to user
 * memory, which may fault and sleep, happens later in read(), with no
 * lock held.
 */
#include "procfs.h"
#include "errno.h"
#include "kmalloc.h"
#include "proc.h"
#include "string.h"

/* p's thread 'tid', if it is still in the process. With p->lock. */
static struct thread *find_thread(struct proc *p, int tid)
{
    struct thread *t;
    list_for_each_entry(t, &p->threads, thread_link)
        if (t->tid == tid && t->state != TASK_DEAD)
            return t;
    return NULL;
}

int procfs_show_task_file(struct procbuf *pb, int pid, int tid,
                          int (*show)(struct procbuf *, struct proc *, struct thread *))
{
    int err = -ESRCH;
    spin_lock(&tasklist_lock);
    struct proc *p = proc_find(pid);
    if (p) {
        spin_lock(&p->lock);
        struct thread *t = tid ? find_thread(p, tid) : NULL;
        if (!tid || t)
            err = show(pb, p, t);
        spin_unlock(&p->lock);
    }
    spin_unlock(&tasklist_lock);
    return err;
}

bool procfs_task_exists(int pid, int tid)
{
    bool found = false;
    spin_lock(&tasklist_lock);
    struct proc *p = proc_find(pid);
    if (p) {
        spin_lock(&p->lock);
        found = !tid || find_thread(p, tid);
        spin_unlock(&p->lock);
    }
    spin_unlock(&tasklist_lock);
    return found;
}

static int text_open(struct inode *inode, struct file *f)
{
    struct procfs_node *n = PROCFS_NODE(inode);
    const struct procfs_entry *e = n->entry;
    struct procbuf *pb = kmalloc(sizeof *pb);
    if (!pb)
        return -ENOMEM;
    pb_init(pb);
    int err = e->show ? e->show(pb) : procfs_show_task_file(pb, n->pid, n->tid, e->show_task);
    if (!err)
        err = pb->error;            /* ran out of memory part way */
    if (err) {
        pb_free(pb);
        kfree(pb);
        return err;
    }
    f->private = pb;
    return 0;
}

static long text_read(struct file *f, char __user *buf, size_t len, uint64_t *off)
{
    struct procbuf *pb = f->private;
    if (*off >= pb->len)
        return 0;                   /* end of file */
    size_t n = pb->len - *off;
    if (n > len)
        n = len;
    if (copy_to_user(buf, pb->buf + *off, n))
        return -EFAULT;
    *off += n;
    return (long)n;
}

static void text_release(struct file *f)
{
    struct procbuf *pb = f->private;
    if (pb) {
        pb_free(pb);
        kfree(pb);
        f->private = NULL;
    }
}

const struct file_operations procfs_text_fops = {
    .open = text_open,
    .read = text_read,
    .release = text_release,
};

/* /proc/PID/comm and /proc/PID/task/TID/comm can be written, as on
 * Linux: the new name (up to 15 characters, a trailing newline dropped)
 * becomes the thread's name (the process's too, for its main thread). */
static long comm_write(struct file *f, const char __user *buf, size_t len, uint64_t *off)
{
    (void)off;
    struct procfs_node *n = PROCFS_NODE(f->inode);
    char name[16];
    size_t k = len < sizeof name - 1 ? len : sizeof name - 1;
    if (copy_from_user(name, buf, k))
        return -EFAULT;
    name[k] = '\0';
    if (k > 0 && name[k - 1] == '\n')
        name[k - 1] = '\0';
    int err = -ESRCH;
    spin_lock(&tasklist_lock);
    struct proc *p = proc_find(n->pid);
    if (p) {
        spin_lock(&p->lock);
        struct thread *t = find_thread(p, n->tid ? n->tid : n->pid);
        if (t) {
            strlcpy(t->name, name, sizeof t->name);
            if (t == p->leader)
                strlcpy(p->comm, name, sizeof p->comm);
            err = 0;
        }
        spin_unlock(&p->lock);
    }
    spin_unlock(&tasklist_lock);
    return err ? err : (long)len;
}

const struct file_operations procfs_comm_fops = {
    .open = text_open,
    .read = text_read,
    .write = comm_write,
    .release = text_release,
};
