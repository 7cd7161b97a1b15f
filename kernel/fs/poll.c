/*
 * poll.c: poll, ppoll, select and pselect6: waiting on many files at once.
 *
 * Each round asks every file's poll() what is ready. A file that is not
 * ready registers the wait queue that will announce a change (poll_wait),
 * so that one thread can sleep on many queues at once: the first wake_up
 * on any of them ends the sleep, and the next round looks again.
 */
#include "clock.h"
#include "errno.h"
#include "fs.h"
#include "kmalloc.h"
#include "proc.h"
#include "string.h"
#include "uaccess.h"
#include "weft/misc.h"
#include "weft/time.h"

#define POLL_MAX_FDS 1024

void poll_wait(struct poll_table *pt, struct wait_queue *wq)
{
    if (!pt || pt->count == POLL_MAX_QUEUES)
        return;                         /* full: the timeout below still bounds the wait */
    for (int i = 0; i < pt->count; i++)
        if (pt->queues[i] == wq)
            return;
    struct wait_entry *e = &pt->entries[pt->count];
    e->thread = current;
    pt->files[pt->count] = pt->polling;
    if (pt->polling)
        file_get(pt->polling);
    pt->queues[pt->count++] = wq;
    add_wait_queue(wq, e);
}

static void poll_forget(struct poll_table *pt)
{
    for (int i = 0; i < pt->count; i++) {
        remove_wait_queue(pt->queues[i], &pt->entries[i]);
        if (pt->files[i])
            file_put(pt->files[i]);     /* the queue may go with the file now */
    }
    pt->count = 0;
}

/* What is ready on fd (POLLNVAL if it is not open). */
static unsigned poll_one(int fd, struct poll_table *pt)
{
    if (fd < 0)
        return 0;                       /* negative fds are skipped (poll(2)) */
    struct file *f = fget(fd);
    if (!f)
        return POLLNVAL;
    if (pt)
        pt->polling = f;
    unsigned mask = f->fops && f->fops->poll ? f->fops->poll(f, pt)
                                             : POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
    if (pt)
        pt->polling = NULL;
    file_put(f);
    return mask;
}

/* The engine: poll fds[] until something is ready, the timeout (ns,
 * UINT64_MAX = forever) passes, or a signal comes. Returns the count. */
static long do_poll(struct pollfd *fds, unsigned nfds, uint64_t timeout)
{
    struct poll_table *pt = kzalloc(sizeof *pt);
    if (!pt)
        return -ENOMEM;
    uint64_t deadline = add_sat(ktime_ns(), timeout);     /* UINT64_MAX: forever */
    long ready;
    for (;;) {
        /* Asleep-to-be before looking: a wake_up during the scan makes us
         * runnable again, so the sleep below cannot miss it. */
        current->state = TASK_INTERRUPTIBLE;
        current->wchan = "poll";
        ready = 0;
        for (unsigned i = 0; i < nfds; i++) {
            unsigned want = (unsigned)fds[i].events | POLLERR | POLLHUP | POLLNVAL;
            fds[i].revents = (short)(poll_one(fds[i].fd, pt) & want);
            if (fds[i].revents)
                ready++;
        }
        uint64_t now = ktime_ns();
        if (ready || now >= deadline)
            break;
        if (signal_pending(current)) {
            ready = -ERESTARTNOHAND;
            break;
        }
        if (deadline == UINT64_MAX && pt->count < POLL_MAX_QUEUES)
            schedule();
        else
            schedule_timeout(deadline == UINT64_MAX ? NSEC_PER_TICK : deadline - now);
    }
    current->state = TASK_RUNNING;
    current->wchan = NULL;
    poll_forget(pt);
    kfree(pt);
    return ready;
}

static long poll_user(struct pollfd __user *ufds, unsigned nfds, uint64_t timeout)
{
    if (nfds > POLL_MAX_FDS)
        return -EINVAL;
    struct pollfd *fds = kmalloc(nfds * sizeof *fds + 1);
    if (!fds)
        return -ENOMEM;
    long r = copy_from_user(fds, ufds, nfds * sizeof *fds) ? -EFAULT : 0;
    if (!r)
        r = do_poll(fds, nfds, timeout);
    if (r >= 0)
        for (unsigned i = 0; i < nfds; i++)
            if (copy_to_user(&ufds[i].revents, &fds[i].revents, sizeof fds[i].revents))
                r = -EFAULT;
    kfree(fds);
    return r;
}

long sys_poll(struct pollfd __user *ufds, unsigned nfds, int timeout_ms)
{
    uint64_t t = timeout_ms < 0 ? UINT64_MAX : (uint64_t)timeout_ms * 1000000;
    return poll_user(ufds, nfds, t);
}

static int timeout_from_ts(const struct timespec __user *uts, uint64_t *t)
{
    *t = UINT64_MAX;
    if (!uts)
        return 0;
    struct timespec ts;
    if (copy_from_user(&ts, uts, sizeof ts))
        return -EFAULT;
    return time_to_ns(ts.tv_sec, ts.tv_nsec, 1, t);
}

/* ppoll and pselect6 swap in a signal mask for the duration. */
static int swap_mask(const uint64_t __user *umask, size_t size)
{
    if (!umask)
        return 0;
    if (size != 8)
        return -EINVAL;
    uint64_t m;
    if (copy_from_user(&m, umask, sizeof m))
        return -EFAULT;
    current->saved_sigmask = current->sigmask;
    current->restore_sigmask = true;        /* trap_exit puts it back */
    current->sigmask = m & ~SIG_UNBLOCKABLE;
    return 0;
}

long sys_ppoll(struct pollfd __user *ufds, unsigned nfds, const struct timespec __user *uts,
               const uint64_t __user *umask, size_t size)
{
    uint64_t t;
    int err = timeout_from_ts(uts, &t);
    if (!err)
        err = swap_mask(umask, size);
    if (err)
        return err;
    long r = poll_user(ufds, nfds, t);
    return r;                   /* -ERESTARTNOHAND: restarted unless a handler ran */
}

/* select's three bit sets, turned into a pollfd array and back. */
static long do_select(int n, uint64_t __user *uin, uint64_t __user *uout, uint64_t __user *uex,
                      uint64_t timeout)
{
    if (n < 0 || n > POLL_MAX_FDS)
        return -EINVAL;
    size_t words = ((size_t)n + 63) / 64;
    uint64_t in[16] = { 0 }, out[16] = { 0 }, ex[16] = { 0 };
    if ((uin && copy_from_user(in, uin, words * 8)) || (uout && copy_from_user(out, uout, words * 8)) ||
        (uex && copy_from_user(ex, uex, words * 8)))
        return -EFAULT;
    struct pollfd *fds = kmalloc((size_t)n * sizeof *fds + 1);
    if (!fds)
        return -ENOMEM;
    unsigned count = 0;
    for (int fd = 0; fd < n; fd++) {
        uint64_t bit = 1ull << (fd % 64);
        short ev = (short)((in[fd / 64] & bit ? POLLIN : 0) | (out[fd / 64] & bit ? POLLOUT : 0) |
                           (ex[fd / 64] & bit ? POLLPRI : 0));
        if (ev)
            fds[count++] = (struct pollfd){ fd, ev, 0 };
    }
    long r = do_poll(fds, count, timeout);
    if (r >= 0) {
        memset(in, 0, sizeof in), memset(out, 0, sizeof out), memset(ex, 0, sizeof ex);
        r = 0;
        for (unsigned i = 0; i < count; i++) {
            int fd = fds[i].fd;
            uint64_t bit = 1ull << (fd % 64);
            short re = fds[i].revents;
            if (re & POLLNVAL) {
                r = -EBADF;
                break;
            }
            if ((fds[i].events & POLLIN) && (re & (POLLIN | POLLHUP | POLLERR)))
                in[fd / 64] |= bit, r++;
            if ((fds[i].events & POLLOUT) && (re & (POLLOUT | POLLERR)))
                out[fd / 64] |= bit, r++;
            if ((fds[i].events & POLLPRI) && (re & POLLPRI))
                ex[fd / 64] |= bit, r++;
        }
    }
    kfree(fds);
    if (r >= 0 && ((uin && copy_to_user(uin, in, words * 8)) ||
                   (uout && copy_to_user(uout, out, words * 8)) ||
                   (uex && copy_to_user(uex, ex, words * 8))))
        return -EFAULT;
    return r;
}

long sys_select(int n, uint64_t __user *in, uint64_t __user *out, uint64_t __user *ex,
                struct timeval __user *utv)
{
    uint64_t t = UINT64_MAX;
    if (utv) {
        struct timeval tv;
        if (copy_from_user(&tv, utv, sizeof tv))
            return -EFAULT;
        if (time_to_ns(tv.tv_sec, tv.tv_usec, 1000, &t))
            return -EINVAL;
    }
    uint64_t start = ktime_ns();
    long r = do_select(n, in, out, ex, t);
    if (utv && t != UINT64_MAX) {           /* Linux reports the time left */
        uint64_t spent = ktime_ns() - start, left = spent < t ? t - spent : 0;
        struct timeval tv = { (long)(left / NSEC_PER_SEC), (long)(left % NSEC_PER_SEC / 1000) };
        copy_to_user(utv, &tv, sizeof tv);
    }
    return r;                   /* -ERESTARTNOHAND: restarted unless a handler ran */
}

long sys_pselect6(int n, uint64_t __user *in, uint64_t __user *out, uint64_t __user *ex,
                  const struct timespec __user *uts, const uint64_t __user *sigdata)
{
    uint64_t t;
    int err = timeout_from_ts(uts, &t);
    if (err)
        return err;
    if (sigdata) {                          /* { const sigset_t *ss; size_t ss_len; } */
        uint64_t d[2];
        if (copy_from_user(d, sigdata, sizeof d))
            return -EFAULT;
        if ((err = swap_mask((const uint64_t *)d[0], d[1])))
            return err;
    }
    long r = do_select(n, in, out, ex, t);
    return r;                   /* -ERESTARTNOHAND: restarted unless a handler ran */
}
