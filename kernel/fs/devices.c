/*
 * devices.c: the device files in /dev.
 *
 *   /dev/console, /dev/tty   the terminal (drivers/tty.c)
 *   /dev/null                reads end of file, writes vanish
 *   /dev/zero                reads zeros, writes vanish
 *   /dev/full                reads zeros, writes fail with ENOSPC
 *   /dev/slowdisk            a pretend disk: each read waits, in
 *                            uninterruptible sleep (state D), as for a disk
 *                            request in flight; write a number of
 *                            milliseconds to change the wait (default 2000)
 *
 * Each is an inode whose file operations are the device's (a "character
 * device"); the device numbers are Linux's, so ls -l shows familiar ones.
 */
#include "clock.h"
#include "errno.h"
#include "fs.h"
#include "proc.h"
#include "tty.h"
#include "uaccess.h"

#define MKDEV(major, minor) (((uint64_t)(major) << 8) | (minor))

static long null_read(struct file *f, char __user *buf, size_t len, uint64_t *off)
{
    (void)f, (void)buf, (void)len, (void)off;
    return 0;
}

static long null_write(struct file *f, const char __user *buf, size_t len, uint64_t *off)
{
    (void)f, (void)buf, (void)off;
    return (long)len;
}

static long zero_read(struct file *f, char __user *buf, size_t len, uint64_t *off)
{
    (void)f, (void)off;
    return clear_user(buf, len) ? -EFAULT : (long)len;
}

static long full_write(struct file *f, const char __user *buf, size_t len, uint64_t *off)
{
    (void)f, (void)buf, (void)len, (void)off;
    return -ENOSPC;
}

static uint64_t slowdisk_ms = 2000;

static long slowdisk_read(struct file *f, char __user *buf, size_t len, uint64_t *off)
{
    (void)f;
    /* The request is "in flight": no signal may interrupt it, not even
     * SIGKILL, which takes effect when the read returns (claim P4). */
    struct thread *t = current;
    uint64_t deadline = ktime_ns() + slowdisk_ms * 1000000;
    uint64_t now;
    while ((now = ktime_ns()) < deadline) {
        t->state = TASK_UNINTERRUPTIBLE;
        t->wchan = "slowdisk";
        schedule_timeout(deadline - now);
    }
    t->wchan = NULL;
    static const char block[] = "weft slowdisk: one block, read the slow way\n";
    size_t n = len < sizeof block - 1 ? len : sizeof block - 1;
    if (copy_to_user(buf, block, n))
        return -EFAULT;
    *off += n;
    return (long)n;
}

static long slowdisk_write(struct file *f, const char __user *buf, size_t len, uint64_t *off)
{
    (void)f, (void)off;
    char s[16];
    size_t n = len < sizeof s - 1 ? len : sizeof s - 1;
    if (copy_from_user(s, buf, n))
        return -EFAULT;
    s[n] = '\0';
    uint64_t ms = 0;
    for (size_t i = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
        ms = ms * 10 + (uint64_t)(s[i] - '0');
    if (ms == 0 || ms > 600000)
        return -EINVAL;
    slowdisk_ms = ms;
    return (long)len;
}

static const struct file_operations null_fops = { .read = null_read, .write = null_write };
static const struct file_operations zero_fops = { .read = zero_read, .write = null_write };
static const struct file_operations full_fops = { .read = zero_read, .write = full_write };
static const struct file_operations slowdisk_fops = { .read = slowdisk_read,
                                                      .write = slowdisk_write };

static void mknod(struct inode *dev, const char *name, const struct file_operations *fops,
                  uint64_t rdev)
{
    ramfs_mknod(dev, name, S_IFCHR | 0666, fops, NULL);
    struct inode *inode = dev->iops->lookup(dev, name);
    if (inode) {
        inode->rdev = rdev;
        inode_put(inode);
    }
}

void devices_init(struct inode *dev)
{
    tty_init();
    mknod(dev, "console", &tty_fops, MKDEV(5, 1));
    mknod(dev, "tty", &tty_fops, MKDEV(5, 0));
    mknod(dev, "null", &null_fops, MKDEV(1, 3));
    mknod(dev, "zero", &zero_fops, MKDEV(1, 5));
    mknod(dev, "full", &full_fops, MKDEV(1, 7));
    mknod(dev, "slowdisk", &slowdisk_fops, MKDEV(240, 0));
}
