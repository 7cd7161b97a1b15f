/*
 * proc.c: the process table: allocating, finding and freeing processes.
 *
 * Every process is on all_procs (for ps and /proc) and, but for init, on
 * its parent's children list. tasklist_lock guards both lists and every
 * parent pointer (Linux has a lock of the same name and purpose).
 */
#include "proc.h"
#include "kmalloc.h"
#include "signal.h"
#include "string.h"
#include "x86.h"

struct spinlock tasklist_lock = SPINLOCK_INIT("tasklist");
LIST_HEAD(all_procs);
struct proc *init_proc;

struct proc *proc_alloc(void)
{
    struct proc *p = kzalloc(sizeof *p);
    if (!p)
        return NULL;
    p->state = PROC_ALIVE;
    list_init(&p->children);
    list_init(&p->sibling);
    list_init(&p->all_link);
    list_init(&p->threads);
    list_init(&p->alarm_link);
    wait_queue_init(&p->child_exit, "wait4");
    wait_queue_init(&p->thread_exit_wq, "exec");
    spin_init(&p->lock, "proc");
    p->exit_signal = SIGCHLD;
    p->stop_reported = p->cont_reported = true;     /* nothing to report yet */
    return p;
}

/* Free a reaped zombie: the struct and its leader thread. */
void proc_free(struct proc *p)
{
    struct thread *t, *tmp;
    list_for_each_entry_safe(t, tmp, &p->threads, thread_link) {
        /* On another CPU the thread may still be finishing its switch
         * away (finish_task_switch); wait for it to let go. */
        while (__atomic_load_n(&t->on_cpu, __ATOMIC_ACQUIRE))
            pause();
        list_del(&t->thread_link);
        thread_free(t);
    }
    kfree(p);
}

struct proc *proc_find(int pid)
{
    struct proc *p;
    list_for_each_entry(p, &all_procs, all_link)
        if (p->pid == pid)
            return p;           /* a reaped process has left the list already */
    return NULL;
}

/* comm is the last path component, at most 15 characters (as on Linux). */
void proc_set_name(struct proc *p, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    strlcpy(p->comm, base, sizeof p->comm);
    struct thread *t;
    list_for_each_entry(t, &p->threads, thread_link)
        strlcpy(t->name, p->comm, sizeof t->name);
}
