/*
 * sched.h: threads, their states, and the scheduler (sched/).
 *
 * A thread is what the scheduler runs: it owns a kernel stack, saved
 * registers, a state and a priority. Everything it shares with the other
 * threads of its process lives in struct proc (proc.h).
 *
 * States, with the letters ps and /proc show (as on Linux):
 *
 *   R  TASK_RUNNING          on a CPU, or ready in the run queue
 *   S  TASK_INTERRUPTIBLE    asleep; a signal wakes it (the call returns EINTR)
 *   D  TASK_UNINTERRUPTIBLE  asleep; only the event it waits for wakes it
 *   T  TASK_STOPPED          stopped by SIGSTOP until SIGCONT
 *   Z  TASK_ZOMBIE           exited; waiting for its parent to reap it
 *   X  TASK_DEAD             reaped; about to disappear
 *
 * The textbook's three states map onto these: "running" is R on a CPU,
 * "ready" is R in the run queue, "blocked" is S or D (docs/processes.md).
 */
#ifndef WEFT_SCHED_H
#define WEFT_SCHED_H

#include "list.h"
#include "percpu.h"
#include "signal.h"
#include "wait.h"
#include "spinlock.h"
#include <stdbool.h>
#include <stdint.h>

enum thread_state {
    TASK_RUNNING,
    TASK_INTERRUPTIBLE,
    TASK_UNINTERRUPTIBLE,
    TASK_STOPPED,
    TASK_ZOMBIE,
    TASK_DEAD,
};

#define KSTACK_SIZE (16 * 1024)     /* per thread, with an unmapped guard page below */

struct proc;
struct trapframe;
struct wait_queue;

/* What switch_to() leaves on a sleeping thread's kernel stack: the
 * callee-saved registers and the address to return to (sched/switch.S). */
struct context {
    uint64_t r15, r14, r13, r12, rbx, rbp;
    uint64_t rip;
};

struct thread {
    int tid;
    enum thread_state state;
    struct proc *proc;              /* the process this thread belongs to */
    char name[16];                  /* for ps and the debugger: the program's name */

    /* Where this thread's kernel context is. */
    struct context *context;        /* saved by switch_to() while not running */
    uint64_t kstack_top;            /* rsp0: the stack starts here, growing down */
    int kstack_slot;                /* which slot of the vmalloc area (sched/kstack.c) */
    struct trapframe *tf;           /* user registers saved at the top of the stack */

    /* User-visible state the CPU does not switch for us. */
    uint64_t fs_base;               /* TLS pointer, set by arch_prctl(ARCH_SET_FS) */
    uint8_t fpu[512] __attribute__((aligned(16)));  /* x87/SSE registers (fxsave) */

    /* Scheduling. */
    int nice;                       /* -20 (favoured) .. 19, per thread as on Linux */
    bool on_rq;                     /* in the run queue (sched.c) */
    bool on_cpu;                    /* running on some CPU right now */
    uint64_t vruntime;              /* virtual run time, weighted by nice (sched/fair.c) */
    struct list_head run_link;      /* in the run queue */
    struct list_head thread_link;   /* in proc->threads */

    /* Sleeping. */
    const char *wchan;              /* what it sleeps on, for ps's WCHAN column */
    struct wait_entry wait;         /* its place in a wait_queue */
    uint64_t wake_at_ns;            /* a timed sleep ends then (0: no timeout) */
    uint64_t restart_deadline_ns;   /* an interrupted nanosleep's end (restart_syscall) */
    bool killable;                  /* a D sleep that SIGKILL may end (vfork) */
    bool vfork_done;                /* the vfork() child let go of our memory */
    struct list_head timer_link;    /* in the sleep timer list (sched/timer.c) */

    /* Signals: what this thread blocks and what is pending for it alone. */
    uint64_t sigmask;
    uint64_t sigpending;
    struct ksiginfo siginfo[NSIG_KERNEL];   /* what each pending one carries */
    uint16_t rt_queued[NSIG_KERNEL - 31];   /* extra instances of real-time signals */
    uint64_t saved_sigmask;         /* restored after rt_sigsuspend's handler */
    unsigned stop_gen;              /* the last group stop this thread joined */
    bool restore_sigmask;
    uint64_t sigaltstack_sp, sigaltstack_size;
    int sigaltstack_flags;

    /* Thread-library hooks (clone flags). */
    uint64_t clear_child_tid;       /* CLONE_CHILD_CLEARTID / set_tid_address */
    uint64_t robust_list;           /* set_robust_list (recorded only) */

    /* Accounting, in ticks. */
    uint64_t utime, stime;
    uint64_t nvcsw, nivcsw;         /* voluntary and involuntary switches */
    uint64_t start_time_ns;
};

static inline struct thread *current_thread(void)
{
    return this_cpu()->running;
}
#define current current_thread()

/* The letter ps shows for a state. */
char thread_state_letter(enum thread_state s);

/* sched/sched.c */
void sched_init(void);
void schedule(void);                 /* give up the CPU; return when chosen again */
void sched_yield(void);
void wake_up_thread(struct thread *t);  /* make a sleeping thread runnable */
/* Wake t only if its sleep is one of the given states (signals wake only
 * TASK_INTERRUPTIBLE sleepers; SIGKILL and SIGCONT also TASK_STOPPED). */
void wake_up_state(struct thread *t, unsigned state_mask);
#define STATE_BIT(s) (1u << (s))
/* A new thread (created by parent, or NULL): give it its place in the run
 * queue and make it runnable. */
void sched_add(struct thread *t, struct thread *parent);
void sched_tick(void);               /* timer interrupt: account, maybe preempt */
bool need_resched(void);
void set_need_resched(void);
void sched_start(void) __attribute__((noreturn));   /* become the idle thread */

/* sched/switch.S: save callee-saved registers on this stack, store rsp in
 * *old, load rsp from new, pop, return into the other thread, handing it
 * 'prev'. */
struct thread *switch_to(struct context **old, struct context *new, struct thread *prev);
void thread_entry(void);

/* sched/switch.c: switch the CPU to next (CR3, TSS, FS, FPU, stack). */
void context_switch(struct thread *prev, struct thread *next);
/* sched/sched.c: what the new thread does first after a switch. */
void finish_task_switch(struct thread *last);

/* sched/kstack.c: kernel stacks in the vmalloc area, with guard pages. */
int kstack_alloc(struct thread *t);
void kstack_free(struct thread *t);

/* sched/thread.c */
struct thread *thread_alloc(struct proc *p);
void thread_free(struct thread *t);
void thread_setup_stack(struct thread *t, void (*fn)(void *), void *arg);
/* The x87/SSE state a new program starts with (and load it, if t runs). */
void fpu_init_state(struct thread *t);
int tid_alloc(void);
void tid_free(int tid);
void tid_set(int tid, struct thread *t);
struct thread *thread_find(int tid);   /* NULL if no such thread */
int tid_last(void);                    /* the id handed out last */

#endif
