/*
 * sys_proc.c: small process system calls: ids, process groups and
 * sessions, TLS, resource limits and usage.
 */
#include "clock.h"
#include "errno.h"
#include "fs.h"
#include "proc.h"
#include "paging.h"
#include "string.h"
#include "uaccess.h"
#include "weft/misc.h"
#include "weft/time.h"
#include "x86.h"

long sys_getpid(void)
{
    return current_proc()->pid;
}

long sys_gettid(void)
{
    return current->tid;
}

long sys_getppid(void)
{
    spin_lock(&tasklist_lock);
    struct proc *parent = current_proc()->parent;
    int ppid = parent ? parent->pid : 0;
    spin_unlock(&tasklist_lock);
    return ppid;
}

long sys_set_tid_address(int *tidptr)
{
    current->clear_child_tid = (uint64_t)tidptr;
    return current->tid;
}

/* The FS base is the thread pointer for TLS (x86-64 TLS, variant II). */
long sys_arch_prctl(int code, uint64_t addr)
{
    struct thread *t = current;
    switch (code) {
    case ARCH_SET_FS:
        if (!is_canonical(addr) || addr >= USER_TOP)
            return -EPERM;
        t->fs_base = addr;
        wrmsr(MSR_FS_BASE, addr);
        return 0;
    case ARCH_GET_FS:
        return copy_to_user((void *)addr, &t->fs_base, sizeof t->fs_base) ? -EFAULT : 0;
    case ARCH_SET_GS:
    case ARCH_GET_GS:
        return -EINVAL;             /* GS belongs to the kernel's per-CPU data */
    default:
        return -EINVAL;
    }
}

/* set_robust_list: glibc and musl register a list for robust mutexes;
 * weft accepts it (and never walks it: robust futexes are not supported). */
long sys_set_robust_list(void *head, size_t len)
{
    if (len != 24)                  /* sizeof(struct robust_list_head) */
        return -EINVAL;
    current->robust_list = (uint64_t)head;
    return 0;
}

long sys_get_robust_list(int pid, void **head, size_t *len)
{
    struct thread *t = pid ? thread_find(pid) : current;
    if (!t)
        return -ESRCH;
    size_t l = 24;
    if (copy_to_user(head, &t->robust_list, sizeof(void *)) || copy_to_user(len, &l, sizeof l))
        return -EFAULT;
    return 0;
}

long sys_setpgid(int pid, int pgid)
{
    struct proc *me = current_proc();
    if (pgid < 0)
        return -EINVAL;
    spin_lock(&tasklist_lock);
    struct proc *p = pid ? proc_find(pid) : me;
    long r = 0;
    if (!p || (p != me && p->parent != me))
        r = -ESRCH;                 /* only ourselves or our children */
    else if (p->sid == p->pid)
        r = -EPERM;                 /* a session leader stays where it is */
    else if (p != me && p->sid != me->sid)
        r = -EPERM;
    else if (p != me && p->did_exec)
        r = -EACCES;                /* too late: the child has run execve */
    else {
        int target = pgid ? pgid : p->pid;
        /* The group must exist in the same session, or be p's own. */
        bool ok = target == p->pid;
        struct proc *q;
        list_for_each_entry(q, &all_procs, all_link)
            if (q->pgid == target && q->sid == me->sid)
                ok = true;
        if (!ok)
            r = -EPERM;
        else
            p->pgid = target;
    }
    spin_unlock(&tasklist_lock);
    return r;
}

long sys_getpgid(int pid)
{
    spin_lock(&tasklist_lock);
    struct proc *p = pid ? proc_find(pid) : current_proc();
    long r = p ? p->pgid : -ESRCH;
    spin_unlock(&tasklist_lock);
    return r;
}

long sys_getpgrp(void)
{
    return current_proc()->pgid;
}

long sys_setsid(void)
{
    struct proc *me = current_proc();
    spin_lock(&tasklist_lock);
    struct proc *q;
    list_for_each_entry(q, &all_procs, all_link) {
        if (q->pgid == me->pid && q->state != PROC_REAPED) {
            spin_unlock(&tasklist_lock);
            return -EPERM;          /* already a group leader: cannot start a session */
        }
    }
    me->sid = me->pgid = me->pid;
    me->ctty = NULL;                /* a new session has no controlling terminal */
    spin_unlock(&tasklist_lock);
    return me->sid;
}

long sys_getsid(int pid)
{
    spin_lock(&tasklist_lock);
    struct proc *p = pid ? proc_find(pid) : current_proc();
    long r = p ? p->sid : -ESRCH;
    spin_unlock(&tasklist_lock);
    return r;
}

static int get_limit(struct proc *p, int resource, struct rlimit *r)
{
    switch (resource) {
    case RLIMIT_STACK:
        r->rlim_cur = p->rlim_stack ? p->rlim_stack : 8ul << 20;
        r->rlim_max = RLIM_INFINITY;
        return 0;
    case RLIMIT_NOFILE:
        r->rlim_cur = r->rlim_max = NR_OPEN;
        return 0;
    case RLIMIT_CORE:
        r->rlim_cur = r->rlim_max = 0;
        return 0;
    default:
        if (resource < 0 || resource >= RLIM_NLIMITS)
            return -EINVAL;
        r->rlim_cur = r->rlim_max = RLIM_INFINITY;
        return 0;
    }
}

long sys_prlimit64(int pid, int resource, const struct rlimit *unew, struct rlimit *uold)
{
    struct proc *p = current_proc();
    if (pid && pid != p->pid)
        return -EPERM;              /* only our own limits */
    struct rlimit old;
    int err = get_limit(p, resource, &old);
    if (err)
        return err;
    if (unew) {
        struct rlimit n;
        if (copy_from_user(&n, unew, sizeof n))
            return -EFAULT;
        if (n.rlim_cur > n.rlim_max)
            return -EINVAL;
        if (resource == RLIMIT_STACK)
            p->rlim_stack = n.rlim_cur;
        /* Other limits are fixed in weft; setting them is accepted. */
    }
    if (uold && copy_to_user(uold, &old, sizeof old))
        return -EFAULT;
    return 0;
}

long sys_getrlimit(int resource, struct rlimit *r)
{
    return sys_prlimit64(0, resource, NULL, r);
}

long sys_setrlimit(int resource, const struct rlimit *r)
{
    return sys_prlimit64(0, resource, r, NULL);
}

static struct timeval ticks_to_tv(uint64_t ticks)
{
    return (struct timeval){ (long)(ticks / HZ), (long)(ticks % HZ) * (1000000 / HZ) };
}

long sys_getrusage(int who, struct rusage *uru)
{
    struct proc *p = current_proc();
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    switch (who) {
    case RUSAGE_SELF:
        ru.ru_utime = ticks_to_tv(p->utime);
        ru.ru_stime = ticks_to_tv(p->stime);
        ru.ru_minflt = (long)p->minflt;
        ru.ru_majflt = (long)p->majflt;
        break;
    case RUSAGE_THREAD:
        ru.ru_utime = ticks_to_tv(current->utime);
        ru.ru_stime = ticks_to_tv(current->stime);
        ru.ru_nvcsw = (long)current->nvcsw;
        ru.ru_nivcsw = (long)current->nivcsw;
        break;
    case RUSAGE_CHILDREN:
        ru.ru_utime = ticks_to_tv(p->cutime);
        ru.ru_stime = ticks_to_tv(p->cstime);
        break;
    default:
        return -EINVAL;
    }
    return copy_to_user(uru, &ru, sizeof ru) ? -EFAULT : 0;
}

long sys_times(struct tms *ut)
{
    struct proc *p = current_proc();
    struct tms t = { (long)p->utime, (long)p->stime, (long)p->cutime, (long)p->cstime };
    if (ut && copy_to_user(ut, &t, sizeof t))
        return -EFAULT;
    return (long)jiffies;
}

/* prctl: PR_SET_NAME/PR_GET_NAME (15/16), which thread libraries use. */
long sys_prctl(int option, uint64_t arg2)
{
    char name[16];
    switch (option) {
    case 15:                        /* PR_SET_NAME */
        if (strncpy_from_user(name, (const char *)arg2, sizeof name) == -EFAULT)
            return -EFAULT;
        name[15] = '\0';
        strlcpy(current->name, name, sizeof current->name);
        return 0;
    case 16:                        /* PR_GET_NAME */
        return copy_to_user((void *)arg2, current->name, sizeof current->name) ? -EFAULT : 0;
    default:
        return -EINVAL;
    }
}
