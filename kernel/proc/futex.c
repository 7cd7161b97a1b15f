/*
 * futex.c: futex(2), the kernel half of every pthread mutex, condition
 * variable and join.
 *
 * A futex is just an int in user memory. User space does the fast path
 * alone with atomic instructions; only when a thread must wait does it
 * call FUTEX_WAIT(addr, expected): the kernel sleeps it *if the word
 * still holds 'expected'* (checked under the futex lock, so a concurrent
 * FUTEX_WAKE cannot slip in between the check and the sleep). FUTEX_WAKE
 * wakes up to n waiters of the same word.
 *
 * Waiters are kept in one list per hash bucket, keyed by what identifies
 * the word (futex_key below).
 */
#include "futex.h"
#include "clock.h"
#include "errno.h"
#include "mm.h"
#include "proc.h"
#include "uaccess.h"
#include "weft/misc.h"
#include "weft/time.h"

#define FUTEX_BUCKETS 64

struct futex_waiter {
    uint64_t key_a, key_b;          /* (mm, address) or (file, offset) */
    uint32_t bitset;
    struct thread *thread;
    bool woken;
    struct list_head link;
};

static struct list_head buckets[FUTEX_BUCKETS];
static struct spinlock futex_lock = SPINLOCK_INIT("futex");

static struct list_head *bucket(uint64_t a, uint64_t b)
{
    uint64_t h = (a ^ (b >> 2)) * 0x9e3779b97f4a7c15ull;
    struct list_head *l = &buckets[h >> 58];
    if (!l->next)
        list_init(l);
    return l;
}

/*
 * The key of the word at uaddr, or -EFAULT/-EINVAL. Like Linux:
 *   - a private futex, or a word in private memory: (mm, address). Only
 *     this process can see the word, and the key survives copy-on-write
 *     (after a fork the word may move to another frame).
 *   - a word in a MAP_SHARED mapping: (file, offset in the file), which
 *     every process mapping the same page agrees on, wherever they map it.
 */
static int futex_key(struct mm *mm, uint64_t uaddr, bool private, uint64_t *a, uint64_t *b)
{
    if (uaddr & 3)
        return -EINVAL;             /* futex words are aligned ints */
    if (!access_ok((void *)uaddr, 4))
        return -EFAULT;
    *a = (uint64_t)mm;
    *b = uaddr;
    if (private)
        return 0;
    spin_lock(&mm->lock);
    struct vma *v = vma_find(mm, uaddr);
    if (!v) {
        spin_unlock(&mm->lock);
        return -EFAULT;
    }
    if ((v->flags & VM_SHARED) && v->file) {
        *a = (uint64_t)v->file;
        *b = v->pgoff * PAGE_SIZE + (uaddr - v->start);
    }
    spin_unlock(&mm->lock);
    return 0;
}

static long futex_wait(struct mm *mm, uint64_t uaddr, bool private, uint32_t val,
                       uint64_t timeout_ns, uint32_t bitset)
{
    struct futex_waiter w = { .bitset = bitset, .thread = current };
    int err = futex_key(mm, uaddr, private, &w.key_a, &w.key_b);
    if (err)
        return err;
    list_init(&w.link);

    spin_lock(&futex_lock);
    uint32_t cur;
    if (copy_from_user(&cur, (void *)uaddr, sizeof cur)) {
        spin_unlock(&futex_lock);
        return -EFAULT;
    }
    if (cur != val) {               /* it changed already: do not sleep */
        spin_unlock(&futex_lock);
        return -EAGAIN;
    }
    list_add_tail(&w.link, bucket(w.key_a, w.key_b));
    current->state = TASK_INTERRUPTIBLE;   /* under futex_lock: a wake sees it */
    current->wchan = "futex";
    spin_unlock(&futex_lock);

    long r = 0;
    if (!signal_pending(current)) {
        if (timeout_ns)
            schedule_timeout(timeout_ns);
        else
            schedule();
    }
    current->state = TASK_RUNNING;
    current->wchan = NULL;

    spin_lock(&futex_lock);
    if (!w.woken) {                 /* nobody woke us: timeout or signal */
        list_del(&w.link);
        r = signal_pending(current) ? -ERESTARTSYS : -ETIMEDOUT;
        if (!timeout_ns && r == -ETIMEDOUT)
            r = -EAGAIN;            /* a spurious wakeup: user space retries */
    }
    spin_unlock(&futex_lock);
    return r;
}

static int wake_key(uint64_t a, uint64_t b, int n, uint32_t bitset)
{
    int woken = 0;
    spin_lock(&futex_lock);
    struct list_head *l = bucket(a, b);
    struct futex_waiter *w, *tmp;
    list_for_each_entry_safe(w, tmp, l, link) {
        if (woken >= n)
            break;
        if (w->key_a != a || w->key_b != b || !(w->bitset & bitset))
            continue;
        list_del(&w->link);
        w->woken = true;
        wake_up_thread(w->thread);
        woken++;
    }
    spin_unlock(&futex_lock);
    return woken;
}

int futex_wake(struct mm *mm, uint64_t uaddr, int n)
{
    /* The waiter may have used either kind of key (they differ only for
     * MAP_SHARED memory): wake by both. */
    uint64_t a, b;
    int woken = 0;
    if (futex_key(mm, uaddr, true, &a, &b) == 0)
        woken += wake_key(a, b, n, FUTEX_BITSET_MATCH_ANY);
    uint64_t a2, b2;
    if (woken < n && futex_key(mm, uaddr, false, &a2, &b2) == 0 && (a2 != a || b2 != b))
        woken += wake_key(a2, b2, n - woken, FUTEX_BITSET_MATCH_ANY);
    return woken;
}

/* Wake up to nwake waiters of key a and move up to nmove others to key
 * b: the waiters then sleep on the second word without ever having woken
 * (how condition variables hand their waiters to the mutex, without the
 * "thundering herd" of waking them all). */
static int requeue(uint64_t a1, uint64_t b1, uint64_t a2, uint64_t b2, int nwake, int nmove)
{
    int woken = 0, moved = 0;
    spin_lock(&futex_lock);
    struct list_head *from = bucket(a1, b1), *to = bucket(a2, b2);
    struct futex_waiter *w, *tmp;
    list_for_each_entry_safe(w, tmp, from, link) {
        if (w->key_a != a1 || w->key_b != b1)
            continue;
        if (woken < nwake) {
            list_del(&w->link);
            w->woken = true;
            wake_up_thread(w->thread);
            woken++;
        } else if (moved < nmove) {
            list_del(&w->link);
            w->key_a = a2;
            w->key_b = b2;
            list_add_tail(&w->link, to);
            moved++;
        } else {
            break;
        }
    }
    spin_unlock(&futex_lock);
    return woken + moved;
}

long sys_futex(uint64_t uaddr, int op, uint32_t val, const struct timespec *utimeout,
               uint64_t uaddr2, uint32_t val3)
{
    struct mm *mm = current_proc()->mm;
    bool private = op & FUTEX_PRIVATE_FLAG;
    int cmd = op & FUTEX_CMD_MASK;
    uint64_t timeout_ns = 0;

    if ((cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET) && utimeout) {
        struct timespec ts;
        if (copy_from_user(&ts, utimeout, sizeof ts))
            return -EFAULT;
        if (time_to_ns(ts.tv_sec, ts.tv_nsec, 1, &timeout_ns))
            return -EINVAL;
        if (cmd == FUTEX_WAIT_BITSET) {
            /* FUTEX_WAIT_BITSET takes an absolute time (monotonic, or
             * realtime with FUTEX_CLOCK_REALTIME). */
            uint64_t now = (op & FUTEX_CLOCK_REALTIME) ? realtime_ns() : ktime_ns();
            if (timeout_ns <= now)
                return -ETIMEDOUT;
            timeout_ns -= now;
        }
        if (timeout_ns == 0)
            timeout_ns = 1;
    }
    uint64_t a, b;
    int err;
    switch (cmd) {
    case FUTEX_WAIT:
        return futex_wait(mm, uaddr, private, val, timeout_ns, FUTEX_BITSET_MATCH_ANY);
    case FUTEX_WAIT_BITSET:
        if (val3 == 0)
            return -EINVAL;
        return futex_wait(mm, uaddr, private, val, timeout_ns, val3);
    case FUTEX_WAKE:
    case FUTEX_WAKE_BITSET:
        if (cmd == FUTEX_WAKE_BITSET && val3 == 0)
            return -EINVAL;
        if ((err = futex_key(mm, uaddr, private, &a, &b)))
            return err;
        return wake_key(a, b, (int)(val > 0x7fffffff ? 0x7fffffff : val),
                        cmd == FUTEX_WAKE ? FUTEX_BITSET_MATCH_ANY : val3);
    case FUTEX_REQUEUE:
    case FUTEX_CMP_REQUEUE: {
        /* The timeout argument is a count here: how many to move. */
        int nmove = (int)((uint64_t)utimeout > 0x7fffffff ? 0x7fffffff : (uint64_t)utimeout);
        int nwake = (int)(val > 0x7fffffff ? 0x7fffffff : val);
        uint64_t a2, b2;
        if ((err = futex_key(mm, uaddr, private, &a, &b)) ||
            (err = futex_key(mm, uaddr2, private, &a2, &b2)))
            return err;
        if (cmd == FUTEX_CMP_REQUEUE) {
            uint32_t cur;
            if (copy_from_user(&cur, (void *)uaddr, sizeof cur))
                return -EFAULT;
            if (cur != val3)
                return -EAGAIN;     /* it changed: the caller must look again */
        }
        int n = requeue(a, b, a2, b2, nwake, nmove);
        return cmd == FUTEX_REQUEUE ? (n < nwake ? n : nwake) : n;
    }
    default:
        return -ENOSYS;             /* FUTEX_WAKE_OP, PI futexes: not in weft */
    }
}
