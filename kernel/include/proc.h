/*
 * proc.h: processes (proc/).
 *
 * A process is the unit of resource ownership; a thread (sched.h) is the
 * unit of scheduling (claim P1). struct proc holds what the threads of a
 * process share: the address space, open files, signal handlers, working
 * directory, family (parent, children), and the exit status a parent
 * collects. Its pid is the tid of its first thread, as on Linux (where
 * getpid() returns the "thread group id").
 *
 * Lifetimes: a process is alive while it has threads. When the last one
 * exits it becomes a zombie: everything is freed but this struct, which
 * keeps the exit status until the parent reaps it with wait4(). An orphan
 * is reparented to init (pid 1), which reaps it.
 */
#ifndef WEFT_PROC_H
#define WEFT_PROC_H

#include "list.h"
#include "sched.h"
#include "spinlock.h"
#include "wait.h"
#include "signal.h"
#include "weft/signal.h"
#include <stdint.h>

struct mm;
struct files_struct;
struct fs_struct;
struct inode;
struct tty;

/* Signal handlers: shared by threads created with CLONE_SIGHAND. */
struct sighand {
    int refcount;
    struct spinlock lock;
    struct kernel_sigaction action[NSIG_KERNEL];    /* action[sig - 1] */
};

enum proc_state {
    PROC_ALIVE,         /* has at least one thread */
    PROC_ZOMBIE,        /* exited, not reaped yet */
    PROC_REAPED,        /* wait4 collected it: the struct is about to go */
};

#define PROC_CMDLINE_MAX 256

struct proc {
    int pid;
    enum proc_state state;

    struct mm *mm;                      /* the address space */
    struct files_struct *files;         /* open file descriptors */
    struct fs_struct *fs;               /* cwd and umask */
    struct sighand *sighand;            /* signal handlers */

    struct proc *parent;
    struct list_head children;          /* processes this one forked */
    struct list_head sibling;           /* in parent->children */
    struct list_head all_link;          /* in the list of every process */
    struct wait_queue child_exit;       /* wait4 sleeps here */

    struct list_head threads;           /* struct thread, via thread_link */
    int nthreads;                       /* alive (not yet exited) threads */
    struct thread *leader;              /* the first thread (tid == pid) */

    int exit_code;                      /* wait status: (code << 8) | signal */
    int exit_signal;                    /* sent to the parent at exit (SIGCHLD) */
    bool group_exiting;                 /* exit_group or a fatal signal under way */

    /* Job control. */
    int pgid;
    int sid;
    struct tty *ctty;                   /* the controlling terminal, if any */
    bool did_exec;                      /* has called execve (setpgid by the parent: EACCES) */

    /* Signals sent to the process as a whole (kill), any thread may take. */
    uint64_t shared_pending;
    struct ksiginfo shared_info[NSIG_KERNEL];   /* what each pending one carries */
    uint16_t rt_queued[NSIG_KERNEL - 31];       /* extra instances of real-time signals */
    struct thread *exec_thread;         /* execve under way: the others must die */
    struct wait_queue thread_exit_wq;   /* woken whenever one of its threads exits */
    int stop_signal;                    /* the signal that stopped it, for wait4 */
    bool stop_reported, cont_reported;  /* WUNTRACED / WCONTINUED bookkeeping */
    bool stopped;                       /* a stop signal arrived: every thread must stop */
    int stop_waiting;                   /* threads still to stop (group stop) */
    unsigned stop_gen;                  /* counts group stops (each thread stops once per) */
    bool cont_pending_notify;           /* SIGCONT resumed us: tell the parent */

    /* ITIMER_REAL (alarm, setitimer): SIGALRM at alarm_at_ns (sched/timer.c). */
    uint64_t alarm_at_ns, alarm_interval_ns;
    struct list_head alarm_link;

    /* Resource limits the programs ask about (getrlimit). */
    uint64_t rlim_stack;                /* RLIMIT_STACK for the next execve (0: 8 MiB) */

    /* vfork(): the parent thread asleep until this child execs or exits. */
    struct thread *vfork_parent;

    /* For ps and /proc. */
    char comm[16];                      /* the program's base name */
    char cmdline[PROC_CMDLINE_MAX];     /* argv, NUL-separated */
    int cmdline_len;
    uint64_t start_time_ns;
    uint64_t utime, stime;              /* ticks of all its threads, dead ones too */
    uint64_t cutime, cstime;            /* of reaped children */
    uint64_t minflt, majflt;            /* page faults */

    struct spinlock lock;               /* threads list, signal state */
};

/* Protects the process tree (parent, children, all_link) and pids. */
extern struct spinlock tasklist_lock;
extern struct list_head all_procs;
extern struct proc *init_proc;

static inline struct proc *current_proc(void)
{
    return current->proc;
}

/* proc/proc.c */
struct proc *proc_alloc(void);
void proc_free(struct proc *p);
struct proc *proc_find(int pid);        /* with tasklist_lock held */
void proc_set_name(struct proc *p, const char *path);

/* sched/timer.c: the process's ITIMER_REAL. */
void itimer_arm(struct proc *p, uint64_t value_ns, uint64_t interval_ns);
uint64_t itimer_remaining(struct proc *p, uint64_t *interval_ns);
void timers_run(void);

/* proc/fork.c */
long do_clone(uint64_t flags, uint64_t newsp, int *ptid, int *ctid, uint64_t tls);

/* Wake a vfork() parent: the child no longer uses its memory (exit.c). */
void vfork_release(struct proc *p);

/* proc/exec.c */
long do_execve(const char *path, char *const argv[], char *const envp[], bool from_kernel);

/* proc/exit.c */
__attribute__((noreturn)) void do_exit(int code);
__attribute__((noreturn)) void do_group_exit(int code);
/* execve in a threaded process: end every other thread first. 0, or
 * -EAGAIN if another thread's execve or exit_group got there first. */
int exec_kill_other_threads(void);

/* proc/init.c: start pid 1. */
void start_init(void);

#endif
