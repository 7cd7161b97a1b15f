/*
 * root.c: the /proc directory itself.
 *
 * Its entries are the system-wide files, two symbolic links, and one
 * directory per process:
 *
 *      meminfo stat weft interrupts uptime loadavg version cpuinfo mounts
 *      self -> PID                  the process looking (Linux's magic link)
 *      thread-self -> PID/task/TID  the thread looking
 *      1/ 2/ 7/ ...                 every process not yet reaped (zombies too)
 *
 * "self" is why `cat /proc/self/status` describes cat: the link's target
 * is written when the lookup runs, from the process doing the lookup, so
 * each process finds itself there. namei.c then follows it like any link.
 */
#include "procfs.h"
#include "format.h"
#include "kmalloc.h"
#include "proc.h"
#include "string.h"

#define TEXT(nm, k, fn) { .name = nm, .mode = S_IFREG | 0444, .kind = k, \
                          .fops = &procfs_text_fops, .show = fn }

static const struct procfs_entry root_entries[] = {
    TEXT("meminfo", PK_MEMINFO, procfs_show_meminfo),
    TEXT("stat", PK_STAT, procfs_show_kstat),
    TEXT("weft", PK_WEFT, procfs_show_weft),
    TEXT("interrupts", PK_INTERRUPTS, procfs_show_interrupts),
    TEXT("uptime", PK_UPTIME, procfs_show_uptime),
    TEXT("loadavg", PK_LOADAVG, procfs_show_loadavg),
    TEXT("version", PK_VERSION, procfs_show_version),
    TEXT("cpuinfo", PK_CPUINFO, procfs_show_cpuinfo),
    TEXT("mounts", PK_MOUNTS, procfs_show_mounts),
    { .name = "self", .mode = S_IFLNK | 0777, .kind = PK_SELF },
    { .name = "thread-self", .mode = S_IFLNK | 0777, .kind = PK_THREAD_SELF },
};
#define NROOT ((int)(sizeof root_entries / sizeof root_entries[0]))

static struct inode *proc_root_inode;

/* /proc/self or /proc/thread-self, pointing at whoever is looking. A
 * kernel thread (or the boot code running the self tests) has no
 * process, so for it the links do not exist, as on Linux. */
static struct inode *self_link(const struct procfs_entry *e, struct inode *dir)
{
    struct thread *t = current;
    if (!t || !t->proc)
        return NULL;
    int pid = t->proc->pid;
    char target[32];
    if (e->kind == PK_SELF)
        snprintf(target, sizeof target, "%d", pid);
    else
        snprintf(target, sizeof target, "%d/task/%d", pid, t->tid);
    return procfs_make_link(e, dir, 0, 0, -1, target);
}

static struct inode *root_lookup(struct inode *dir, const char *name)
{
    for (int i = 0; i < NROOT; i++) {
        const struct procfs_entry *e = &root_entries[i];
        if (strcmp(name, e->name) != 0)
            continue;
        if (S_ISLNK(e->mode))
            return self_link(e, dir);
        return procfs_make_inode(e, dir, 0, 0, -1);
    }
    int pid = procfs_parse_id(name);
    if (pid > 0 && procfs_task_exists(pid, 0))
        return procfs_make_inode(&procfs_pid_dir_entry, dir, pid, 0, -1);
    return NULL;
}

static long root_readdir(struct file *f, char __user *buf, size_t len)
{
    struct dir_emitter de = { .buf = buf, .len = len };
    if (dir_emit_table(f, &de, root_entries, NROOT, 0, 0)) {
        int n;
        int *pids = procfs_collect_pids(&n);
        if (pids)
            dir_emit_ids(f, &de, pids, n, PK_PID_DIR, 0, S_IFDIR | 0555);
        kfree(pids);
    }
    return dir_result(&de);
}

static const struct inode_operations root_iops = {
    .lookup = root_lookup,
    .evict = procfs_evict,
};

static const struct file_operations root_fops = {
    .readdir = root_readdir,
};

static const struct procfs_entry root_entry = {
    .name = "/proc", .mode = S_IFDIR | 0555, .kind = PK_ROOT,
    .iops = &root_iops, .fops = &root_fops,
};

struct inode *procfs_create_root(void)
{
    if (!proc_root_inode)
        proc_root_inode = procfs_make_inode(&root_entry, NULL, 0, 0, -1);
    return proc_root_inode;         /* the mount keeps this reference forever */
}
