/*
 * threads_state.c: what threads share, and what each owns. Memory and
 * files are shared (where fork copies); errno, the signal mask, the nice
 * value, keys and TLS are per thread; /proc shows each thread's own
 * status and name; a signal to the process goes to a thread that does
 * not block it (claims T1, T2).
 *
 * Runs on weft and natively on Linux (a static binary).
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "t.h"
#include "t_child.h"
#include "t_time.h"

static const char *self_path;           /* argv[0]: a file to open */

static int shared_global;
static int *shared_heap;
static int opened_fd = -1;

static void *writer_thread(void *arg)
{
    shared_global = 42;
    *shared_heap = 43;
    opened_fd = open((const char *)arg, O_RDONLY);
    return NULL;
}

static void test_share_vs_fork(void)
{
    /* T1: a thread's writes to a global and to the heap, and a file it
     * opens, are all visible to the other threads. */
    shared_heap = malloc(sizeof *shared_heap);
    *shared_heap = shared_global = 0;
    pthread_t t;
    CHECK(pthread_create(&t, NULL, writer_thread, (void *)self_path) == 0);
    CHECK(pthread_join(t, NULL) == 0);
    CHECK(shared_global == 42);
    CHECK(*shared_heap == 43);
    CHECK(opened_fd >= 0);
    char elf[4];
    CHECK(pread(opened_fd, elf, 4, 0) == 4 && memcmp(elf, "\177ELF", 4) == 0);

    /* After fork the child has copies: its writes stay its own, and a
     * file it opens is not in our table. */
    int fds[2];
    CHECK(pipe(fds) == 0);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        shared_global = 1;
        *shared_heap = 2;
        int fd = open(self_path, O_RDONLY);
        write(fds[1], &fd, sizeof fd);
        _exit(0);
    }
    int child_fd = -1, status;
    CHECK(read(fds[0], &child_fd, sizeof child_fd) == sizeof child_fd);
    CHECK(wait_child(pid, &status, 10000) == 0);
    close(fds[0]);
    close(fds[1]);
    CHECK(shared_global == 42);
    CHECK(*shared_heap == 43);
    CHECK(child_fd >= 0);
    CHECKF(child_fd == opened_fd || fcntl(child_fd, F_GETFD) == -1,
           "the child's fd %d is open here", child_fd);
    close(opened_fd);
    free(shared_heap);
}

struct own {
    pid_t tid, pid;
    int errno_seen;
    int nice;
    int mask_has_usr1;
    int prio_error;
};

static volatile sig_atomic_t usr1_tid;

static void on_usr1(int sig)
{
    (void)sig;
    usr1_tid = gettid();
}

static void *own_things(void *arg)
{
    struct own *o = arg;
    o->tid = gettid();
    o->pid = getpid();
    errno = 1234;                                   /* our errno only */
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &set, NULL);         /* our mask only */
    pthread_sigmask(SIG_BLOCK, NULL, &old);
    o->mask_has_usr1 = sigismember(&old, SIGUSR1);
    /* Our nice value only (PRIO_PROCESS takes a tid: per thread). */
    if (setpriority(PRIO_PROCESS, (id_t)o->tid, 7) < 0)
        o->prio_error = errno;
    errno = 0;
    o->nice = getpriority(PRIO_PROCESS, (id_t)o->tid);
    if (errno)
        o->prio_error = errno;
    errno = 1234;
    /* A signal sent to this thread while blocked stays pending until we
     * unblock it, then runs its handler here. */
    sleep_ms(30);                                   /* main sends it meanwhile */
    if (usr1_tid != 0)
        o->mask_has_usr1 = -1;                      /* delivered too early */
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    o->errno_seen = errno;
    return NULL;
}

static void test_per_thread_state(void)
{
    struct own o = { 0 };
    struct sigaction sa = { 0 };
    sa.sa_handler = on_usr1;
    CHECK(sigaction(SIGUSR1, &sa, NULL) == 0);
    usr1_tid = 0;
    int main_nice = getpriority(PRIO_PROCESS, 0);
    errno = 0;
    pthread_t t;
    CHECK(pthread_create(&t, NULL, own_things, &o) == 0);
    sleep_ms(10);
    CHECK(pthread_kill(t, SIGUSR1) == 0);
    CHECK(pthread_join(t, NULL) == 0);
    CHECK(errno == 0);                              /* not 1234 */
    CHECK(o.errno_seen == 1234);
    CHECK(o.pid == getpid());                       /* same process ... */
    CHECK(o.tid != gettid() && o.tid > 0);          /* ... its own thread id */
    CHECKF(o.mask_has_usr1 == 1, "thread mask: %d", o.mask_has_usr1);
    sigset_t mine;
    pthread_sigmask(SIG_BLOCK, NULL, &mine);
    CHECK(!sigismember(&mine, SIGUSR1));            /* main's mask unchanged */
    CHECKF(usr1_tid == o.tid, "SIGUSR1 ran in tid %d, expected %d", (int)usr1_tid, o.tid);
    CHECKF(o.prio_error == 0 && o.nice == 7, "thread nice %d (errno %d)", o.nice, o.prio_error);
    CHECKF(getpriority(PRIO_PROCESS, 0) == main_nice, "main's nice changed to %d",
           getpriority(PRIO_PROCESS, 0));
    signal(SIGUSR1, SIG_DFL);
}

static pthread_key_t key;
static int dtor_calls;
static intptr_t dtor_sum;

static void key_dtor(void *v)
{
    __atomic_add_fetch(&dtor_calls, 1, __ATOMIC_SEQ_CST);
    __atomic_add_fetch(&dtor_sum, (intptr_t)v, __ATOMIC_SEQ_CST);
}

static void *use_key(void *arg)
{
    if (pthread_getspecific(key) != NULL)
        return (void *)1;
    pthread_setspecific(key, arg);
    sleep_ms(5);
    return pthread_getspecific(key) == arg ? NULL : (void *)2;
}

static void test_keys(void)
{
    dtor_calls = 0;
    dtor_sum = 0;
    CHECK(pthread_key_create(&key, key_dtor) == 0);
    CHECK(pthread_getspecific(key) == NULL);
    CHECK(pthread_setspecific(key, (void *)1000) == 0);
    pthread_t t[4];
    for (intptr_t i = 0; i < 4; i++)
        CHECK(pthread_create(&t[i], NULL, use_key, (void *)(i + 1)) == 0);
    for (int i = 0; i < 4; i++) {
        void *r;
        CHECK(pthread_join(t[i], &r) == 0);
        CHECKF(r == NULL, "thread %d: getspecific went wrong (%ld)", i, (long)r);
    }
    CHECKF(dtor_calls == 4 && dtor_sum == 1 + 2 + 3 + 4, "destructors: %d calls, sum %ld",
           dtor_calls, (long)dtor_sum);
    CHECK(pthread_getspecific(key) == (void *)1000);    /* main's own */
    CHECK(pthread_key_delete(key) == 0);
    CHECK(pthread_key_delete(key) == EINVAL);
    CHECK(pthread_setspecific(key, (void *)1) == EINVAL);
    pthread_key_t k2;
    CHECK(pthread_key_create(&k2, NULL) == 0);
    CHECK(pthread_getspecific(k2) == NULL);             /* never main's old 1000 */
    CHECK(pthread_key_delete(k2) == 0);
}

static __thread int tls_var = 5;
static __thread char tls_buf[100];

static void *tls_thread(void *arg)
{
    if (tls_var != 5 || tls_buf[0] != 0)
        return (void *)-1;              /* not a fresh copy of the template */
    tls_var += (int)(intptr_t)arg;
    tls_buf[0] = 'x';
    sleep_ms(5);
    return (void *)&tls_var;
}

static void *tls_value(void *arg)
{
    tls_var += (int)(intptr_t)arg;
    sleep_ms(5);
    return (void *)(intptr_t)tls_var;
}

static void test_tls_per_thread(void)
{
    tls_var = 100;
    pthread_t t[3];
    for (intptr_t i = 0; i < 3; i++)
        CHECK(pthread_create(&t[i], NULL, tls_value, (void *)(i + 1)) == 0);
    for (intptr_t i = 0; i < 3; i++) {
        void *r;
        CHECK(pthread_join(t[i], &r) == 0);
        CHECKF(r == (void *)(5 + i + 1), "thread %ld saw tls_var %ld", (long)i, (long)r);
    }
    CHECK(tls_var == 100);
    void *addr;
    CHECK(pthread_create(&t[0], NULL, tls_thread, NULL) == 0);
    CHECK(pthread_join(t[0], &addr) == 0);
    CHECK(addr != (void *)-1 && addr != (void *)&tls_var);
    CHECK(tls_buf[0] == 0);
}

/* T2 in /proc: each thread's own status file shows its own tid and mask. */
static volatile int status_thread_go;

static void *blocked_usr2_thread(void *arg)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    *(pid_t *)arg = gettid();
    while (!__atomic_load_n(&status_thread_go, __ATOMIC_SEQ_CST))
        sleep_ms(2);
    return NULL;
}

/* The value of "Field:" in a status text, as a number in `base`. */
static long long status_field(const char *text, const char *field, int base)
{
    const char *p = strstr(text, field);
    return p ? strtoll(p + strlen(field), NULL, base) : -1;
}

static void test_proc_task_status(void)
{
    volatile pid_t tid = 0;
    pthread_t t;
    status_thread_go = 0;
    CHECK(pthread_create(&t, NULL, blocked_usr2_thread, (void *)&tid) == 0);
    while (!tid)
        sleep_ms(2);
    char path[64], text[4096];
    snprintf(path, sizeof path, "/proc/self/task/%d/status", tid);
    long n = t_read_file(path, text, sizeof text);
    snprintf(path, sizeof path, "/proc/self/task/%d/status", getpid());
    char main_text[4096];
    long m = t_read_file(path, main_text, sizeof main_text);
    status_thread_go = 1;
    pthread_join(t, NULL);
    CHECKF(n > 0 && m > 0, "cannot read the task status files");
    CHECKF(status_field(text, "\nPid:", 10) == tid, "the thread's Pid: is not its tid %d", tid);
    CHECKF(status_field(text, "\nTgid:", 10) == getpid(), "the thread's Tgid: is not the pid");
    CHECKF(status_field(main_text, "\nPid:", 10) == getpid(), "main's Pid:");
    long long blk = status_field(text, "\nSigBlk:", 16);
    long long main_blk = status_field(main_text, "\nSigBlk:", 16);
    CHECKF(blk >= 0 && (blk & (1LL << (SIGUSR2 - 1))), "thread SigBlk %llx lacks SIGUSR2", blk);
    CHECKF(main_blk >= 0 && !(main_blk & (1LL << (SIGUSR2 - 1))), "main SigBlk %llx has SIGUSR2",
           main_blk);
}

/* A signal sent to the process goes to a thread that does not block it. */
static volatile sig_atomic_t usr2_tid;

static void on_usr2(int sig)
{
    (void)sig;
    usr2_tid = gettid();
}

static void *wait_for_usr2(void *arg)
{
    sigset_t set;                       /* we inherited main's mask: unblock */
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    *(volatile pid_t *)arg = gettid();
    for (int i = 0; i < 1000 && !usr2_tid; i++)
        sleep_ms(5);                    /* interrupted by the handler */
    return NULL;
}

static void test_process_signal_to_unblocked_thread(void)
{
    struct sigaction sa = { 0 };
    sa.sa_handler = on_usr2;
    CHECK(sigaction(SIGUSR2, &sa, NULL) == 0);
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    CHECK(pthread_sigmask(SIG_BLOCK, &set, &old) == 0);     /* main blocks it */
    usr2_tid = 0;
    volatile pid_t tid = 0;
    pthread_t t;
    CHECK(pthread_create(&t, NULL, wait_for_usr2, (void *)&tid) == 0);
    while (!tid)
        sleep_ms(2);
    CHECK(kill(getpid(), SIGUSR2) == 0);                    /* to the process */
    pthread_join(t, NULL);
    sigset_t pending;
    sigpending(&pending);
    int still_pending = sigismember(&pending, SIGUSR2);
    pthread_sigmask(SIG_SETMASK, &old, NULL);               /* (runs it if pending) */
    signal(SIGUSR2, SIG_DFL);
    CHECKF(!still_pending,
           "SIGUSR2 stayed pending although a thread did not block it (handler tid %d, "
           "thread %d)", (int)usr2_tid, tid);
    CHECKF(usr2_tid == tid, "the handler ran in tid %d, expected the thread %d",
           (int)usr2_tid, tid);
}

/* Thread names: the kernel's comm, per thread (ps, /proc/PID/task/TID/comm). */
static volatile int names_go;

static void *name_myself(void *arg)
{
    *(int *)arg = pthread_setname_np(pthread_self(), "self-named");
    while (!__atomic_load_n(&names_go, __ATOMIC_SEQ_CST))
        sleep_ms(2);
    return NULL;
}

static void test_thread_names(void)
{
    char name[32], path[64], text[64];
    CHECK(pthread_setname_np(pthread_self(), "threads-main") == 0);
    CHECK(pthread_getname_np(pthread_self(), name, sizeof name) == 0);
    CHECKF(strcmp(name, "threads-main") == 0, "main's name \"%s\"", name);
    CHECK(pthread_setname_np(pthread_self(), "much-too-long-a-name") == ERANGE);

    int self_set = -1;
    pthread_t t;
    names_go = 0;
    CHECK(pthread_create(&t, NULL, name_myself, &self_set) == 0);
    while (self_set == -1)
        sleep_ms(2);
    int got = pthread_getname_np(t, name, sizeof name);
    /* Naming another thread writes its /proc comm file (Linux: mode 0644). */
    int other_set = pthread_setname_np(t, "named-by-main");
    char renamed[32] = "";
    pthread_getname_np(t, renamed, sizeof renamed);
    /* The longest name, 15 characters, fits a 16-byte buffer exactly:
     * the comm file's "\n" must not count against it. */
    int long_set = pthread_setname_np(t, "fifteen-chars-x");
    char longest[16] = "";
    int long_got = pthread_getname_np(t, longest, sizeof longest);
    snprintf(path, sizeof path, "/proc/self/task/%d/comm", getpid());
    long n = t_read_file(path, text, sizeof text);
    names_go = 1;
    pthread_join(t, NULL);
    CHECK(self_set == 0);
    CHECKF(got == 0 && strcmp(name, "self-named") == 0, "the thread's name: \"%s\" (%d)", name,
           got);
    CHECKF(n > 0 && strcmp(text, "threads-main\n") == 0, "main's comm file: \"%s\"", text);
    CHECKF(other_set == 0, "pthread_setname_np(other thread): %s (writing "
           "/proc/self/task/TID/comm; Linux allows it)", strerror(other_set));
    CHECKF(strcmp(renamed, "named-by-main") == 0, "renamed thread: \"%s\"", renamed);
    CHECKF(long_set == 0 && long_got == 0 && strcmp(longest, "fifteen-chars-x") == 0,
           "a 15-character name into 16 bytes: set %d, get %d, \"%.16s\"", long_set, long_got,
           longest);
}

int main(int argc, char **argv)
{
    self_path = argv[0];
    T_INIT("threads_state", argc, argv);
    RUN(test_share_vs_fork);
    RUN(test_per_thread_state);
    RUN(test_keys);
    RUN(test_tls_per_thread);
    RUN(test_proc_task_status);
    RUN(test_thread_names);
    RUN(test_process_signal_to_unblocked_thread);
    return T_DONE();
}
