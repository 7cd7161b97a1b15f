/*
 * pipe.c: pipes, the oldest Unix IPC (claim T7).
 *
 * A pipe is a bounded buffer in the kernel with two open files on it, a
 * read end and a write end. A reader with nothing to read sleeps until
 * data or the last writer is gone (then read returns 0: end of file); a
 * writer with no room sleeps until a reader makes some. Writing when no
 * reader is left fails with EPIPE and raises SIGPIPE. A write of at most
 * PIPE_BUF bytes is atomic: its bytes are never interleaved with another
 * writer's.
 */
#include "errno.h"
#include "fs.h"
#include "kmalloc.h"
#include "mutex.h"
#include "proc.h"
#include "string.h"
#include "signal.h"
#include "uaccess.h"
#include "weft/misc.h"
#include "weft/termios.h"

#define PIPE_SIZE   65536       /* Linux's default capacity */
#define PIPE_BUF    4096        /* atomic write size (POSIX minimum 512) */

struct pipe {
    struct spinlock lock;
    char *buf;                  /* PIPE_SIZE bytes, a ring */
    uint64_t rpos, wpos;        /* bytes ever read / written */
    int readers, writers;       /* open ends */
    struct mutex rmutex;        /* readers take turns (pipe_read) */
    struct wait_queue read_wq;  /* readers wait for data */
    struct wait_queue write_wq; /* writers wait for room */
};

static size_t avail(const struct pipe *p)
{
    return (size_t)(p->wpos - p->rpos);
}

/* Copy between the ring and a kernel buffer, with the pipe lock held.
 * The user copy happens outside the lock (it may fault a page in),
 * through a bounce buffer, so that no reader or writer ever sees half a
 * copy. */
static void ring_peek(struct pipe *p, char *dst, size_t n)
{
    for (size_t done = 0; done < n;) {
        size_t at = (size_t)((p->rpos + done) % PIPE_SIZE);
        size_t chunk = PIPE_SIZE - at < n - done ? PIPE_SIZE - at : n - done;
        memcpy(dst + done, p->buf + at, chunk);
        done += chunk;
    }
}

static void ring_in(struct pipe *p, const char *src, size_t n)
{
    for (size_t done = 0; done < n;) {
        size_t at = (size_t)(p->wpos % PIPE_SIZE);
        size_t chunk = PIPE_SIZE - at < n - done ? PIPE_SIZE - at : n - done;
        memcpy(p->buf + at, src + done, chunk);
        p->wpos += chunk;
        done += chunk;
    }
}

/*
 * Readers take turns (rmutex): a reader copies the bytes out, and only
 * once they reached the user buffer are they consumed. A read into a bad
 * buffer fails with EFAULT and leaves the data for the next read, as on
 * Linux. A reader waiting for data does not hold rmutex (Linux drops its
 * pipe mutex in pipe_wait the same way), so a non-blocking reader never
 * waits behind it.
 */
static long pipe_read(struct file *f, char __user *ubuf, size_t len, uint64_t *off)
{
    (void)off;
    struct pipe *p = f->private;
    bool nonblock = f->flags & O_NONBLOCK;
    if (len == 0)
        return 0;
    char *kbuf = kmalloc(PIPE_BUF);
    if (!kbuf)
        return -ENOMEM;
    long r;
    for (;;) {
        if (nonblock ? !mutex_trylock(&p->rmutex) : mutex_lock_interruptible(&p->rmutex) != 0) {
            r = nonblock ? -EAGAIN : -ERESTARTSYS;
            break;
        }
        spin_lock(&p->lock);
        if (avail(p) > 0 || p->writers == 0) {
            size_t n = avail(p) < len ? avail(p) : len;
            if (n > PIPE_BUF)
                n = PIPE_BUF;               /* one bounce buffer per call */
            ring_peek(p, kbuf, n);
            spin_unlock(&p->lock);
            r = (long)n;                    /* 0: every writer closed, end of file */
            if (n && copy_to_user(ubuf, kbuf, n))
                r = -EFAULT;                /* the bytes stay in the pipe */
            if (r > 0) {
                spin_lock(&p->lock);
                p->rpos += n;               /* consumed only now */
                spin_unlock(&p->lock);
                wake_up(&p->write_wq);
            }
            mutex_unlock(&p->rmutex);
            break;
        }
        /* Empty, with writers: wait for data, without rmutex. */
        mutex_unlock(&p->rmutex);
        if (nonblock) {
            spin_unlock(&p->lock);
            r = -EAGAIN;
            break;
        }
        int err = wait_event_interruptible_locked(&p->read_wq, avail(p) > 0 || p->writers == 0,
                                                  &p->lock);
        spin_unlock(&p->lock);
        if (err) {
            r = -ERESTARTSYS;
            break;
        }
    }
    kfree(kbuf);
    return r;
}

/* Put n bytes from a kernel buffer into the pipe; 'atomic': all at once,
 * waiting for room for all of them. Returns bytes written or an error
 * (-EPIPE raises SIGPIPE). */
static long write_kbuf(struct file *f, const char *kbuf, size_t n, bool atomic)
{
    struct pipe *p = f->private;
    size_t sent = 0;
    long err = 0;
    spin_lock(&p->lock);
    while (sent < n) {
        size_t need = atomic ? n : 1;
        if (p->readers > 0 && PIPE_SIZE - avail(p) < need) {
            if (f->flags & O_NONBLOCK) {
                err = -EAGAIN;
                break;
            }
            if (wait_event_interruptible_locked(
                    &p->write_wq, PIPE_SIZE - avail(p) >= need || p->readers == 0, &p->lock)) {
                err = -ERESTARTSYS;
                break;
            }
        }
        if (p->readers == 0) {
            err = -EPIPE;
            break;
        }
        size_t room = PIPE_SIZE - avail(p);
        size_t k = n - sent < room ? n - sent : room;
        ring_in(p, kbuf + sent, k);
        sent += k;
        spin_unlock(&p->lock);
        wake_up(&p->read_wq);
        spin_lock(&p->lock);
    }
    spin_unlock(&p->lock);
    if (err == -EPIPE) {
        struct ksiginfo info = { .code = SI_USER, .pid = current_proc()->pid };
        send_signal_thread(current, SIGPIPE, &info);
    }
    return sent ? (long)sent : err;
}

static long pipe_write(struct file *f, const char __user *ubuf, size_t len, uint64_t *off)
{
    (void)off;
    char *kbuf = kmalloc(PIPE_BUF);
    if (!kbuf)
        return -ENOMEM;
    bool atomic = len <= PIPE_BUF;          /* all in one go, never interleaved */
    size_t done = 0;
    long err = 0;
    while (done < len) {
        size_t n = len - done < PIPE_BUF ? len - done : PIPE_BUF;
        if (copy_from_user(kbuf, ubuf + done, n)) {
            err = -EFAULT;
            break;
        }
        long w = write_kbuf(f, kbuf, n, atomic);
        if (w < 0) {
            err = w;
            break;
        }
        done += (size_t)w;
        if ((size_t)w < n)
            break;                          /* interrupted or non-blocking: a short write */
    }
    kfree(kbuf);
    return done ? (long)done : err;
}

/* writev of at most PIPE_BUF bytes in all is atomic too (readv(2)): gather
 * the pieces first and write them in one go. */
static long pipe_writev(struct file *f, const struct iovec *iov, int count, uint64_t *off)
{
    size_t total = 0;
    for (int i = 0; i < count; i++)
        total += iov[i].iov_len;
    if (total > PIPE_BUF) {                 /* not atomic: piece by piece */
        long done = 0;
        for (int i = 0; i < count; i++) {
            if (iov[i].iov_len == 0)
                continue;
            long w = pipe_write(f, iov[i].iov_base, iov[i].iov_len, off);
            if (w < 0)
                return done ? done : w;
            done += w;
            if ((size_t)w < iov[i].iov_len)
                break;
        }
        return done;
    }
    char *kbuf = kmalloc(PIPE_BUF);
    if (!kbuf)
        return -ENOMEM;
    size_t at = 0;
    for (int i = 0; i < count; i++) {
        if (copy_from_user(kbuf + at, iov[i].iov_base, iov[i].iov_len)) {
            kfree(kbuf);
            return -EFAULT;
        }
        at += iov[i].iov_len;
    }
    long w = write_kbuf(f, kbuf, total, true);
    kfree(kbuf);
    return w;
}

static unsigned pipe_poll(struct file *f, struct poll_table *pt)
{
    struct pipe *p = f->private;
    unsigned mask = 0;
    spin_lock(&p->lock);
    if ((f->flags & O_ACCMODE) == O_RDONLY) {
        poll_wait(pt, &p->read_wq);
        if (avail(p) > 0)
            mask |= POLLIN | POLLRDNORM;
        if (p->writers == 0)
            mask |= POLLHUP;
    } else {
        poll_wait(pt, &p->write_wq);
        if (PIPE_SIZE - avail(p) >= PIPE_BUF)
            mask |= POLLOUT | POLLWRNORM;
        if (p->readers == 0)
            mask |= POLLERR;
    }
    spin_unlock(&p->lock);
    return mask;
}

static void pipe_release(struct file *f)
{
    struct pipe *p = f->private;
    spin_lock(&p->lock);
    if ((f->flags & O_ACCMODE) == O_RDONLY)
        p->readers--;
    else
        p->writers--;
    bool last = p->readers == 0 && p->writers == 0;
    spin_unlock(&p->lock);
    if (last) {
        kfree(p->buf);
        kfree(p);
        return;
    }
    wake_up(&p->read_wq);                   /* readers see end of file */
    wake_up(&p->write_wq);                  /* writers see EPIPE */
}

static long pipe_ioctl(struct file *f, unsigned long cmd, unsigned long arg)
{
    struct pipe *p = f->private;
    if (cmd != FIONREAD)
        return -ENOTTY;
    int n = (int)avail(p);
    return copy_to_user((void *)arg, &n, sizeof n) ? -EFAULT : 0;
}

static const struct file_operations pipe_fops = {
    .read = pipe_read,
    .write = pipe_write,
    .writev = pipe_writev,
    .poll = pipe_poll,
    .ioctl = pipe_ioctl,
    .release = pipe_release,
};

long sys_pipe2(int __user *ufds, int flags)
{
    if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
        return -EINVAL;
    struct pipe *p = kzalloc(sizeof *p);
    char *buf = kmalloc(PIPE_SIZE);
    struct inode *inode = inode_alloc(S_IFIFO | 0600);
    struct file *rf = NULL, *wf = NULL;
    if (inode) {
        inode->fops = &pipe_fops;
        inode->nlink = 1;
        rf = file_alloc(inode, O_RDONLY | (flags & O_NONBLOCK));
        wf = file_alloc(inode, O_WRONLY | (flags & O_NONBLOCK));
        inode_put(inode);                   /* the files hold their own references */
    }
    if (!p || !buf || !rf || !wf) {
        /* Out of memory part way: undo by hand. The files have no pipe
         * yet, so their release (which expects one) must not run. */
        if (rf) {
            rf->fops = NULL;
            file_put(rf);
        }
        if (wf) {
            wf->fops = NULL;
            file_put(wf);
        }
        kfree(buf);
        kfree(p);
        return -ENFILE;
    }
    spin_init(&p->lock, "pipe");
    wait_queue_init(&p->read_wq, "pipe_read");
    wait_queue_init(&p->write_wq, "pipe_write");
    mutex_init(&p->rmutex, "pipe_rmutex");
    p->buf = buf;
    p->readers = p->writers = 1;
    rf->private = wf->private = p;

    int fds[2];
    fds[0] = fd_install(rf, 0, flags & O_CLOEXEC);
    if (fds[0] < 0) {
        file_put(rf);
        file_put(wf);                       /* the last one frees the pipe */
        return fds[0];
    }
    fds[1] = fd_install(wf, 0, flags & O_CLOEXEC);
    if (fds[1] < 0) {
        fd_close(fds[0]);
        file_put(wf);
        return fds[1];
    }
    if (copy_to_user(ufds, fds, sizeof fds)) {
        fd_close(fds[0]);
        fd_close(fds[1]);
        return -EFAULT;
    }
    return 0;
}

long sys_pipe(int __user *fds)
{
    return sys_pipe2(fds, 0);
}
