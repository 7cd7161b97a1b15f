/*
 * dirent.c: listing /proc directories (getdents64).
 *
 * A procfs directory has nothing stored to walk: its entries are a fixed
 * table (the files every process has) and/or the ids of whatever
 * processes or threads exist right now. Both are turned into struct
 * linux_dirent64 records here (by dir_emit, fs/readdir.c).
 *
 * The position (f->pos, and each record's d_off, which is where the next
 * getdents64 or a telldir/seekdir resumes) says where we are:
 *
 *      0, 1                 ".", ".."
 *      2 .. n+1             the table's entries
 *      PROCFS_ID_POS + id   the process, thread or descriptor 'id', and
 *                           the ones after it
 *
 * Keying the second part by id rather than by index means a process
 * that exits between two getdents64 calls does not make the listing skip
 * or repeat another one (Linux does the same, with TGID_OFFSET).
 *
 * Ids are collected under the locks into an array first, and copied out
 * afterwards: copy_to_user may fault and sleep, so no spinlock may be
 * held around it.
 */
#include "procfs.h"
#include "format.h"
#include "kmalloc.h"
#include "proc.h"

bool dir_emit_table(struct file *f, struct dir_emitter *de, const struct procfs_entry *tab,
                    int n, int pid, int tid)
{
    struct inode *dir = f->inode;
    while (f->pos < (uint64_t)n + 2) {
        uint64_t i = f->pos;
        bool ok;
        if (i == 0)
            ok = dir_emit(de, ".", dir->ino, dir->mode, 1);
        else if (i == 1)
            ok = dir_emit(de, "..", dir->parent ? dir->parent->ino : dir->ino, S_IFDIR, 2);
        else
            ok = dir_emit(de, tab[i - 2].name, procfs_ino(tab[i - 2].kind, pid, tid),
                          tab[i - 2].mode, (int64_t)i + 1);
        if (!ok)
            return false;
        f->pos = i + 1;
    }
    return true;
}

bool dir_emit_ids(struct file *f, struct dir_emitter *de, const int *ids, int n,
                  enum procfs_kind kind, int pid, uint32_t mode)
{
    if (f->pos < PROCFS_ID_POS)
        f->pos = PROCFS_ID_POS;
    for (int i = 0; i < n; i++) {
        if ((uint64_t)ids[i] < f->pos - PROCFS_ID_POS)
            continue;               /* listed by an earlier call */
        char name[16];
        snprintf(name, sizeof name, "%d", ids[i]);
        uint64_t ino = pid ? procfs_ino(kind, pid, ids[i]) : procfs_ino(kind, ids[i], 0);
        int64_t next = PROCFS_ID_POS + ids[i] + 1;
        if (!dir_emit(de, name, ino, mode, next))
            return false;
        f->pos = (uint64_t)next;
    }
    return true;
}

static void sort_ids(int *ids, int n)
{
    for (int i = 1; i < n; i++) {           /* insertion sort: the lists are short */
        int v = ids[i], j = i;
        for (; j > 0 && ids[j - 1] > v; j--)
            ids[j] = ids[j - 1];
        ids[j] = v;
    }
}

int *procfs_collect_pids(int *count)
{
    spin_lock(&tasklist_lock);
    int n = 0;
    struct proc *p;
    list_for_each_entry(p, &all_procs, all_link)
        n += p->state != PROC_REAPED;
    int *ids = kmalloc(((size_t)n + 1) * sizeof *ids);
    int k = 0;
    if (ids)
        list_for_each_entry(p, &all_procs, all_link)
            if (p->state != PROC_REAPED && k < n)
                ids[k++] = p->pid;
    spin_unlock(&tasklist_lock);
    if (ids)
        sort_ids(ids, k);
    *count = k;
    return ids;
}

int *procfs_collect_tids(int pid, int *count)
{
    int *ids = NULL, k = 0;
    spin_lock(&tasklist_lock);
    struct proc *p = proc_find(pid);
    if (p) {
        spin_lock(&p->lock);
        int n = 0;
        struct thread *t;
        list_for_each_entry(t, &p->threads, thread_link)
            n++;
        ids = kmalloc(((size_t)n + 1) * sizeof *ids);
        if (ids)
            list_for_each_entry(t, &p->threads, thread_link)
                if (t->state != TASK_DEAD && k < n)
                    ids[k++] = t->tid;
        spin_unlock(&p->lock);
    }
    spin_unlock(&tasklist_lock);
    if (ids)
        sort_ids(ids, k);
    *count = k;
    return ids;
}

int procfs_parse_id(const char *name)
{
    if (name[0] < '1' || name[0] > '9')
        return -1;                  /* no sign, no leading zero: "012" is not 12 */
    long v = 0;
    for (const char *s = name; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        v = v * 10 + (*s - '0');
        if (v > 0x7fffffff)
            return -1;
    }
    return (int)v;
}
