/*
 * proc_zombie.c: what is left of a process when it ends: a zombie until
 * its parent waits; an orphan (even an orphaned zombie) adopted and
 * reaped by init; and no physical frame kept once a child is reaped.
 *
 * The frame-leak check fails on Linux by design (its free memory moves
 * on its own).
 */
#include <errno.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "t.h"
#include "t_child.h"
#include "t_proc.h"
#include "t_time.h"

/* Frames the kernel may keep after a round (slabs, caches): see proc_wait.c. */
#define LEAK_SLACK 8

/* A child that exited stays (a zombie) until its parent waits. */
static void test_zombie_until_waited(void)
{
    int fds[2];
    CHECK(pipe(fds) == 0);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        _exit(3);                               /* closes fds[1] on the way out */
    }
    CHECK(pid > 0);
    close(fds[1]);
    char c;
    CHECK(read(fds[0], &c, 1) == 0);            /* it is exiting */
    close(fds[0]);
    int have_proc = access("/proc/self/stat", R_OK) == 0;
    if (have_proc) {
        long long deadline = now_ns() + 5000000000LL;
        while (state_of(pid) != 'Z' && now_ns() < deadline)
            sleep_ms(2);
        CHECKF(state_of(pid) == 'Z', "/proc/%d/stat state '%c', want Z", pid, state_of(pid));
    }
    sleep_ms(50);                               /* long done with exiting ... */
    CHECK(kill(pid, 0) == 0);                   /* ... yet still there */
    if (have_proc)
        CHECKF(state_of(pid) == 'Z', "/proc/%d/stat state '%c', want Z", pid, state_of(pid));
    int st;
    CHECK(waitpid(pid, &st, 0) == pid);
    CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 3, "%s", status_str(st));
    errno = 0;
    CHECK(kill(pid, 0) == -1 && errno == ESRCH);   /* reaped: gone */
    if (have_proc) {
        char path[64];
        snprintf(path, sizeof path, "/proc/%d", pid);
        CHECK(access(path, F_OK) == -1);
    }
}

static void fork_exit_wait(int n)
{
    for (int i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid == 0)
            _exit(0);
        reap(pid);
    }
}

static void test_no_frame_leak_fork_exit(void)
{
    CHECKF(t_free_frames() > 0, "cannot read the free frame count");
    fork_exit_wait(10);                         /* warm-up: caches, slabs */
    long long before = t_free_frames();
    fork_exit_wait(200);
    long long after = t_free_frames();
    CHECKF(after >= before - LEAK_SLACK,
           "free frames %lld before 200 fork/exit/wait, %lld after: %lld leaked", before, after,
           before - after);
    /* And with some memory touched in the child (copy-on-write copies). */
    static char data[64 * 1024];
    memset(data, 1, sizeof data);
    before = t_free_frames();
    for (int i = 0; i < 20; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            memset(data, 2, sizeof data);
            char *m = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (m != MAP_FAILED)
                memset(m, 3, 65536);
            _exit(0);
        }
        reap(pid);
    }
    after = t_free_frames();
    CHECKF(after >= before - LEAK_SLACK,
           "free frames %lld before 20 children writing 128 KiB, %lld after", before, after);
}

/* A child forks a grandchild and exits: init (pid 1) adopts the grandchild
 * and reaps it when it exits. */
static void test_orphan_adopted_by_init(void)
{
    int fds[2];
    CHECK(pipe(fds) == 0);
    pid_t child = fork();
    if (child == 0) {
        pid_t me = getpid();
        pid_t g = fork();
        if (g == 0) {
            long long deadline = now_ns() + 5000000000LL;
            while (getppid() == me && now_ns() < deadline)
                sleep_ms(1);
            int ids[2] = { getpid(), getppid() };
            write(fds[1], ids, sizeof ids);
            _exit(0);
        }
        _exit(g > 0 ? 0 : 1);
    }
    close(fds[1]);
    int st = reap(child);
    CHECKF(st == 0, "middle child: %s", status_str(st));
    int ids[2] = { 0, 0 };
    CHECK(read(fds[0], ids, sizeof ids) == (ssize_t)sizeof ids);
    close(fds[0]);
    CHECKF(ids[1] == 1, "orphan %d has parent %d, want 1 (init)", ids[0], ids[1]);
    /* Not ours to wait for ... */
    errno = 0;
    CHECK(waitpid(ids[0], &st, WNOHANG) == -1 && errno == ECHILD);
    /* ... and init reaps it. */
    long long deadline = now_ns() + 5000000000LL;
    while (kill(ids[0], 0) == 0 && now_ns() < deadline)
        sleep_ms(2);
    errno = 0;
    CHECKF(kill(ids[0], 0) == -1 && errno == ESRCH, "orphan %d still exists after 5 s", ids[0]);
}

/* A zombie whose parent exits is adopted by init, which reaps it: init
 * must learn of a child that was already dead when it arrived. */
static void test_orphaned_zombie_reaped_by_init(void)
{
    int fds[2];
    CHECK(pipe(fds) == 0);
    pid_t child = fork();
    if (child == 0) {
        close(fds[0]);
        int gfds[2];
        if (pipe(gfds) < 0)
            _exit(1);
        pid_t g = fork();
        if (g == 0)
            _exit(0);                           /* a zombie: nobody waits */
        close(gfds[1]);
        sleep_ms(50);                           /* let it die */
        write(fds[1], &g, sizeof g);
        _exit(g > 0 ? 0 : 1);                   /* and leave it to init */
    }
    close(fds[1]);
    pid_t g = 0;
    CHECK(read(fds[0], &g, sizeof g) == (ssize_t)sizeof g);
    close(fds[0]);
    int st = reap(child);
    CHECKF(st == 0, "middle child: %s", status_str(st));
    long long deadline = now_ns() + 5000000000LL;
    while (kill(g, 0) == 0 && now_ns() < deadline)
        sleep_ms(2);
    errno = 0;
    CHECKF(kill(g, 0) == -1 && errno == ESRCH, "orphaned zombie %d still exists after 5 s", g);
}

int main(int argc, char **argv)
{
    T_INIT("proc_zombie", argc, argv);
    RUN(test_zombie_until_waited);
    RUN(test_no_frame_leak_fork_exit);
    RUN(test_orphan_adopted_by_init);
    RUN(test_orphaned_zombie_reaped_by_init);
    return T_DONE();
}
