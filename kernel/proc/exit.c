/*
 * exit.c: how threads and processes end.
 *
 * exit(2) ends one thread; exit_group(2) (what the C library's exit()
 * calls) ends them all. When the last thread of a process is gone, the
 * process releases everything it owns (memory, files, handlers) and
 * becomes a zombie (state Z): just this struct proc with its exit status,
 * until the parent collects it with wait4() (claim P6). Its own children
 * are handed to init, which reaps them.
 */
#include "proc.h"
#include "bootinfo.h"
#include "drivers.h"
#include "futex.h"
#include "fs.h"
#include "kmalloc.h"
#include "kprintf.h"
#include "x86.h"
#include "mm.h"
#include "signal.h"
#include "uaccess.h"

void vfork_release(struct proc *p)
{
    spin_lock(&tasklist_lock);
    struct thread *parent = p->vfork_parent;
    p->vfork_parent = NULL;
    if (parent) {
        parent->vfork_done = true;
        wake_up_state(parent, STATE_BIT(TASK_UNINTERRUPTIBLE));
    }
    spin_unlock(&tasklist_lock);
}

/*
 * Orphaned process groups (POSIX, job control). A process group is
 * orphaned when no member has a parent in another group of the same
 * session: no shell is left that could continue its stopped members. When
 * an exit orphans a group with stopped members, they would stay stopped
 * forever, so each member gets SIGHUP and then SIGCONT. With
 * tasklist_lock held; 'ignore' is the exiting process.
 */
static bool will_become_orphaned(int pgid, struct proc *ignore)
{
    struct proc *q;
    list_for_each_entry(q, &all_procs, all_link) {
        if (q->pgid != pgid || q == ignore || q->state != PROC_ALIVE)
            continue;
        struct proc *parent = q->parent;
        if (parent && parent != init_proc && parent != ignore && parent->pgid != pgid &&
            parent->sid == q->sid)
            return false;
    }
    return true;
}

static bool has_stopped(int pgid)
{
    struct proc *q;
    list_for_each_entry(q, &all_procs, all_link)
        if (q->pgid == pgid && q->state == PROC_ALIVE && q->stopped)
            return true;
    return false;
}

static void hangup_pgrp(int pgid)
{
    struct ksiginfo info = { .code = SI_KERNEL };
    kill_pgrp(pgid, SIGHUP, &info);
    kill_pgrp(pgid, SIGCONT, &info);
}

/* Give p's children to init (a zombie among them is init's to reap now),
 * and hang up the process groups p's exit orphans. */
static void reparent_children(struct proc *p)
{
    bool zombies = false;
    int hup[16], nhup = 0;
    spin_lock(&tasklist_lock);
    struct proc *c, *tmp;
    list_for_each_entry_safe(c, tmp, &p->children, sibling) {
        list_del(&c->sibling);
        c->parent = init_proc;
        list_add_tail(&c->sibling, &init_proc->children);
        zombies |= c->state == PROC_ZOMBIE;
        if (c->pgid != p->pgid && c->sid == p->sid && nhup < 16 &&
            will_become_orphaned(c->pgid, NULL) && has_stopped(c->pgid))
            hup[nhup++] = c->pgid;
    }
    struct proc *parent = p->parent;
    if (parent && parent->pgid != p->pgid && parent->sid == p->sid && nhup < 16 &&
        will_become_orphaned(p->pgid, p) && has_stopped(p->pgid))
        hup[nhup++] = p->pgid;
    spin_unlock(&tasklist_lock);
    if (zombies)
        wake_up(&init_proc->child_exit);
    for (int i = 0; i < nhup; i++)
        hangup_pgrp(hup[i]);
}

/* The last thread is leaving: release what the process owns. */
static void exit_process(struct proc *p, int status)
{
    if (p == init_proc) {
        if (boot_info.test_mode || boot_info.init_cmd[0]) {
            /* make run / make test: init ends the session with the
             * command's status, read by tools/run from this line. */
            int code = (status & 0x7f) ? 128 + (status & 0x7f) : (status >> 8) & 0xff;
            kprintf("weft: exit status %d\n", code);
            qemu_exit(code == 0 ? 0 : 1);
        }
        panic("Attempted to kill init! exit status %#x", status);
    }

    vfork_release(p);
    itimer_arm(p, 0, 0);            /* no SIGALRM for a process that is gone */
    /* Detach under p->lock (procfs reads them under it), release after. */
    spin_lock(&p->lock);
    struct mm *mm = p->mm;
    struct files_struct *files = p->files;
    struct fs_struct *fs = p->fs;
    p->mm = NULL;
    p->files = NULL;
    p->fs = NULL;
    spin_unlock(&p->lock);
    mm_put(mm);                     /* switches to the kernel's page tables if last */
    files_put(files);
    fs_put(fs);

    reparent_children(p);

    spin_lock(&p->lock);
    p->exit_code = status;
    p->state = PROC_ZOMBIE;
    spin_unlock(&p->lock);

    /* Tell the parent: SIGCHLD (or the clone() exit signal) and a wake-up
     * of any wait4() in progress. */
    int code = (status & 0x7f) ? ((status & 0x80) ? CLD_DUMPED : CLD_KILLED) : CLD_EXITED;
    notify_parent(p, code, (status & 0x7f) ? (status & 0x7f) : (status >> 8) & 0xff);
    sighand_put(p->sighand);
    p->sighand = NULL;

    /* A parent that ignores SIGCHLD (or set SA_NOCLDWAIT) will never wait
     * for us: no zombie then (POSIX, and Linux). We leave the process
     * lists now; the thread that runs after us frees what is left
     * (finish_task_switch), since we are still running on it. */
    spin_lock(&tasklist_lock);
    struct proc *parent = p->parent;
    struct kernel_sigaction *a = parent && parent->sighand
                                     ? &parent->sighand->action[SIGCHLD - 1] : NULL;
    if (a && (a->handler == SIG_IGN_VALUE || (a->flags & SA_NOCLDWAIT))) {
        p->state = PROC_REAPED;
        list_del(&p->sibling);
        list_del(&p->all_link);
        parent->cutime += p->utime + p->cutime;
        parent->cstime += p->stime + p->cstime;
    }
    spin_unlock(&tasklist_lock);
}

void do_exit(int status)
{
    struct thread *t = current;
    struct proc *p = t->proc;

    /* CLONE_CHILD_CLEARTID: tell a pthread_join()er we are gone. */
    if (t->clear_child_tid && p->mm) {
        int zero = 0;
        if (copy_to_user((void *)t->clear_child_tid, &zero, sizeof zero) == 0)
            futex_wake(p->mm, t->clear_child_tid, 1);
    }

    spin_lock(&p->lock);
    bool last = --p->nthreads == 0;
    if (p->group_exiting)
        status = p->exit_code;      /* exit_group's status wins */
    /* A group stop in progress no longer waits for us. */
    bool stop_done = p->stopped && t->stop_gen != p->stop_gen && --p->stop_waiting == 0 && !last;
    if (stop_done)
        p->stop_reported = false;
    spin_unlock(&p->lock);
    if (stop_done)
        notify_parent(p, CLD_STOPPED, p->stop_signal);
    wake_up(&p->thread_exit_wq);    /* an execve may be waiting for us to go */

    if (last)
        exit_process(p, status);

    /* Off the CPU for good. A thread that is not its process's leader
     * disappears (TASK_DEAD, freed by the next thread to run); the leader
     * stays as a zombie record until the process is reaped. */
    spin_lock(&p->lock);
    if (t != p->leader) {
        list_del(&t->thread_link);
        t->state = TASK_DEAD;
    } else {
        t->state = TASK_ZOMBIE;
    }
    spin_unlock(&p->lock);
    schedule();
    panic("do_exit: a dead thread was scheduled");
}

/* Kill every other thread of the process, then exit this one. */
void do_group_exit(int status)
{
    struct proc *p = current_proc();
    spin_lock(&p->lock);
    if (!p->group_exiting) {
        p->group_exiting = true;
        p->exit_code = status;
    }
    struct thread *t;
    list_for_each_entry(t, &p->threads, thread_link) {
        if (t != current && t->state != TASK_ZOMBIE && t->state != TASK_DEAD) {
            t->sigpending |= sigmask_of(SIGKILL);
            /* Out of an interruptible sleep or a stop; a D sleep ends on
             * its own, and the thread dies on its way out (claim P4). */
            wake_up_state(t, STATE_BIT(TASK_INTERRUPTIBLE) | STATE_BIT(TASK_STOPPED) |
                                 (t->killable ? STATE_BIT(TASK_UNINTERRUPTIBLE) : 0));
        }
    }
    spin_unlock(&p->lock);
    do_exit(status);
}

/*
 * execve in a process with several threads: the others must end first
 * (Linux's de_thread). They notice p->exec_thread in trap_exit and exit
 * quietly; we wait until we are alone. If we are not the process's first
 * thread, we take over its thread id, so the process keeps its pid.
 */
int exec_kill_other_threads(void)
{
    struct thread *me = current;
    struct proc *p = me->proc;
    spin_lock(&p->lock);
    if (p->nthreads == 1 && p->leader == me) {
        spin_unlock(&p->lock);
        return 0;
    }
    if (p->exec_thread || p->group_exiting) {
        spin_unlock(&p->lock);
        return -EAGAIN;     /* another thread's execve (or exit) won: we die */
    }
    p->exec_thread = me;
    struct thread *t;
    list_for_each_entry(t, &p->threads, thread_link)
        if (t != me)
            wake_up_state(t, STATE_BIT(TASK_INTERRUPTIBLE) | STATE_BIT(TASK_STOPPED));
    spin_unlock(&p->lock);

    wait_event(&p->thread_exit_wq, p->nthreads == 1);

    if (p->leader != me) {
        struct thread *old = p->leader;     /* exited: a zombie thread */
        while (__atomic_load_n(&old->on_cpu, __ATOMIC_ACQUIRE))
            pause();
        spin_lock(&p->lock);
        list_del(&old->thread_link);
        p->leader = me;
        spin_unlock(&p->lock);
        int my_old_tid = me->tid;
        me->tid = p->pid;
        tid_set(p->pid, me);                /* the pid now names us */
        tid_free(my_old_tid);
        kfree(old);                         /* its stack went when it exited */
    }
    p->exec_thread = NULL;
    return 0;
}

long sys_exit(int code)
{
    do_exit((code & 0xff) << 8);
}

long sys_exit_group(int code)
{
    do_group_exit((code & 0xff) << 8);
}
