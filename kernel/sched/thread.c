/*
 * thread.c: creating and freeing threads, and thread ids.
 *
 * Thread ids and process ids come from one number space, as on Linux: a
 * process's pid is its first thread's tid. A table maps ids to threads so
 * that kill(), tgkill() and /proc can find them.
 */
#include "sched.h"
#include "errno.h"
#include "kmalloc.h"
#include "string.h"
#include "trapframe.h"

#define PID_MAX 32768

static struct thread *tid_table[PID_MAX];
static int last_tid;
static struct spinlock tid_lock = SPINLOCK_INIT("tid");

/* The next free id after the last one given out, wrapping around like
 * Linux's pid allocator (ids are not reused at once, which makes races
 * with stale pids rarer). 0 is never used; pid 1 is init's. */
int tid_alloc(void)
{
    spin_lock(&tid_lock);
    for (int n = 0; n < PID_MAX; n++) {
        int id = last_tid + 1 + n;
        if (id >= PID_MAX)
            id -= PID_MAX - 1;
        if (tid_table[id] == NULL && id != 0) {
            tid_table[id] = (struct thread *)1;     /* reserved until set */
            last_tid = id;
            spin_unlock(&tid_lock);
            return id;
        }
    }
    spin_unlock(&tid_lock);
    return -EAGAIN;
}

/* The id tid_alloc() handed out last (for /proc/loadavg and /proc/stat). */
int tid_last(void)
{
    return __atomic_load_n(&last_tid, __ATOMIC_RELAXED);
}

void tid_set(int tid, struct thread *t)
{
    spin_lock(&tid_lock);
    tid_table[tid] = t;
    spin_unlock(&tid_lock);
}

void tid_free(int tid)
{
    tid_set(tid, NULL);
}

struct thread *thread_find(int tid)
{
    if (tid <= 0 || tid >= PID_MAX)
        return NULL;
    spin_lock(&tid_lock);
    struct thread *t = tid_table[tid];
    spin_unlock(&tid_lock);
    return t == (struct thread *)1 ? NULL : t;
}

/* Default x87/SSE state, what the CPU has after fninit: FCW 0x37f, MXCSR
 * 0x1f80 (all exceptions masked, round to nearest). */
void fpu_init_state(struct thread *t)
{
    memset(t->fpu, 0, sizeof t->fpu);
    *(uint16_t *)&t->fpu[0] = 0x037f;
    *(uint32_t *)&t->fpu[24] = 0x1f80;
}

struct thread *thread_alloc(struct proc *p)
{
    struct thread *t = kzalloc(sizeof *t);
    if (!t)
        return NULL;
    int tid = tid_alloc();
    if (tid < 0) {
        kfree(t);
        return NULL;
    }
    if (kstack_alloc(t) < 0) {
        tid_free(tid);
        kfree(t);
        return NULL;
    }
    t->tid = tid;
    t->proc = p;
    t->state = TASK_RUNNING;
    t->tf = (struct trapframe *)(t->kstack_top - sizeof(struct trapframe));
    list_init(&t->run_link);
    list_init(&t->thread_link);
    list_init(&t->wait.link);
    t->wait.thread = t;
    list_init(&t->timer_link);
    t->sigaltstack_flags = SS_DISABLE;
    fpu_init_state(t);
    tid_set(tid, t);
    return t;
}

void thread_free(struct thread *t)
{
    kstack_free(t);
    tid_free(t->tid);
    kfree(t);
}

/* Lay out a new thread's kernel stack so that the first switch_to() into
 * it "returns" to thread_entry (sched/switch.S), which calls fn(arg) and
 * then goes to user mode through the trapframe that lies right above the
 * context. */
void thread_setup_stack(struct thread *t, void (*fn)(void *), void *arg)
{
    struct context *ctx = (struct context *)((uint64_t)t->tf - sizeof *ctx);
    memset(ctx, 0, sizeof *ctx);
    ctx->rip = (uint64_t)thread_entry;
    ctx->r12 = (uint64_t)fn;
    ctx->rbx = (uint64_t)arg;
    t->context = ctx;
}
