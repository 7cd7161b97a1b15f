/*
 * pid_status.c: /proc/PID/status and /proc/PID/task/TID/status.
 *
 * The human-readable twin of stat: "Name:\tvalue" lines, in the order and
 * with the spacing of Linux's proc_pid_status() (fs/proc/array.c), so
 * that `grep VmRSS /proc/self/status` works the same on both systems.
 * Memory is in kB, each number right-aligned in 8 columns ("%8lu kB");
 * signal sets are 64-bit masks in hex, bit (n-1) for signal n.
 *
 * weft has one user, root, with every capability, and no namespaces,
 * seccomp, NUMA nodes or swap: those lines print what Linux prints for
 * root on such a machine. A zombie has no memory, files or working
 * directory left, so, as on Linux, its Umask and Vm* lines are missing
 * and FDSize is 0.
 *
 * Values that are not Linux's own counters:
 *   VmPeak  = VmSize (weft does not record the peak of the virtual size)
 *   SigQ    signals pending for the process / RLIMIT_SIGPENDING (unlimited)
 *   Cpus_allowed  every CPU (weft has no affinity masks)
 */
#include "procfs.h"
#include "fs.h"
#include "mm.h"
#include "percpu.h"
#include "proc.h"
#include "weft/misc.h"

#define CAP_FULL 0x000001ffffffffffull  /* CAP_CHOWN .. CAP_CHECKPOINT_RESTORE (41) */

static void kb(struct procbuf *pb, const char *name, uint64_t bytes)
{
    pb_printf(pb, "%s:\t%8lu kB\n", name, bytes >> 10);
}

/* The Vm and Rss lines (Linux's task_mem). */
static void show_mem(struct procbuf *pb, struct mm *mm)
{
    struct mm_usage u;
    procfs_mm_usage(mm, &u);
    uint64_t lib = u.exec_vm > u.text ? u.exec_vm - u.text : 0;
    kb(pb, "VmPeak", u.total_vm);
    kb(pb, "VmSize", u.total_vm);
    kb(pb, "VmLck", 0);
    kb(pb, "VmPin", 0);
    kb(pb, "VmHWM", u.hiwater_rss * PAGE_SIZE);
    kb(pb, "VmRSS", u.rss * PAGE_SIZE);
    kb(pb, "RssAnon", u.rss_anon * PAGE_SIZE);
    kb(pb, "RssFile", u.rss_file * PAGE_SIZE);
    kb(pb, "RssShmem", u.rss_shmem * PAGE_SIZE);
    kb(pb, "VmData", u.data_vm);
    kb(pb, "VmStk", u.stack_vm);
    kb(pb, "VmExe", u.text);
    kb(pb, "VmLib", lib);
    kb(pb, "VmPTE", u.pt_pages * PAGE_SIZE);
    kb(pb, "VmSwap", 0);
    kb(pb, "HugetlbPages", 0);
    pb_printf(pb, "CoreDumping:\t0\n");
    pb_printf(pb, "THP_enabled:\t0\n");
}

/* Signals in a set (the kernel links no libgcc for __builtin_popcount). */
static int count_signals(uint64_t set)
{
    int n = 0;
    for (; set; set &= set - 1)
        n++;
    return n;
}

static void show_sigset(struct procbuf *pb, const char *name, uint64_t set)
{
    pb_printf(pb, "%s:\t%016lx\n", name, set);
}

int procfs_show_status(struct procbuf *pb, struct proc *p, struct thread *t)
{
    struct task_info ti;
    procfs_task_info(p, t, &ti);

    pb_printf(pb, "Name:\t%s\n", t ? t->name : p->comm);
    if (p->fs)
        pb_printf(pb, "Umask:\t%04o\n", p->fs->umask);
    pb_printf(pb, "State:\t%s\n", procfs_state_name(ti.state));
    pb_printf(pb, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n", ti.tgid, ti.pid,
              ti.ppid);
    pb_printf(pb, "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n");
    pb_printf(pb, "FDSize:\t%d\nGroups:\t\n", p->files ? NR_OPEN : 0);
    pb_printf(pb, "NStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n", ti.tgid, ti.pid,
              ti.pgid, ti.sid);
    if (p->mm)
        show_mem(pb, p->mm);
    pb_printf(pb, "Threads:\t%d\n", ti.nthreads);
    pb_printf(pb, "SigQ:\t%d/%lu\n", count_signals(ti.sig_pending | ti.sig_shared),
              RLIM_INFINITY);
    show_sigset(pb, "SigPnd", ti.sig_pending);
    show_sigset(pb, "ShdPnd", ti.sig_shared);
    show_sigset(pb, "SigBlk", ti.sig_blocked);
    show_sigset(pb, "SigIgn", ti.sig_ignored);
    show_sigset(pb, "SigCgt", ti.sig_caught);
    show_sigset(pb, "CapInh", 0);
    show_sigset(pb, "CapPrm", CAP_FULL);
    show_sigset(pb, "CapEff", CAP_FULL);
    show_sigset(pb, "CapBnd", CAP_FULL);
    show_sigset(pb, "CapAmb", 0);
    pb_printf(pb, "NoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n");

    int n = ncpus > 0 ? ncpus : 1;
    pb_printf(pb, "Cpus_allowed:\t%0*lx\n", (n + 3) / 4, (n >= 64 ? ~0ul : (1ul << n) - 1));
    if (n == 1)
        pb_printf(pb, "Cpus_allowed_list:\t0\n");
    else
        pb_printf(pb, "Cpus_allowed_list:\t0-%d\n", n - 1);
    pb_printf(pb, "Mems_allowed:\t00000001\nMems_allowed_list:\t0\n");
    pb_printf(pb, "voluntary_ctxt_switches:\t%lu\nnonvoluntary_ctxt_switches:\t%lu\n", ti.nvcsw,
              ti.nivcsw);
    return 0;
}
