/*
 * threads_proc.c: threads and processes together: children belong to the
 * process (any thread may wait for them), a process-shared mutex in
 * MAP_SHARED memory works across processes (claim T7), and switching
 * between threads loads no CR3 while switching between processes does
 * (claims C5, C6).
 *
 * Runs on weft and natively on Linux (a static binary); the CR3 count
 * (/proc/weft) is weft's own, and passes with a note on Linux.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sched.h>
#include <sys/mman.h>

#include "t.h"
#include "t_child.h"
#include "t_futex.h"

/* Children belong to the process: any thread may wait for them. */
static void *fork_a_child(void *arg)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(9);
    *(pid_t *)arg = pid;
    return NULL;
}

static void test_wait_for_other_threads_child(void)
{
    pid_t pid = -1;
    pthread_t t;
    CHECK(pthread_create(&t, NULL, fork_a_child, &pid) == 0);
    CHECK(pthread_join(t, NULL) == 0);
    CHECK(pid > 0);
    int status;
    CHECK(wait_child(pid, &status, 10000) == 0);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 9, "status %#x", status);
}

/* T7: processes share memory only when asked (MAP_SHARED), and then need
 * a process-shared lock, which is a futex the kernel finds by its
 * physical page. */
static void test_process_shared_mutex(void)
{
    struct shared {
        pthread_mutex_t lock;
        long counter;
    } *sh = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(sh != MAP_FAILED);
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    CHECK(pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED) == 0);
    CHECK(pthread_mutex_init(&sh->lock, &a) == 0);
    sh->counter = 0;
    pid_t pid[2];
    for (int k = 0; k < 2; k++) {
        pid[k] = fork();
        CHECK(pid[k] >= 0);
        if (pid[k] == 0) {
            for (int i = 0; i < 5000; i++) {
                pthread_mutex_lock(&sh->lock);
                long v = sh->counter;
                if ((i & 127) == 0)
                    sched_yield();      /* hold it across a switch now and then */
                sh->counter = v + 1;
                pthread_mutex_unlock(&sh->lock);
            }
            _exit(0);
        }
    }
    for (int k = 0; k < 2; k++) {
        int status;
        CHECK(wait_child(pid[k], &status, 20000) == 0);
        CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    CHECKF(sh->counter == 10000, "shared counter %ld, expected 2 x 5000", sh->counter);
    munmap(sh, 4096);
}

enum { ROUNDS = 1000 };
static volatile int turn;

static void *pong_thread(void *arg)
{
    (void)arg;
    for (int i = 0; i < ROUNDS; i++) {
        while (__atomic_load_n(&turn, __ATOMIC_SEQ_CST) != 1)
            futex(&turn, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, NULL);
        __atomic_store_n(&turn, 0, __ATOMIC_SEQ_CST);
        futex(&turn, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL);
    }
    return NULL;
}

static void thread_ping_pong(void)
{
    pthread_t t;
    turn = 0;
    pthread_create(&t, NULL, pong_thread, NULL);
    for (int i = 0; i < ROUNDS; i++) {
        __atomic_store_n(&turn, 1, __ATOMIC_SEQ_CST);
        futex(&turn, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL);
        while (__atomic_load_n(&turn, __ATOMIC_SEQ_CST) != 0)
            futex(&turn, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 1, NULL);
    }
    pthread_join(t, NULL);
}

static void process_ping_pong(void)
{
    int ab[2], ba[2];
    char c = 0;
    if (pipe(ab) < 0 || pipe(ba) < 0)
        return;
    pid_t pid = fork();
    if (pid == 0) {
        for (int i = 0; i < ROUNDS; i++) {
            if (read(ab[0], &c, 1) != 1)
                break;
            write(ba[1], &c, 1);
        }
        _exit(0);
    }
    for (int i = 0; i < ROUNDS; i++) {
        write(ab[1], &c, 1);
        read(ba[0], &c, 1);
    }
    waitpid(pid, NULL, 0);
    close(ab[0]);
    close(ab[1]);
    close(ba[0]);
    close(ba[1]);
}

static void test_cr3_thread_vs_process(void)
{
    if (!on_weft()) {
        printf("note: no /proc/weft (not on weft): counters not checked\n");
        thread_ping_pong();
        return;
    }
    t_weft_counter("cr3_loads");                    /* warm up the reader */
    long long cr3_0 = t_weft_counter("cr3_loads");
    long long sw_0 = t_weft_counter("context_switches");
    thread_ping_pong();
    long long cr3_1 = t_weft_counter("cr3_loads");
    long long sw_1 = t_weft_counter("context_switches");
    process_ping_pong();
    long long cr3_2 = t_weft_counter("cr3_loads");
    long long sw_2 = t_weft_counter("context_switches");
    CHECK(cr3_0 >= 0 && sw_0 >= 0);
    long long thr_cr3 = cr3_1 - cr3_0, thr_sw = sw_1 - sw_0;
    long long proc_cr3 = cr3_2 - cr3_1, proc_sw = sw_2 - sw_1;
    printf("note: threads: %lld switches, %lld CR3 loads; processes: %lld switches, "
           "%lld CR3 loads\n", thr_sw, thr_cr3, proc_sw, proc_cr3);
    CHECKF(thr_sw >= 2 * ROUNDS, "only %lld context switches for %d round trips", thr_sw,
           ROUNDS);
    CHECKF(thr_cr3 * 50 <= thr_sw, "thread ping-pong: %lld CR3 loads in %lld switches", thr_cr3,
           thr_sw);
    CHECKF(proc_cr3 >= 2 * ROUNDS * 9 / 10,
           "process ping-pong: only %lld CR3 loads for %d round trips", proc_cr3, ROUNDS);
}

int main(int argc, char **argv)
{
    T_INIT("threads_proc", argc, argv);
    RUN(test_wait_for_other_threads_child);
    RUN(test_process_shared_mutex);
    RUN(test_cr3_thread_vs_process);
    return T_DONE();
}
