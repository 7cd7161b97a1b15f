/*
 * base.c: the per-process directories (Linux's fs/proc/base.c).
 *
 *      /proc/PID/              the process (its pid is its first thread's tid)
 *          stat status cmdline comm wchan environ maps pagemap
 *          exe cwd             links to its program and working directory
 *          fd/                 one link per open descriptor (fd.c)
 *          task/               one directory per thread:
 *              TID/
 *                  stat status comm    the same files, about one thread
 *
 * The split mirrors struct proc (shared by the threads: memory, files,
 * signal handlers) and struct thread (each one's own state, times, signal
 * mask): /proc/PID/status shows the process as a whole, and
 * /proc/PID/task/TID/status the thread TID, with "Pid:" the tid.
 *
 * Every lookup first checks that the process (thread) still exists: a
 * directory that a shell has as its cwd outlives the process, and then
 * its names simply are not there any more (ENOENT), as on Linux.
 */
#include "procfs.h"
#include "kmalloc.h"
#include "string.h"

#define TASK_TEXT(nm, k, fn, m) { .name = nm, .mode = S_IFREG | (m), .kind = k, \
                                  .fops = &procfs_text_fops, .show_task = fn }

/* Linux's order (tgid_base_stuff), for the files weft has. */
static const struct procfs_entry pid_entries[] = {
    { .name = "task", .mode = S_IFDIR | 0555, .kind = PK_PID_TASK,
      .iops = &procfs_task_dir_iops, .fops = &procfs_task_dir_fops },
    { .name = "fd", .mode = S_IFDIR | 0500, .kind = PK_PID_FD,
      .iops = &procfs_fd_dir_iops, .fops = &procfs_fd_dir_fops },
    TASK_TEXT("environ", PK_PID_ENVIRON, procfs_show_environ, 0400),
    TASK_TEXT("status", PK_PID_STATUS, procfs_show_status, 0444),
    { .name = "comm", .mode = S_IFREG | 0644, .kind = PK_PID_COMM,
      .fops = &procfs_comm_fops, .show_task = procfs_show_comm },
    TASK_TEXT("cmdline", PK_PID_CMDLINE, procfs_show_cmdline, 0444),
    TASK_TEXT("stat", PK_PID_STAT, procfs_show_stat, 0444),
    TASK_TEXT("maps", PK_PID_MAPS, procfs_show_maps, 0444),
    { .name = "cwd", .mode = S_IFLNK | 0777, .kind = PK_PID_CWD },
    { .name = "exe", .mode = S_IFLNK | 0777, .kind = PK_PID_EXE },
    { .name = "pagemap", .mode = S_IFREG | 0400, .kind = PK_PID_PAGEMAP,
      .fops = &procfs_pagemap_fops },
    TASK_TEXT("wchan", PK_PID_WCHAN, procfs_show_wchan, 0444),
};
#define NPID ((int)(sizeof pid_entries / sizeof pid_entries[0]))

static const struct procfs_entry tid_entries[] = {
    TASK_TEXT("status", PK_TID_STATUS, procfs_show_status, 0444),
    { .name = "comm", .mode = S_IFREG | 0644, .kind = PK_TID_COMM,
      .fops = &procfs_comm_fops, .show_task = procfs_show_comm },
    TASK_TEXT("stat", PK_TID_STAT, procfs_show_stat, 0444),
    TASK_TEXT("wchan", PK_TID_WCHAN, procfs_show_wchan, 0444),
};
#define NTID ((int)(sizeof tid_entries / sizeof tid_entries[0]))

/* Look name up in a table of per-process (or per-thread) files. */
static struct inode *table_lookup(struct inode *dir, const char *name,
                                  const struct procfs_entry *tab, int n)
{
    struct procfs_node *d = PROCFS_NODE(dir);
    if (!procfs_task_exists(d->pid, d->tid))
        return NULL;
    for (int i = 0; i < n; i++) {
        if (strcmp(name, tab[i].name) != 0)
            continue;
        if (S_ISLNK(tab[i].mode))
            return procfs_pid_link(&tab[i], dir, d->pid);
        return procfs_make_inode(&tab[i], dir, d->pid, d->tid, -1);
    }
    return NULL;
}

static long table_readdir(struct file *f, char __user *buf, size_t len,
                          const struct procfs_entry *tab, int n)
{
    struct procfs_node *d = PROCFS_NODE(f->inode);
    struct dir_emitter de = { .buf = buf, .len = len };
    if (!procfs_task_exists(d->pid, d->tid))
        n = 0;                      /* gone: just "." and ".." */
    dir_emit_table(f, &de, tab, n, d->pid, d->tid);
    return dir_result(&de);
}

/* /proc/PID */

static struct inode *pid_lookup(struct inode *dir, const char *name)
{
    return table_lookup(dir, name, pid_entries, NPID);
}

static long pid_readdir(struct file *f, char __user *buf, size_t len)
{
    return table_readdir(f, buf, len, pid_entries, NPID);
}

const struct inode_operations procfs_pid_dir_iops = {
    .lookup = pid_lookup,
    .evict = procfs_evict,
    .get_name = procfs_get_name,
};

const struct file_operations procfs_pid_dir_fops = {
    .readdir = pid_readdir,
};

/* What root.c makes for each number it is asked for. */
const struct procfs_entry procfs_pid_dir_entry = {
    .name = "PID", .mode = S_IFDIR | 0555, .kind = PK_PID_DIR,
    .iops = &procfs_pid_dir_iops, .fops = &procfs_pid_dir_fops,
};

/* /proc/PID/task/TID */

static struct inode *tid_lookup(struct inode *dir, const char *name)
{
    return table_lookup(dir, name, tid_entries, NTID);
}

static long tid_readdir(struct file *f, char __user *buf, size_t len)
{
    return table_readdir(f, buf, len, tid_entries, NTID);
}

const struct inode_operations procfs_tid_dir_iops = {
    .lookup = tid_lookup,
    .evict = procfs_evict,
    .get_name = procfs_get_name,
};

const struct file_operations procfs_tid_dir_fops = {
    .readdir = tid_readdir,
};

static const struct procfs_entry tid_dir_entry = {
    .name = "TID", .mode = S_IFDIR | 0555, .kind = PK_TID_DIR,
    .iops = &procfs_tid_dir_iops, .fops = &procfs_tid_dir_fops,
};

/* /proc/PID/task */

static struct inode *task_lookup(struct inode *dir, const char *name)
{
    int pid = PROCFS_NODE(dir)->pid;
    int tid = procfs_parse_id(name);
    if (tid <= 0 || !procfs_task_exists(pid, tid))
        return NULL;
    return procfs_make_inode(&tid_dir_entry, dir, pid, tid, -1);
}

static long task_readdir(struct file *f, char __user *buf, size_t len)
{
    int pid = PROCFS_NODE(f->inode)->pid;
    struct dir_emitter de = { .buf = buf, .len = len };
    if (dir_emit_table(f, &de, NULL, 0, pid, 0)) {
        int n;
        int *tids = procfs_collect_tids(pid, &n);
        if (tids)
            dir_emit_ids(f, &de, tids, n, PK_TID_DIR, pid, S_IFDIR | 0555);
        kfree(tids);
    }
    return dir_result(&de);
}

const struct inode_operations procfs_task_dir_iops = {
    .lookup = task_lookup,
    .evict = procfs_evict,
    .get_name = procfs_get_name,
};

const struct file_operations procfs_task_dir_fops = {
    .readdir = task_readdir,
};
