/*
 * sys_time.c: clocks and sleeping: clock_gettime, gettimeofday, time,
 * clock_getres, nanosleep, clock_nanosleep, alarm, setitimer, getitimer.
 */
#include "clock.h"
#include "errno.h"
#include "proc.h"
#include "uaccess.h"
#include "wait.h"
#include "weft/time.h"

static int clock_now(int clk, uint64_t *ns)
{
    switch (clk) {
    case CLOCK_REALTIME:
    case CLOCK_REALTIME_COARSE:
        *ns = realtime_ns();
        return 0;
    case CLOCK_MONOTONIC:
    case CLOCK_MONOTONIC_RAW:
    case CLOCK_MONOTONIC_COARSE:
    case CLOCK_BOOTTIME:
        *ns = ktime_ns();
        return 0;
    case CLOCK_PROCESS_CPUTIME_ID:
        *ns = (current_proc()->utime + current_proc()->stime) * NSEC_PER_TICK;
        return 0;
    case CLOCK_THREAD_CPUTIME_ID:
        *ns = (current->utime + current->stime) * NSEC_PER_TICK;
        return 0;
    default:
        return -EINVAL;
    }
}

static struct timespec ns_to_ts(uint64_t ns)
{
    return (struct timespec){ (long)(ns / NSEC_PER_SEC), (long)(ns % NSEC_PER_SEC) };
}

static struct timeval ns_to_tv(uint64_t ns)
{
    return (struct timeval){ (long)(ns / NSEC_PER_SEC), (long)(ns % NSEC_PER_SEC / 1000) };
}

static int ts_to_ns(const struct timespec *ts, uint64_t *ns)
{
    return time_to_ns(ts->tv_sec, ts->tv_nsec, 1, ns);
}

long sys_clock_gettime(int clk, struct timespec *uts)
{
    uint64_t ns;
    int err = clock_now(clk, &ns);
    if (err)
        return err;
    struct timespec ts = ns_to_ts(ns);
    return copy_to_user(uts, &ts, sizeof ts) ? -EFAULT : 0;
}

long sys_clock_getres(int clk, struct timespec *uts)
{
    uint64_t ns;
    int err = clock_now(clk, &ns);
    if (err)
        return err;
    /* The clocks read the TSC: nanosecond resolution, as Linux reports
     * with high-resolution timers. The CPU-time clocks count ticks. */
    struct timespec ts = { 0, clk == CLOCK_PROCESS_CPUTIME_ID || clk == CLOCK_THREAD_CPUTIME_ID
                                  ? (long)NSEC_PER_TICK : 1 };
    if (uts && copy_to_user(uts, &ts, sizeof ts))
        return -EFAULT;
    return 0;
}

long sys_gettimeofday(struct timeval *utv, struct timezone *utz)
{
    if (utv) {
        struct timeval tv = ns_to_tv(realtime_ns());
        if (copy_to_user(utv, &tv, sizeof tv))
            return -EFAULT;
    }
    if (utz) {
        struct timezone tz = { 0, 0 };
        if (copy_to_user(utz, &tz, sizeof tz))
            return -EFAULT;
    }
    return 0;
}

long sys_time(long *ut)
{
    long t = (long)(realtime_ns() / NSEC_PER_SEC);
    if (ut && copy_to_user(ut, &t, sizeof t))
        return -EFAULT;
    return t;
}

/* Sleep until the monotonic clock reads 'deadline'. 0, or an interrupted
 * sleep's code, with *left set to what remained. */
static long sleep_until(uint64_t deadline, uint64_t *left)
{
    struct thread *t = current;
    uint64_t now;
    while ((now = ktime_ns()) < deadline) {
        t->state = TASK_INTERRUPTIBLE;
        t->wchan = "nanosleep";
        if (signal_pending(t)) {
            t->state = TASK_RUNNING;
            t->wchan = NULL;
            *left = deadline - now;
            /* Restart with the time left if no handler runs (after a
             * SIGSTOP/SIGCONT, say); EINTR if one does. */
            t->restart_deadline_ns = deadline;
            return -ERESTART_RESTARTBLOCK;
        }
        schedule_timeout(deadline - now);
    }
    t->wchan = NULL;
    *left = 0;
    return 0;
}

static long do_nanosleep(const struct timespec *ureq, struct timespec *urem, bool absolute,
                         int clk)
{
    struct timespec req;
    uint64_t ns, left;
    if (copy_from_user(&req, ureq, sizeof req))
        return -EFAULT;
    if (ts_to_ns(&req, &ns))
        return -EINVAL;
    uint64_t deadline = add_sat(ktime_ns(), ns);
    if (absolute) {
        uint64_t now;
        clock_now(clk, &now);
        deadline = ns > now ? add_sat(ktime_ns(), ns - now) : 0;
    }
    long r = sleep_until(deadline, &left);
    if (r && urem && !absolute) {
        struct timespec rem = ns_to_ts(left);
        if (copy_to_user(urem, &rem, sizeof rem))
            return -EFAULT;
    }
    return r;
}

long sys_nanosleep(const struct timespec *req, struct timespec *rem)
{
    return do_nanosleep(req, rem, false, CLOCK_MONOTONIC);
}

long sys_clock_nanosleep(int clk, int flags, const struct timespec *req, struct timespec *rem)
{
    if (clk != CLOCK_REALTIME && clk != CLOCK_MONOTONIC && clk != CLOCK_BOOTTIME)
        return -EINVAL;
    if (flags & ~TIMER_ABSTIME)
        return -EINVAL;
    return do_nanosleep(req, rem, flags & TIMER_ABSTIME, clk);
}

/* A sleep restarted after being interrupted (see sleep_until). */
long sys_restart_syscall(void)
{
    uint64_t left;
    return sleep_until(current->restart_deadline_ns, &left);
}

long sys_alarm(unsigned seconds)
{
    struct proc *p = current_proc();
    uint64_t old = itimer_remaining(p, NULL);
    itimer_arm(p, (uint64_t)seconds * NSEC_PER_SEC, 0);
    return (long)((old + NSEC_PER_SEC - 1) / NSEC_PER_SEC);     /* rounded up, as POSIX says */
}

long sys_getitimer(int which, struct itimerval *ucur)
{
    if (which != ITIMER_REAL)
        return which == ITIMER_VIRTUAL || which == ITIMER_PROF ? -ENOSYS : -EINVAL;
    uint64_t interval;
    uint64_t value = itimer_remaining(current_proc(), &interval);
    struct itimerval it = { ns_to_tv(interval), ns_to_tv(value) };
    return copy_to_user(ucur, &it, sizeof it) ? -EFAULT : 0;
}

long sys_setitimer(int which, const struct itimerval *unew, struct itimerval *uold)
{
    if (which != ITIMER_REAL)
        return which == ITIMER_VIRTUAL || which == ITIMER_PROF ? -ENOSYS : -EINVAL;
    struct itimerval it;
    if (unew && copy_from_user(&it, unew, sizeof it))
        return -EFAULT;
    uint64_t v = 0, i = 0;
    if (unew && (time_to_ns(it.it_value.tv_sec, it.it_value.tv_usec, 1000, &v) ||
                 time_to_ns(it.it_interval.tv_sec, it.it_interval.tv_usec, 1000, &i)))
        return -EINVAL;
    if (uold && sys_getitimer(which, uold))
        return -EFAULT;
    if (unew)
        itimer_arm(current_proc(), v, i);
    return 0;
}
