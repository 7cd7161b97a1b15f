/*
 * pid_stat.c: /proc/PID/stat and /proc/PID/task/TID/stat.
 *
 * One line of 52 space-separated fields, in the order proc(5) documents
 * and Linux's do_task_stat() prints them; ps and top parse it by position,
 * so not one may be missing or moved:
 *
 *   1 pid  2 (comm)  3 state  4 ppid  5 pgrp  6 session  7 tty_nr  8 tpgid
 *   9 flags  10 minflt  11 cminflt  12 majflt  13 cmajflt
 *   14 utime  15 stime  16 cutime  17 cstime          (clock ticks, HZ = USER_HZ = 100)
 *   18 priority  19 nice  20 num_threads  21 itrealvalue (always 0)
 *   22 starttime (ticks after boot)  23 vsize (bytes)  24 rss (pages)  25 rsslim
 *   26 startcode  27 endcode  28 startstack  29 kstkesp  30 kstkeip
 *   31 signal  32 blocked  33 sigignore  34 sigcatch  (low 31 bits: obsolete, see status)
 *   35 wchan (1 if asleep, as Linux prints now)  36 nswap  37 cnswap
 *   38 exit_signal  39 processor  40 rt_priority  41 policy
 *   42 delayacct_blkio_ticks  43 guest_time  44 cguest_time
 *   45 start_data  46 end_data  47 start_brk  48 arg_start  49 arg_end
 *   50 env_start  51 env_end  52 exit_code
 *
 * priority is 20 + nice (Linux's prio - MAX_RT_PRIO for a normal task).
 * Fields about memory are 0 for a zombie, which has no address space.
 * Fault counts are the process's for a thread too (weft counts them per
 * process only); processor is 0 because weft does not remember which
 * CPU a thread last ran on (it boots one CPU today).
 */
#include "procfs.h"
#include "clock.h"
#include "mm.h"
#include "proc.h"
#include "weft/misc.h"

#define PF_EXITING 0x00000004           /* Linux's task flag */

int procfs_show_stat(struct procbuf *pb, struct proc *p, struct thread *t)
{
    struct task_info ti;
    procfs_task_info(p, t, &ti);
    struct mm *mm = p->mm;
    struct mm_usage mu = { 0 };
    if (mm)
        procfs_mm_usage(mm, &mu);
    /* Linux prints the wchan flag only for one thread, not for a whole
     * multi-threaded process. */
    int wchan = ti.wchan && (t || ti.nthreads < 2) ? 1 : 0;
    int exit_signal = !t || t == p->leader ? p->exit_signal : -1;

    pb_printf(pb, "%d (%s) %c %d %d %d %d %d %u ", ti.pid, t ? t->name : p->comm, ti.state, ti.ppid,
              ti.pgid, ti.sid, ti.tty_nr, ti.tpgid, ti.exiting ? PF_EXITING : 0);
    pb_printf(pb, "%lu 0 %lu 0 ", p->minflt, p->majflt);
    pb_printf(pb, "%lu %lu %lu %lu ", ti.utime, ti.stime, p->cutime, p->cstime);
    pb_printf(pb, "%d %d %d 0 %lu ", 20 + ti.nice, ti.nice, ti.nthreads,
              (uint64_t)(ti.start_time_ns / NSEC_PER_TICK));
    pb_printf(pb, "%lu %lu %lu ", mu.total_vm, mu.rss, RLIM_INFINITY);
    pb_printf(pb, "%lu %lu %lu 0 0 ", mm ? mm->start_code : 0, mm ? mm->end_code : 0,
              mm ? mm->start_stack : 0);
    pb_printf(pb, "%lu %lu %lu %lu ", ti.sig_pending & 0x7fffffff, ti.sig_blocked & 0x7fffffff,
              ti.sig_ignored & 0x7fffffff, ti.sig_caught & 0x7fffffff);
    pb_printf(pb, "%d 0 0 %d 0 0 0 0 0 0 ", wchan, exit_signal);
    pb_printf(pb, "%lu %lu %lu %lu %lu %lu %lu ", mm ? mm->start_data : 0,
              mm ? mm->end_data : 0, mm ? mm->start_brk : 0, mm ? mm->arg_start : 0,
              mm ? mm->arg_end : 0, mm ? mm->env_start : 0, mm ? mm->env_end : 0);
    pb_printf(pb, "%d\n", p->state == PROC_ALIVE ? 0 : p->exit_code);
    return 0;
}
