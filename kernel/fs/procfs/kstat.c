/*
 * kstat.c: where the time went: /proc/stat, /proc/uptime, /proc/loadavg.
 *
 * Times are in clock ticks (USER_HZ, which is HZ = 100 in weft, as on
 * Linux). weft counts CPU time per thread, not per CPU: each timer tick
 * charges the running thread's utime or stime (sched_tick), and the
 * process adds up its threads'. So the CPU lines are worked out backwards:
 *
 *      user    = sum over processes not yet reaped of utime + cutime
 *      system  = the same with stime + cstime
 *      idle    = timer ticks counted by the CPUs - user - system
 *
 * cutime/cstime carry the times of reaped children (and, through theirs,
 * of grandchildren), so every process that ever ran is counted once. Ticks
 * of kernel threads, which belong to no process, land in idle. With more
 * than one CPU the busy time is shared out in proportion to each CPU's
 * ticks (weft cannot tell which CPU a thread ran on). nice, iowait, irq,
 * softirq, steal and guest time are not kept: 0.
 *
 * "processes" is Linux's count of forks since boot. weft hands out
 * process and thread ids from one counter, in order, so the last id handed
 * out is that count (fork and clone both take one) until the ids wrap
 * around at 32768. loadavg's averages are not kept: 0.00.
 */
#include "procfs.h"
#include "clock.h"
#include "format.h"
#include "percpu.h"
#include "proc.h"

void procfs_cpu_times(struct cpu_times *total)
{
    uint64_t user = 0, system = 0, ticks = 0;
    spin_lock(&tasklist_lock);
    struct proc *p;
    list_for_each_entry(p, &all_procs, all_link) {
        if (p->state == PROC_REAPED)
            continue;
        user += p->utime + p->cutime;
        system += p->stime + p->cstime;
    }
    spin_unlock(&tasklist_lock);
    for (int i = 0; i < ncpus; i++)
        ticks += cpus[i].stats.timer_ticks;
    total->user = user;
    total->system = system;
    total->idle = ticks > user + system ? ticks - user - system : 0;
}

/* Threads by state, over every process: running (R), blocked (D), all. */
static void count_threads(int *running, int *blocked, int *all)
{
    *running = *blocked = *all = 0;
    spin_lock(&tasklist_lock);
    struct proc *p;
    list_for_each_entry(p, &all_procs, all_link) {
        spin_lock(&p->lock);
        struct thread *t;
        list_for_each_entry(t, &p->threads, thread_link) {
            if (t->state == TASK_ZOMBIE || t->state == TASK_DEAD)
                continue;
            (*all)++;
            *running += t->state == TASK_RUNNING;
            *blocked += t->state == TASK_UNINTERRUPTIBLE;
        }
        spin_unlock(&p->lock);
    }
    spin_unlock(&tasklist_lock);
}

static void cpu_line(struct procbuf *pb, const char *name, uint64_t user, uint64_t system,
                     uint64_t idle)
{
    /* user nice system idle iowait irq softirq steal guest guest_nice */
    pb_printf(pb, "%s %lu 0 %lu %lu 0 0 0 0 0 0\n", name, user, system, idle);
}

int procfs_show_kstat(struct procbuf *pb)
{
    struct cpu_times t;
    procfs_cpu_times(&t);
    cpu_line(pb, "cpu ", t.user, t.system, t.idle);     /* "cpu  " has two spaces */

    uint64_t all_ticks = 0, ctxt = 0, intr = 0;
    for (int i = 0; i < ncpus; i++) {
        all_ticks += cpus[i].stats.timer_ticks;
        ctxt += cpus[i].stats.context_switches;
        intr += cpus[i].stats.interrupts;
    }
    for (int i = 0; i < ncpus; i++) {
        uint64_t ticks = cpus[i].stats.timer_ticks;
        uint64_t user = all_ticks ? t.user * ticks / all_ticks : 0;
        uint64_t system = all_ticks ? t.system * ticks / all_ticks : 0;
        uint64_t idle = ticks > user + system ? ticks - user - system : 0;
        char name[16];
        snprintf(name, sizeof name, "cpu%d", i);
        cpu_line(pb, name, user, system, idle);
    }

    int running, blocked, all;
    count_threads(&running, &blocked, &all);
    uint64_t now = ktime_ns();
    uint64_t btime = realtime_ns() / NSEC_PER_SEC - now / NSEC_PER_SEC;
    /* "intr": the total, then IRQ 0 (the timer); weft does not count the
     * other lines one by one. */
    pb_printf(pb, "intr %lu %lu\n", intr, all_ticks);
    pb_printf(pb, "ctxt %lu\n", ctxt);
    pb_printf(pb, "btime %lu\n", btime);
    pb_printf(pb, "processes %d\n", tid_last());
    pb_printf(pb, "procs_running %d\n", running);
    pb_printf(pb, "procs_blocked %d\n", blocked);
    pb_printf(pb, "softirq 0 0 0 0 0 0 0 0 0 0 0\n");
    return 0;
}

int procfs_show_uptime(struct procbuf *pb)
{
    uint64_t up_cs = ktime_ns() / (NSEC_PER_SEC / 100);    /* hundredths of a second */
    struct cpu_times t;
    procfs_cpu_times(&t);
    uint64_t idle_cs = t.idle * 100 / HZ;
    pb_printf(pb, "%lu.%02lu %lu.%02lu\n", up_cs / 100, up_cs % 100, idle_cs / 100,
              idle_cs % 100);
    return 0;
}

int procfs_show_loadavg(struct procbuf *pb)
{
    int running, blocked, all;
    count_threads(&running, &blocked, &all);
    pb_printf(pb, "0.00 0.00 0.00 %d/%d %d\n", running, all, tid_last());
    return 0;
}
