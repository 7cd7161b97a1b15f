/*
 * fork.c: clone(), and fork() and vfork() as special cases of it.
 *
 * On Linux a process and a thread differ only in what they share, and one
 * system call makes both (claim T8). The flags say what the new thread
 * shares with its creator instead of getting a copy:
 *
 *      CLONE_VM       the address space        (else: a copy-on-write copy)
 *      CLONE_FILES    the descriptor table     (else: a copy)
 *      CLONE_FS       cwd and umask            (else: a copy)
 *      CLONE_SIGHAND  the signal handlers      (else: a copy)
 *      CLONE_THREAD   the process itself: the new thread joins it,
 *                     getpid() is the same, wait4() does not see it
 *
 *   fork()                = clone(SIGCHLD)                      shares nothing
 *   pthread_create()      = clone(CLONE_VM | CLONE_FS | CLONE_FILES |
 *                                 CLONE_SIGHAND | CLONE_THREAD | ...)
 *
 * The child gets a copy of the parent's trapframe with rax = 0, so both
 * return from the same system call: the parent with the child's id, the
 * child with 0.
 */
#include "proc.h"
#include "clock.h"
#include "errno.h"
#include "fs.h"
#include "kmalloc.h"
#include "mm.h"
#include "signal.h"
#include "string.h"
#include "trapframe.h"
#include "uaccess.h"
#include "weft/sched.h"

/* The flags weft understands; others (namespaces, ptrace, pidfd) get
 * EINVAL rather than being silently ignored. */
#define CLONE_SUPPORTED (CSIGNAL | CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |        \
                         CLONE_VFORK | CLONE_PARENT | CLONE_THREAD | CLONE_SYSVSEM |          \
                         CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID |          \
                         CLONE_DETACHED | CLONE_CHILD_SETTID | CLONE_UNTRACED)

static int check_flags(uint64_t flags)
{
    if (flags & ~(uint64_t)CLONE_SUPPORTED)
        return -EINVAL;
    /* The combinations Linux rejects (kernel/fork.c, copy_process). */
    if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
        return -EINVAL;
    if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
        return -EINVAL;
    if ((flags & CLONE_PARENT) && current_proc() == init_proc)
        return -EINVAL;
    return 0;
}

/* The child's first act, before it reaches user mode for the first time
 * (called from thread_entry): write its tid for CLONE_CHILD_SETTID, in
 * its own address space, now that it runs in it. */
static void ret_from_fork(void *ctid)
{
    if (ctid) {
        int tid = current->tid;
        copy_to_user(ctid, &tid, sizeof tid);    /* a bad pointer is the child's problem */
    }
}

/* What a new process shares or copies from its parent. */
static int copy_resources(struct proc *p, struct proc *parent, uint64_t flags)
{
    if (flags & CLONE_VM) {
        p->mm = parent->mm;
        mm_get(p->mm);
    } else if (!(p->mm = mm_dup(parent->mm))) {
        return -ENOMEM;
    }
    if (flags & CLONE_FILES) {
        p->files = parent->files;
        __atomic_add_fetch(&p->files->refcount, 1, __ATOMIC_RELAXED);
    } else if (!(p->files = files_dup(parent->files))) {
        return -ENOMEM;
    }
    if (flags & CLONE_FS) {
        p->fs = parent->fs;
        __atomic_add_fetch(&p->fs->refcount, 1, __ATOMIC_RELAXED);
    } else if (!(p->fs = fs_dup(parent->fs))) {
        return -ENOMEM;
    }
    if (flags & CLONE_SIGHAND) {
        p->sighand = parent->sighand;
        __atomic_add_fetch(&p->sighand->refcount, 1, __ATOMIC_RELAXED);
    } else if (!(p->sighand = sighand_dup(parent->sighand))) {
        return -ENOMEM;
    }
    return 0;
}

static void release_resources(struct proc *p)
{
    if (p->mm)
        mm_put(p->mm);
    if (p->files)
        files_put(p->files);
    if (p->fs)
        fs_put(p->fs);
    if (p->sighand)
        sighand_put(p->sighand);
}

/* A new process for clone() without CLONE_THREAD, with its first thread. */
static struct proc *new_process(struct proc *parent, uint64_t flags, struct thread **tp)
{
    struct proc *p = proc_alloc();
    if (!p)
        return NULL;
    struct thread *t = thread_alloc(p);
    if (!t || copy_resources(p, parent, flags) < 0) {
        if (t)
            thread_free(t);
        release_resources(p);
        kfree(p);
        return NULL;
    }
    p->pid = t->tid;
    p->leader = t;
    p->nthreads = 1;
    list_add_tail(&t->thread_link, &p->threads);
    p->exit_signal = (int)(flags & CSIGNAL);
    p->pgid = parent->pgid;
    p->sid = parent->sid;
    p->ctty = parent->ctty;
    p->rlim_stack = parent->rlim_stack;
    memcpy(p->comm, parent->comm, sizeof p->comm);
    memcpy(p->cmdline, parent->cmdline, sizeof p->cmdline);
    p->cmdline_len = parent->cmdline_len;
    p->start_time_ns = ktime_ns();

    spin_lock(&tasklist_lock);
    p->parent = (flags & CLONE_PARENT) ? parent->parent : parent;
    list_add_tail(&p->sibling, &p->parent->children);
    list_add_tail(&p->all_link, &all_procs);
    spin_unlock(&tasklist_lock);
    *tp = t;
    return p;
}

/*
 * vfork: the parent sleeps until the child has let go of the address
 * space they share, by execve or exit (vfork_release in exit.c). The
 * sleep is uninterruptible (D) but for SIGKILL ("killable", as on Linux).
 * A parent killed first tells the child to forget it, under
 * tasklist_lock, the lock vfork_release takes too.
 */
static void vfork_wait(struct thread *me, struct proc *child)
{
    me->killable = true;
    for (;;) {
        me->state = TASK_UNINTERRUPTIBLE;
        me->wchan = "vfork";
        if (me->vfork_done || fatal_signal_pending(me))
            break;
        schedule();
    }
    me->state = TASK_RUNNING;
    me->killable = false;
    me->wchan = NULL;
    spin_lock(&tasklist_lock);
    if (!me->vfork_done)
        child->vfork_parent = NULL;
    spin_unlock(&tasklist_lock);
}

long do_clone(uint64_t flags, uint64_t newsp, int *ptid, int *ctid, uint64_t tls)
{
    int err = check_flags(flags);
    if (err)
        return err;

    struct thread *parent_thread = current;
    struct proc *parent = parent_thread->proc;
    struct proc *p;
    struct thread *t;

    if (flags & CLONE_THREAD) {             /* a new thread in this process */
        p = parent;
        t = thread_alloc(p);
        if (!t)
            return -EAGAIN;
        spin_lock(&p->lock);
        if (p->group_exiting) {             /* too late: the process is dying */
            spin_unlock(&p->lock);
            thread_free(t);
            return -EAGAIN;
        }
        list_add_tail(&t->thread_link, &p->threads);
        p->nthreads++;
        spin_unlock(&p->lock);
    } else {
        p = new_process(parent, flags, &t);
        if (!p)
            return -ENOMEM;
    }

    strlcpy(t->name, parent_thread->name, sizeof t->name);
    *t->tf = *parent_thread->tf;            /* the same user registers ... */
    t->tf->rax = 0;                         /* ... but clone() returns 0 */
    if (newsp)
        t->tf->rsp = newsp;
    t->fs_base = (flags & CLONE_SETTLS) ? tls : parent_thread->fs_base;
    __asm__ volatile("fxsave64 %0" : "=m"(t->fpu));  /* the live FPU registers */
    t->sigmask = parent_thread->sigmask;
    if (!(flags & CLONE_VM)) {              /* fork keeps the alternate stack */
        t->sigaltstack_sp = parent_thread->sigaltstack_sp;
        t->sigaltstack_size = parent_thread->sigaltstack_size;
        t->sigaltstack_flags = parent_thread->sigaltstack_flags;
    }
    t->nice = parent_thread->nice;
    t->start_time_ns = ktime_ns();
    if (flags & CLONE_CHILD_CLEARTID)
        t->clear_child_tid = (uint64_t)ctid;
    thread_setup_stack(t, ret_from_fork, (flags & CLONE_CHILD_SETTID) ? ctid : NULL);

    int id = (flags & CLONE_THREAD) ? t->tid : p->pid;
    if (flags & CLONE_PARENT_SETTID)
        copy_to_user(ptid, &t->tid, sizeof t->tid);

    if (flags & CLONE_VFORK) {
        parent_thread->vfork_done = false;
        p->vfork_parent = parent_thread;
    }
    sched_add(t, parent_thread);

    if (flags & CLONE_VFORK)
        vfork_wait(parent_thread, p);
    return id;
}

long sys_fork(void)
{
    return do_clone(SIGCHLD, 0, NULL, NULL, 0);
}

long sys_vfork(void)
{
    return do_clone(CLONE_VM | CLONE_VFORK | SIGCHLD, 0, NULL, NULL, 0);
}

/* x86-64 argument order: flags, stack, parent_tid, child_tid, tls. */
long sys_clone(uint64_t flags, uint64_t newsp, int *ptid, int *ctid, uint64_t tls)
{
    return do_clone(flags, newsp, ptid, ctid, tls);
}
