/*
 * wait.c: wait4() and waitid(), how a parent learns that a child exited,
 * stopped or continued, and reaps a zombie.
 *
 * The status word (what WEXITSTATUS and friends take apart):
 *      exited with code c          (c << 8)
 *      killed by signal s          s            (| 0x80 if it dumped core)
 *      stopped by signal s         (s << 8) | 0x7f
 *      continued                   0xffff
 */
#include "proc.h"
#include "clock.h"
#include "errno.h"
#include "string.h"
#include "signal.h"
#include "uaccess.h"
#include "weft/time.h"
#include "weft/wait.h"

/* Does child c match wait4's pid argument? */
static bool pid_matches(struct proc *c, int pid, struct proc *me)
{
    if (pid > 0)
        return c->pid == pid;
    if (pid == 0)
        return c->pgid == me->pgid;
    if (pid < -1)
        return c->pgid == -pid;
    return true;                        /* -1: any child */
}

static void fill_rusage(struct rusage *ru, uint64_t utime, uint64_t stime)
{
    memset(ru, 0, sizeof *ru);
    ru->ru_utime.tv_sec = (long)(utime / HZ);
    ru->ru_utime.tv_usec = (long)(utime % HZ) * (1000000 / HZ);
    ru->ru_stime.tv_sec = (long)(stime / HZ);
    ru->ru_stime.tv_usec = (long)(stime % HZ) * (1000000 / HZ);
}

/* Look for a child with something to report. Returns its pid (and fills
 * *status and the times), 0 if there are children but none to report,
 * -ECHILD if there are none. With tasklist_lock held; a reaped zombie is
 * unlinked and handed back in *reaped for the caller to free. */
static int scan_children(struct proc *me, int pid, int options, int *status,
                         uint64_t *ut, uint64_t *st, struct proc **reaped)
{
    bool any = false;
    struct proc *c;
    list_for_each_entry(c, &me->children, sibling) {
        if (!pid_matches(c, pid, me))
            continue;
        any = true;
        if (c->state == PROC_ZOMBIE && (options & WEXITED)) {
            *status = c->exit_code;
            *ut = c->utime + c->cutime;
            *st = c->stime + c->cstime;
            if (options & WNOWAIT)
                return c->pid;
            c->state = PROC_REAPED;
            me->cutime += *ut;
            me->cstime += *st;
            list_del(&c->sibling);
            list_del(&c->all_link);
            *reaped = c;
            return c->pid;
        }
        if ((options & WUNTRACED) && c->stopped && !c->stop_reported) {
            c->stop_reported = true;
            *status = (c->stop_signal << 8) | 0x7f;
            *ut = *st = 0;
            return c->pid;
        }
        if ((options & WCONTINUED) && !c->cont_reported) {
            c->cont_reported = true;
            *status = 0xffff;
            *ut = *st = 0;
            return c->pid;
        }
    }
    return any ? 0 : -ECHILD;
}

/* Wait as wait4() does; the status and times come back in kernel memory
 * (*status, *ru), for the caller to copy out. Returns the pid, 0, or an
 * error. */
static long do_wait4(int pid, int *status_out, int options, struct rusage *ru_out)
{
    memset(ru_out, 0, sizeof *ru_out);
    /* Callers check the options they accept; WEXITED says "report exits"
     * (wait4 always does, waitid when asked). */
    struct proc *me = current_proc();
    int status = 0, r;
    uint64_t ut = 0, st = 0;
    struct proc *reaped = NULL;

    for (;;) {
        /* Queue up before looking, so an exit between the look and the
         * sleep still wakes us (wait.h). */
        prepare_to_wait(&me->child_exit, TASK_INTERRUPTIBLE);
        spin_lock(&tasklist_lock);
        r = scan_children(me, pid, options, &status, &ut, &st, &reaped);
        spin_unlock(&tasklist_lock);
        if (r != 0 || (options & WNOHANG))
            break;
        if (signal_pending(current)) {
            r = -ERESTARTSYS;           /* -EINTR, or a restart under SA_RESTART */
            break;
        }
        schedule();
    }
    finish_wait(&me->child_exit);

    if (reaped)
        proc_free(reaped);
    if (r > 0) {
        *status_out = status;
        fill_rusage(ru_out, ut, st);
    }
    return r;
}

long sys_wait4(int pid, int *ustatus, int options, struct rusage *uru)
{
    if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WALL | __WCLONE | __WNOTHREAD))
        return -EINVAL;
    if (pid == INT32_MIN)
        return -ESRCH;                  /* -pid would overflow; no such group */
    options |= WEXITED;
    int status = 0;
    struct rusage ru;
    long r = do_wait4(pid, &status, options, &ru);
    /* As on Linux, a bad pointer is found after the child was reaped. */
    if (r > 0 && ustatus && copy_to_user(ustatus, &status, sizeof status) < 0)
        return -EFAULT;
    if (r > 0 && uru && copy_to_user(uru, &ru, sizeof ru) < 0)
        return -EFAULT;
    return r;
}

/* waitid on top of wait4's machinery: P_PID, P_PGID, P_ALL. */
long sys_waitid(int idtype, int id, void *uinfo, int options, struct rusage *uru)
{
    int pid;
    switch (idtype) {
    case P_ALL: pid = -1; break;
    case P_PID: pid = id; break;
    case P_PGID: pid = -id; break;
    default: return -EINVAL;
    }
    if (!(options & (WEXITED | WSTOPPED | WCONTINUED)) ||
        (options & ~(WNOHANG | WEXITED | WSTOPPED | WCONTINUED | WNOWAIT | __WALL | __WCLONE |
                     __WNOTHREAD)))
        return -EINVAL;
    if (idtype == P_PGID && id <= 0)
        return -EINVAL;
    int wopts = (options & (WNOHANG | WEXITED | WCONTINUED | WNOWAIT)) |
                (options & WSTOPPED ? WUNTRACED : 0);
    int status = 0;
    struct rusage ru;
    long r = do_wait4(pid, &status, wopts, &ru);
    if (r < 0)
        return r;
    if (uru && copy_to_user(uru, &ru, sizeof ru))
        return -EFAULT;
    /* siginfo_t: si_signo, si_errno, si_code, pad, si_pid, si_uid, si_status. */
    int32_t info[32] = { 0 };
    if (r > 0) {
        info[0] = SIGCHLD;
        info[4] = (int32_t)r;
        if ((status & 0x7f) == 0) {
            info[2] = CLD_EXITED;
            info[6] = (status >> 8) & 0xff;
        } else if ((status & 0xff) == 0x7f) {
            info[2] = CLD_STOPPED;
            info[6] = (status >> 8) & 0xff;
        } else if (status == 0xffff) {
            info[2] = CLD_CONTINUED;
            info[6] = SIGCONT;
        } else {
            info[2] = (status & 0x80) ? CLD_DUMPED : CLD_KILLED;
            info[6] = status & 0x7f;
        }
    }
    if (uinfo && copy_to_user(uinfo, info, sizeof info))
        return -EFAULT;
    return 0;
}
