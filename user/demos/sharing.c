/*
 * sharing: what threads share, what each thread owns, and what fork()
 * copies (claims T1 and T2; docs/threads.md).
 *
 *      sharing
 *
 * 1. Shared (T1). A second thread writes a global variable, a malloc'd
 *    block, and opens a file and writes a line into it. The main thread
 *    then reads the global and the block and sees the new values, and
 *    writes a second line through the *same file descriptor number*: the
 *    threads share one address space (data, heap, and text too) and one
 *    file descriptor table (struct proc's mm and files).
 *
 * 2. Copied (fork). A child process writes the same global and heap
 *    block. The parent does not see it: fork gave the child a copy of the
 *    address space (copy-on-write), not a share of it.
 *
 * 3. Owned by each thread (T2). Two threads, alive at the same time, each
 *    get their own: thread id (gettid), errno (one fails a close, the
 *    other an open: each keeps its own error), signal mask
 *    (pthread_sigmask blocks SIGUSR1 in one, SIGUSR2 in the other), nice
 *    value (setpriority on one thread's tid), and stack (a local's
 *    address). The kernel keeps these in struct thread; we read them
 *    back from /proc/self/task/TID/status, one directory per thread.
 *
 * The last line is "sharing: ok" (exit 0) or "sharing: FAILED: why".
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "demo.h"

static int global = 1;                  /* in .data */
static char *heap_block;                /* malloc'd by main */
static int shared_fd = -1;
static char path[64];
static char why[200];

static void fail(const char *what)
{
    if (!why[0])
        snprintf(why, sizeof why, "%s", what);
}

/* ---- 1. threads share ------------------------------------------------------ */

static void *writer(void *arg)
{
    (void)arg;
    global = 42;
    strcpy(heap_block, "written by the second thread");
    shared_fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (shared_fd >= 0) {
        char line[64];
        int n = snprintf(line, sizeof line, "line 1, by the second thread through fd %d\n",
                         shared_fd);
        write(shared_fd, line, (size_t)n);
    }
    return NULL;
}

static void threads_share(void)
{
    heap_block = malloc(64);
    strcpy(heap_block, "written by main");
    snprintf(path, sizeof path, "/tmp/sharing.%d", getpid());
    printf("1. Threads share memory and open files.\n");
    printf("   before: global = %d, heap block at %p = \"%s\", no file open\n", global,
           (void *)heap_block, heap_block);

    pthread_t t;
    pthread_create(&t, NULL, writer, NULL);
    pthread_join(t, NULL);
    printf("   the second thread set global = 42, wrote the heap block, opened %s (fd %d)\n",
           path, shared_fd);
    printf("   main sees: global = %d, heap block = \"%s\", fd %d open\n", global, heap_block,
           shared_fd);
    if (shared_fd < 0) {
        fail("the second thread could not open the file");
        return;
    }
    char line2[64];
    int len2 = snprintf(line2, sizeof line2, "line 2, by the main thread through fd %d\n",
                        shared_fd);
    ssize_t w = write(shared_fd, line2, (size_t)len2);
    char buf[200] = "";
    lseek(shared_fd, 0, SEEK_SET);
    ssize_t n = read(shared_fd, buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = '\0';
    printf("   main wrote through fd %d too; the file now holds:\n", shared_fd);
    for (char *l = buf; *l;) {
        size_t len = strcspn(l, "\n");
        printf("     | %.*s\n", (int)len, l);
        l += len + (l[len] == '\n');
    }
    if (global != 42 || strcmp(heap_block, "written by the second thread") != 0)
        fail("main did not see the second thread's writes");
    else if (w != len2 || !strstr(buf, "line 1") || !strstr(buf, "line 2"))
        fail("the file does not hold both threads' lines");
}

/* ---- 2. fork copies -------------------------------------------------------- */

static void fork_copies(void)
{
    printf("2. A forked child gets a copy, not a share.\n");
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int saw = global == 42 && strcmp(heap_block, "written by the second thread") == 0;
        global = 99;
        strcpy(heap_block, "written by the child");
        _exit(saw ? 0 : 1);             /* 0: it started with the parent's values */
    }
    int status = -1;
    waitpid(pid, &status, 0);
    int child_saw = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    printf("   child %d started with global = 42 and the same heap text (%s), then set\n"
           "   global = 99 and wrote \"written by the child\" into its heap block\n", pid,
           child_saw ? "checked" : "NOT seen");
    printf("   parent sees: global = %d, heap block = \"%s\" (unchanged)\n", global, heap_block);
    if (!child_saw)
        fail("the child did not start with the parent's values");
    else if (global != 42 || strcmp(heap_block, "written by the second thread") != 0)
        fail("the parent saw the child's writes");
}

/* ---- 3. each thread owns --------------------------------------------------- */

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int step;                        /* the two threads take turns */

static void wait_step(int n)
{
    pthread_mutex_lock(&lock);
    while (step < n)
        pthread_cond_wait(&cv, &lock);
    pthread_mutex_unlock(&lock);
}

static void set_step(int n)
{
    pthread_mutex_lock(&lock);
    step = n;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&lock);
}

struct own {
    pid_t tid;
    int err;                            /* errno, read after the other thread set its own */
    int nice;
    void *stack;                        /* the address of a local */
};
static struct own mine[2];              /* [0] main, [1] worker */

static void *worker(void *arg)
{
    (void)arg;
    int local;
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &set, NULL);             /* this thread blocks SIGUSR1 */
    pid_t tid = gettid();
    setpriority(PRIO_PROCESS, (id_t)tid, 5);            /* this thread only: nice 5 */
    close(-1);                                          /* errno = EBADF, here */
    set_step(1);
    wait_step(2);                                       /* main has set its errno */
    mine[1] = (struct own){ tid, errno, getpriority(PRIO_PROCESS, (id_t)tid), &local };
    set_step(3);
    wait_step(4);                                       /* alive while main looks */
    return NULL;
}

/* Print the lines of /proc/self/task/TID/status a student should look at. */
static unsigned long long show_task_status(pid_t tid)
{
    char p[64], buf[4096];
    snprintf(p, sizeof p, "/proc/self/task/%d/status", tid);
    if (read_proc(p, buf, sizeof buf) < 0)
        return 0;
    unsigned long long sigblk = 0;
    printf("   %s:", p);
    const char *want[] = { "Name:", "Tgid:", "Pid:", "SigBlk:" };
    for (char *l = buf; *l;) {
        size_t len = strcspn(l, "\n");
        for (int i = 0; i < 4; i++)
            if (strncmp(l, want[i], strlen(want[i])) == 0) {
                char field[64];
                snprintf(field, sizeof field, "%.*s", (int)len, l);
                for (char *c = field; *c; c++)
                    if (*c == '\t')
                        *c = ' ';
                printf("  %s", field);
                if (i == 3)
                    sigblk = strtoull(l + 7, NULL, 16);
            }
        l += len + (l[len] == '\n');
    }
    printf("\n");
    return sigblk;
}

static void threads_own(void)
{
    printf("3. Each thread owns its tid, errno, signal mask, nice value and stack.\n");
    int local;
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    wait_step(1);                                       /* the worker's errno is EBADF */
    /* Only now: a new thread starts with its creator's mask. */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    pthread_sigmask(SIG_BLOCK, &set, NULL);             /* main blocks SIGUSR2 */
    open("/no/such/file", O_RDONLY);                    /* ours is ENOENT */
    set_step(2);
    wait_step(3);
    pid_t tid = gettid();
    mine[0] = (struct own){ tid, errno, getpriority(PRIO_PROCESS, (id_t)tid), &local };

    const char *who[2] = { "main  ", "worker" };
    for (int i = 0; i < 2; i++)
        printf("   %s tid %d  errno %d (%s)  nice %d  a local at %p\n", who[i], mine[i].tid,
               mine[i].err, strerror(mine[i].err), mine[i].nice, mine[i].stack);
    printf("   (getpid() is %d in both: one process)\n", getpid());
    unsigned long long blk[2];
    for (int i = 0; i < 2; i++)
        blk[i] = show_task_status(mine[i].tid);
    printf("   SigBlk is a mask with bit n-1 for signal n: 0x800 is SIGUSR2 (12), 0x200 "
           "SIGUSR1 (10).\n");
    set_step(4);
    pthread_join(t, NULL);

    unsigned long long usr1 = 1ull << (SIGUSR1 - 1), usr2 = 1ull << (SIGUSR2 - 1);
    if (mine[0].tid == mine[1].tid)
        fail("both threads have the same tid");
    else if (mine[0].err != ENOENT || mine[1].err != EBADF)
        fail("errno is not per thread");
    else if (mine[0].nice != 0 || mine[1].nice != 5)
        fail("setpriority on the worker's tid did not act on that thread only");
    else if ((blk[0] & (usr1 | usr2)) != usr2 || (blk[1] & (usr1 | usr2)) != usr1)
        fail("the signal masks in /proc/self/task/TID/status are not per thread");
    else if (mine[0].stack == mine[1].stack)
        fail("the two threads' locals are at the same address");
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    threads_share();
    fork_copies();
    threads_own();
    if (shared_fd >= 0) {
        close(shared_fd);
        unlink(path);
    }
    if (why[0]) {
        printf("sharing: FAILED: %s\n", why);
        return 1;
    }
    printf("sharing: ok\n");
    return 0;
}
