/*
 * sig_threads.c: signals and a process with several threads.
 *
 *  - SIGKILL ends every thread, wherever it sleeps: futex wait, pipe read,
 *    nanosleep (all S: woken at once) and a /dev/slowdisk read (D: the
 *    process dies only when that read ends, claim P4);
 *  - SIGSTOP stops every thread (T in /proc/PID/task/TID/stat) and none
 *    makes progress until SIGCONT; the parent hears of the stop only when
 *    all have stopped, so after a thread's D sleep has ended;
 *  - kill() goes to the process: a thread that does not block the signal
 *    runs the handler; tgkill() goes to one thread, and the signal mask is
 *    each thread's own.
 *
 * The threads are made with raw clone() (CLONE_VM | CLONE_FS | CLONE_FILES
 * | CLONE_SIGHAND | CLONE_THREAD), not pthread_create, so that these tests
 * depend on the kernel alone; they share the main thread's TLS and so call
 * nothing but system calls (errno is the only thing they share by it).
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <weft/misc.h>                  /* FUTEX_WAIT */

#include "t.h"
#include "t_child.h"
#include "t_proc.h"
#include "t_time.h"

#define STACK_SIZE (64 * 1024)
#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
                      CLONE_SYSVSEM)

static char stacks[6][STACK_SIZE] __attribute__((aligned(16)));

/* Start fn(arg) in a new thread; returns its tid. The new thread begins
 * right after the syscall instruction on its own stack, where it pops fn
 * and arg (placed there by us) and calls fn; then exit(2) ends it alone. */
static long start_thread(int (*fn)(void *), void *arg, char *stack)
{
    unsigned long *sp = (unsigned long *)(((unsigned long)stack + STACK_SIZE) & ~15ul);
    *--sp = (unsigned long)arg;
    *--sp = (unsigned long)fn;
    register long r10 __asm__("r10") = 0;
    register long r8 __asm__("r8") = 0;
    long ret;
    __asm__ volatile("syscall\n\t"
                     "test %%rax, %%rax\n\t"
                     "jnz 1f\n\t"
                     "xor %%ebp, %%ebp\n\t"
                     "pop %%rax\n\t"
                     "pop %%rdi\n\t"
                     "call *%%rax\n\t"
                     "mov %%eax, %%edi\n\t"
                     "mov %[nr_exit], %%eax\n\t"
                     "syscall\n\t"
                     "ud2\n"
                     "1:"
                     : "=a"(ret)
                     : "0"((long)SYS_clone), "D"((long)THREAD_FLAGS), "S"(sp), "d"(0L),
                       "r"(r10), "r"(r8), [nr_exit] "i"(SYS_exit)
                     : "rcx", "r11", "memory");
    return ret;
}

static int gettid_(void)
{
    return (int)syscall(SYS_gettid);
}

/* --- SIGKILL and a thread in every kind of sleep ---------------------------- */

enum { FUTEX, PIPE, NANOSLEEP, DISK, NKINDS };
static const char *const kind_name[] = { "futex wait", "pipe read", "nanosleep", "slowdisk read" };
static int report_fd, pipe_rd;
static uint32_t futex_word;

static int sleeper(void *arg)
{
    int kind = (int)(long)arg;
    char buf[64];
    switch (kind) {
    case FUTEX:
        for (;;)
            syscall(SYS_futex, &futex_word, FUTEX_WAIT, 0, NULL, NULL, 0);
    case PIPE:
        for (;;)
            read(pipe_rd, buf, sizeof buf);
    case NANOSLEEP:
        for (;;) {
            struct timespec ts = { 30, 0 };
            nanosleep(&ts, NULL);
        }
    case DISK: {
        int fd = open("/dev/slowdisk", O_RDONLY);
        long long start = now_ms();
        write(report_fd, &start, sizeof start);
        read(fd, buf, sizeof buf);          /* D for 500 ms */
        for (;;)
            pause();
    }
    }
    return 0;
}

static void test_sigkill_with_threads_in_every_sleep(void)
{
    int disk = access("/dev/slowdisk", R_OK) == 0;
    if (disk)
        CHECK(set_slowdisk_ms(500) == 0);
    int rep[2], idle[2], started[2];
    CHECK(pipe(rep) == 0 && pipe(idle) == 0 && pipe(started) == 0);
    int nkinds = disk ? NKINDS : DISK;
    pid_t pid = fork();
    if (pid == 0) {
        report_fd = started[1];
        pipe_rd = idle[0];
        int tids[NKINDS] = { 0 };
        for (int k = 0; k < nkinds; k++)
            tids[k] = (int)start_thread(sleeper, (void *)(long)k, stacks[k]);
        write(rep[1], tids, sizeof tids);
        for (;;)
            pause();
    }
    close(rep[1]);
    close(started[1]);
    int tids[NKINDS];
    long long start = 0;
    CHECK(read(rep[0], tids, sizeof tids) == sizeof tids);
    if (disk)
        CHECK(read(started[0], &start, sizeof start) == sizeof start);
    int have_tasks = task_state(pid, pid) != '?';
    char seen[NKINDS] = { 0 };
    for (int k = 0; k < nkinds && have_tasks; k++)
        seen[k] = wait_task_state(pid, tids[k], k == DISK ? 'D' : 'S', 1000);
    char main_state = task_state(pid, pid);
    if (disk)
        while (now_ms() < start + 100)
            sleep_ms(5);
    long long kill_ms = now_ms() - start;
    kill(pid, SIGKILL);
    int status;
    pid_t early = waitpid(pid, &status, WNOHANG);
    char disk_after = disk && have_tasks ? task_state(pid, tids[DISK]) : '?';
    if (early == 0)
        status = reap(pid);
    long long died_ms = now_ms() - start;
    close(rep[0]), close(idle[0]), close(idle[1]), close(started[0]);
    if (disk)
        set_slowdisk_ms(2000);

    if (!have_tasks)
        printf("  no /proc/PID/task/TID/stat: thread states not checked\n");
    for (int k = 0; k < nkinds && have_tasks; k++) {
        printf("  thread %d (%s): %c\n", tids[k], kind_name[k], seen[k]);
        CHECKF(seen[k] == (k == DISK ? 'D' : 'S'), "thread in %s: state %c", kind_name[k],
               seen[k]);
    }
    if (have_tasks)
        CHECKF(main_state == 'S', "main thread in pause(): %c", main_state);
    CHECKF(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "status %#x", status);
    if (disk) {
        printf("  SIGKILL %lld ms into the 500 ms read; the process died at %lld ms\n", kill_ms,
               died_ms);
        CHECKF(kill_ms < 400, "too slow to test: SIGKILL %lld ms into the read", kill_ms);
        CHECKF(early == 0, "the process was reaped while a thread was still in D");
        CHECKF(!have_tasks || disk_after == 'D', "after SIGKILL the reading thread is %c",
               disk_after);
        CHECKF(died_ms >= 450, "died %lld ms into a 500 ms uninterruptible read", died_ms);
    }
}

/* --- SIGSTOP stops every thread ----------------------------------------------- */

static int ticker(void *arg)
{
    int fd = (int)(long)arg;
    for (unsigned n = 0;; n++) {
        write(fd, &n, 1);
        struct timespec ts = { 0, 5 * 1000000L };
        nanosleep(&ts, NULL);
    }
    return 0;
}

static int spinner(void *arg)
{
    (void)arg;
    for (volatile unsigned long i = 0;; i++)
        ;
    return 0;
}

static int drain(int fd)
{
    char buf[512];
    int total = 0;
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        total += (int)n;
    return total;
}

static void test_sigstop_stops_every_thread(void)
{
    int fds[2], rep[2];
    CHECK(pipe(fds) == 0 && pipe(rep) == 0);
    fcntl(fds[0], F_SETFL, O_NONBLOCK);
    pid_t pid = fork();
    if (pid == 0) {
        int t1 = (int)start_thread(ticker, (void *)(long)fds[1], stacks[0]);
        int t2 = (int)start_thread(spinner, NULL, stacks[1]);
        int tids[2] = { t1, t2 };
        write(rep[1], tids, sizeof tids);
        for (;;)
            pause();
    }
    close(fds[1]);
    close(rep[1]);
    int tids[2] = { 0, 0 };
    CHECK(read(rep[0], tids, sizeof tids) == sizeof tids);
    close(rep[0]);
    sleep_ms(50);
    int before = drain(fds[0]);
    int status;
    kill(pid, SIGSTOP);
    pid_t r = waitpid(pid, &status, WUNTRACED);
    drain(fds[0]);                           /* ticks from before the stop */
    char st[3];
    st[0] = task_state(pid, pid);
    st[1] = task_state(pid, tids[0]);
    st[2] = task_state(pid, tids[1]);
    sleep_ms(100);
    int while_stopped = drain(fds[0]);
    kill(pid, SIGCONT);
    sleep_ms(100);
    int after = drain(fds[0]);
    char spin_after = task_state(pid, tids[1]);
    kill(pid, SIGKILL);
    reap(pid);
    close(fds[0]);
    CHECK(r == pid && WIFSTOPPED(status));
    CHECKF(before > 0, "the ticker thread never ticked");
    CHECKF(while_stopped == 0, "%d ticks while the process was stopped", while_stopped);
    CHECKF(after > 0, "no ticks after SIGCONT");
    if (st[0] == '?') {
        printf("  no /proc/PID/task/TID/stat: thread states not checked\n");
        return;
    }
    CHECKF(st[0] == 'T' && st[1] == 'T' && st[2] == 'T', "stopped threads: %c %c %c", st[0],
           st[1], st[2]);
    CHECKF(spin_after == 'R', "the spinning thread after SIGCONT: %c", spin_after);
}

/* A group stop waits for a thread in D: the parent hears of the stop only
 * when every thread has stopped, i.e. after the slow read ends. */
static int slow_reader(void *arg)
{
    (void)arg;
    char buf[64];
    int fd = open("/dev/slowdisk", O_RDONLY);
    long long start = now_ms();
    write(report_fd, &start, sizeof start);
    read(fd, buf, sizeof buf);
    for (;;)
        pause();
    return 0;
}

static void test_group_stop_waits_for_a_thread_in_D(void)
{
    REQUIRE(have_slowdisk(), "/dev/slowdisk");
    CHECK(set_slowdisk_ms(500) == 0);
    int started[2], rep[2];
    CHECK(pipe(started) == 0 && pipe(rep) == 0);
    pid_t pid = fork();
    if (pid == 0) {
        report_fd = started[1];
        int tid = (int)start_thread(slow_reader, NULL, stacks[3]);
        write(rep[1], &tid, sizeof tid);
        for (;;)
            pause();
    }
    close(started[1]), close(rep[1]);
    int tid = 0;
    long long start = 0;
    CHECK(read(rep[0], &tid, sizeof tid) == sizeof tid);
    CHECK(read(started[0], &start, sizeof start) == sizeof start);
    close(started[0]), close(rep[0]);
    wait_task_state(pid, tid, 'D', 1000);
    while (now_ms() < start + 100)
        sleep_ms(5);
    kill(pid, SIGSTOP);
    int status;
    pid_t r = waitpid(pid, &status, WUNTRACED);
    long long stopped_ms = now_ms() - start;
    char main_st = task_state(pid, pid), reader_st = task_state(pid, tid);
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    set_slowdisk_ms(2000);
    printf("  SIGSTOP at ~100 ms into a 500 ms read; wait4 saw the stop at %lld ms\n",
           stopped_ms);
    CHECK(r == pid && WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP);
    CHECKF(stopped_ms >= 450, "the stop was reported %lld ms into the read, before the thread "
                              "in D had stopped", stopped_ms);
    if (main_st != '?')
        CHECKF(main_st == 'T' && reader_st == 'T', "threads %c %c after the stop", main_st,
               reader_st);
}

/* --- Which thread takes a signal ------------------------------------------- */

static volatile int handler_tid, usr2_pending_in_thread, thread_ready;
static volatile int thread_tid;

static void record_tid(int sig)
{
    (void)sig;
    handler_tid = gettid_();
}

static int unblocked_thread(void *arg)
{
    (void)arg;
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR2);
    sigprocmask(SIG_BLOCK, &s, NULL);       /* this thread blocks USR2 only */
    thread_tid = gettid_();
    thread_ready = 1;
    for (;;) {
        sigset_t pend;
        sigpending(&pend);
        usr2_pending_in_thread = sigismember(&pend, SIGUSR2);
        struct timespec ts = { 0, 2 * 1000000L };
        nanosleep(&ts, NULL);
    }
    return 0;
}

/* Child exit codes: 0 fine; 1 kill() ran the handler in the thread that
 * blocks it; 2 tgkill to the thread ran elsewhere; 3 tgkill to main ran
 * elsewhere; 4 a thread's blocked signal showed in main's sigpending, or
 * not in the thread's. */
static int which_thread_child(void)
{
    signal(SIGUSR1, record_tid);
    signal(SIGUSR2, record_tid);
    start_thread(unblocked_thread, NULL, stacks[2]);
    while (!thread_ready)
        sleep_ms(1);
    int me = gettid_();
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR1);
    sigprocmask(SIG_BLOCK, &s, NULL);       /* main blocks USR1 */

    handler_tid = 0;
    kill(getpid(), SIGUSR1);                /* to the process: the thread takes it */
    for (int i = 0; i < 500 && !handler_tid; i++)
        sleep_ms(2);
    if (handler_tid != thread_tid)
        return 1;
    handler_tid = 0;
    syscall(SYS_tgkill, getpid(), thread_tid, SIGUSR1);
    for (int i = 0; i < 500 && !handler_tid; i++)
        sleep_ms(2);
    if (handler_tid != thread_tid)
        return 2;
    sigprocmask(SIG_UNBLOCK, &s, NULL);
    handler_tid = 0;
    syscall(SYS_tgkill, getpid(), me, SIGUSR1);
    if (handler_tid != me)
        return 3;
    syscall(SYS_tgkill, getpid(), thread_tid, SIGUSR2);    /* blocked there */
    sleep_ms(20);
    sigset_t pend;
    sigpending(&pend);
    if (sigismember(&pend, SIGUSR2) || !usr2_pending_in_thread)
        return 4;
    return 0;
}

static void test_kill_and_tgkill_pick_threads(void)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(which_thread_child());
    int status = reap(pid);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 0,
           "status %#x (see which_thread_child for the codes)", status);
}

int main(int argc, char **argv)
{
    T_INIT("sig_threads", argc, argv);
    RUN(test_sigkill_with_threads_in_every_sleep);
    RUN(test_sigstop_stops_every_thread);
    RUN(test_group_stop_waits_for_a_thread_in_D);
    RUN(test_kill_and_tgkill_pick_threads);
    return T_DONE();
}
