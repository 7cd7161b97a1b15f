/*
 * cloneflags: a process and a thread are made by the same system call,
 * clone(); only the flags differ, and the flags say what is shared
 * (claim T8; docs/threads.md).
 *
 *      cloneflags
 *
 * We call clone() twice with the same little child function, which
 * writes a global variable and reports its pid, tid and parent pid:
 *
 *   1. clone(fn, stack, SIGCHLD): nothing shared. This is fork(): the
 *      child gets a copy of our memory, so its write to the global stays
 *      in its copy; it has a pid of its own; when it ends, we get SIGCHLD
 *      and collect its exit status with waitpid.
 *
 *   2. clone(fn, stack, CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
 *      CLONE_THREAD | CLONE_SYSVSEM | CLONE_PARENT_SETTID |
 *      CLONE_CHILD_CLEARTID): everything shared. This is a thread: its
 *      write to the global is ours too; getpid() is our pid and only the
 *      tid is new; it is not our child (waitpid says ECHILD), so we join
 *      it the way pthread_join does: the kernel wrote its tid into a word
 *      of ours (PARENT_SETTID) and will write 0 there and wake us with a
 *      futex when it exits (CHILD_CLEARTID).
 *
 * clone() here is libc's wrapper (libc/thread/clone.c and
 * libc/arch/x86_64/clone.S), which puts fn and its argument on the new
 * stack first. That matters with CLONE_VM: both threads return from the
 * same `syscall` instruction in one address space, so the child must start
 * on a stack of its own and must never return into the parent's frames.
 *
 * pthread_create (libc/thread/pthread.c) adds one more flag, CLONE_SETTLS,
 * to give the thread its own TLS block and so its own errno. Our raw
 * thread goes without: it shares our FS base, so it must not touch errno,
 * stdio or anything thread-local. It only makes system calls that succeed
 * and writes plain memory.
 *
 * The last line is "cloneflags: ok" (exit 0) or "cloneflags: FAILED: why".
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "demo.h"

#define STACK_SIZE (64 * 1024)
#define FUTEX_WAIT 0

static int global = 1;
static char why[200];

/* Remember the first thing that went wrong. */
static void fail(const char *fmt, ...)
{
    if (why[0])
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
}

/* What the child saw, written by the child itself: for the thread straight
 * into our memory; for the process through a pipe (its memory is a copy). */
struct report {
    int pid, tid, ppid, global;
};

struct child_arg {
    int value;                          /* what to store in the global */
    int pipe_fd;                        /* -1: report in memory */
    volatile struct report *out;
    volatile int *release;              /* the thread waits for this */
};

static int child(void *p)
{
    struct child_arg *a = p;
    global = a->value;
    struct report r = { getpid(), gettid(), getppid(), global };
    if (a->pipe_fd >= 0) {
        write(a->pipe_fd, &r, sizeof r);
    } else {
        *a->out = r;
        while (!*a->release)            /* stay alive while the parent looks */
            sched_yield();
    }
    return 7;                           /* the exit status (the process's) */
}

static const struct {
    int flag;
    const char *name, *meaning;
} flags[] = {
    { CLONE_VM, "CLONE_VM", "share the address space (struct mm): the same memory" },
    { CLONE_FS, "CLONE_FS", "share the working directory and umask" },
    { CLONE_FILES, "CLONE_FILES", "share the file descriptor table" },
    { CLONE_SIGHAND, "CLONE_SIGHAND", "share the signal handlers" },
    { CLONE_THREAD, "CLONE_THREAD", "join our process: same pid, a new tid, not our child" },
    { CLONE_SYSVSEM, "CLONE_SYSVSEM", "share System V semaphore undo (weft has none)" },
    { CLONE_PARENT_SETTID, "CLONE_PARENT_SETTID", "write the new tid into our word" },
    { CLONE_CHILD_CLEARTID, "CLONE_CHILD_CLEARTID", "at its exit, zero that word, futex-wake" },
};

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    int me = getpid(), my_ppid = getppid();
    char *stack = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
    if (stack == MAP_FAILED) {
        printf("cloneflags: FAILED: mmap: %s\n", strerror(errno));
        return 1;
    }
    char *stack_top = stack + STACK_SIZE;    /* stacks grow down */
    printf("We are pid %d (parent %d); global = %d.\n\n", me, my_ppid, global);

    /* --- 1. a process --- */
    int fds[2];
    pipe(fds);
    struct child_arg pa = { 2, fds[1], NULL, NULL };
    printf("1. clone(child, stack, SIGCHLD, ...): no CLONE_ flag, nothing shared (= fork())\n");
    printf("   SIGCHLD: the signal we get when it ends; the child has copies of everything\n");
    fflush(stdout);
    int pid = clone(child, stack_top, SIGCHLD, &pa);
    struct report pr = { 0, 0, 0, 0 };
    read(fds[0], &pr, sizeof pr);
    int status = 0;
    int waited = waitpid(pid, &status, 0);
    close(fds[0]);
    close(fds[1]);
    printf("   clone returned %d; the child saw pid %d, tid %d, parent %d, and set global = %d\n",
           pid, pr.pid, pr.tid, pr.ppid, pr.global);
    printf("   here global is still %d: its write went into its own copy of memory\n", global);
    printf("   waitpid(%d) = %d, exit status %d: a child process, collected as such\n\n", pid,
           waited, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    if (pid <= 0 || pr.pid != pid || pr.pid == me || pr.ppid != me || pr.tid != pr.pid)
        fail("the process clone: pid %d, it saw pid %d ppid %d", pid, pr.pid, pr.ppid);
    if (global != 1 || pr.global != 2)
        fail("the process clone's write reached the parent");
    if (waited != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 7)
        fail("waitpid on the process clone: %d, status %#x", waited, status);

    /* --- 2. a thread --- */
    int thread_flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
                       CLONE_SYSVSEM | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID;
    static volatile int tid_word, release;
    static volatile struct report tr;
    struct child_arg ta = { 3, -1, &tr, &release };
    printf("2. clone(child, stack, flags, ...) with these flags (= a thread):\n");
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        printf("   %-21s %s\n", flags[i].name, flags[i].meaning);
    printf("   and no exit signal: a thread's end is not signalled, it is joined\n");
    int tid = clone(child, stack_top, thread_flags, &ta, &tid_word, NULL, &tid_word);
    int seen_tid = tid_word;                    /* PARENT_SETTID: already there */
    while (tr.tid == 0)                         /* let it run and report */
        sched_yield();
    long threads = status_field("Threads");     /* while it is alive */
    errno = 0;
    int w = waitpid(tid, NULL, 0);
    int werr = errno;
    release = 1;
    for (int v; (v = tid_word) != 0;)           /* join: CHILD_CLEARTID zeroes it */
        syscall(SYS_futex, &tid_word, FUTEX_WAIT, v, NULL, NULL, 0);
    printf("   clone returned %d (our word held %d at once); the thread saw pid %d, tid %d,\n"
           "   parent %d, and set global = %d\n", tid, seen_tid, tr.pid, tr.tid, tr.ppid,
           tr.global);
    printf("   here global is now %d: one memory. /proc/self/status said Threads: %ld\n", global,
           threads);
    printf("   waitpid(%d) = %d (%s): not a child; joined through the tid word, now %d\n", tid, w,
           w < 0 ? strerror(werr) : "no error", tid_word);

    if (tid <= 0 || tr.pid != me || tr.tid != tid || tr.tid == me || seen_tid != tid)
        fail("the thread clone: tid %d, it saw pid %d tid %d", tid, tr.pid, tr.tid);
    if (global != 3)
        fail("the thread's write did not reach us (global %d)", global);
    if (threads != 2)
        fail("Threads: %ld while the thread was alive", threads);
    if (tr.ppid != my_ppid)
        fail("the thread's parent is %d, not ours (%d)", tr.ppid, my_ppid);
    if (w != -1 || werr != ECHILD)
        fail("waitpid on a thread: %d (errno %d), not ECHILD", w, werr);
    if (tid_word != 0)
        fail("the tid word was not cleared at the thread's exit");

    printf("\nSame call, same function: only the flags decided whether we got a process or\n"
           "a thread. (In the kernel both are a struct thread; with CLONE_THREAD it joins\n"
           "our struct proc, without it gets a new one, kernel/proc/fork.c.)\n");
    munmap(stack, STACK_SIZE);
    if (why[0]) {
        printf("cloneflags: FAILED: %s\n", why);
        return 1;
    }
    printf("cloneflags: ok\n");
    return 0;
}
