/*
 * pid_misc.c: the small per-process files.
 *
 *   cmdline   the arguments, each ending in a NUL byte ("ls\0-l\0"), as
 *             execve() recorded them; empty for a zombie, as on Linux
 *   comm      the command name and a newline: the program's base name, at
 *             most 15 characters (a thread's own name under task/TID/)
 *   wchan     what the process is asleep on, or "0", with no newline
 *             (Linux prints a kernel function's name here; weft's sleeps
 *             are labelled by their wait queue: "wait4", "pipe_read" ...)
 *   environ   the environment strings, NUL-separated, read out of the
 *             process's own stack, where execve() put them
 */
#include "procfs.h"
#include "mm.h"
#include "proc.h"

#define ENVIRON_MAX (64 * 1024)

int procfs_show_cmdline(struct procbuf *pb, struct proc *p, struct thread *t)
{
    (void)t;
    if (p->mm && p->cmdline_len > 0)
        pb_write(pb, p->cmdline, (size_t)p->cmdline_len);
    return 0;
}

int procfs_show_comm(struct procbuf *pb, struct proc *p, struct thread *t)
{
    pb_printf(pb, "%s\n", t ? t->name : p->comm);
    return 0;
}

int procfs_show_wchan(struct procbuf *pb, struct proc *p, struct thread *t)
{
    struct task_info ti;
    procfs_task_info(p, t, &ti);        /* the wchan that stat's flag is about */
    pb_printf(pb, "%s", ti.wchan ? ti.wchan : "0");
    return 0;
}

/* Copy the user bytes [start, end) of mm through the direct map, page by
 * page, stopping at the first page that is not in memory. No fault can
 * happen: we never touch a user address, only the frames behind them. */
static void copy_user_range(struct procbuf *pb, struct mm *mm, uint64_t start, uint64_t end)
{
    spin_lock(&mm->lock);
    uint64_t va = start;
    while (va < end) {
        pte_t *e = pt_walk(mm->pml4, va, false);
        if (!e || !(*e & PTE_P))
            break;
        uint64_t off = va & (PAGE_SIZE - 1);
        uint64_t n = PAGE_SIZE - off;
        if (n > end - va)
            n = end - va;
        pb_write(pb, (char *)phys_to_virt(PTE_ADDR(*e)) + off, n);
        va += n;
    }
    spin_unlock(&mm->lock);
}

int procfs_show_environ(struct procbuf *pb, struct proc *p, struct thread *t)
{
    (void)t;
    struct mm *mm = p->mm;
    if (!mm || mm->env_end <= mm->env_start)
        return 0;
    uint64_t end = mm->env_end;
    if (end - mm->env_start > ENVIRON_MAX)
        end = mm->env_start + ENVIRON_MAX;
    copy_user_range(pb, mm, mm->env_start, end);
    return 0;
}
