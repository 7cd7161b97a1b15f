/*
 * states_zombie.c: zombies and orphans (claim P6).
 *
 *  - a child that exits is a zombie (Z) until its parent reaps it with
 *    wait4, which gets the exit status; then the pid is gone;
 *  - a child whose parent dies is reparented to init (PPID 1), and init
 *    reaps it when it exits (zombie or not);
 *  - a parent that ignores SIGCHLD (SIG_IGN) or sets SA_NOCLDWAIT gets no
 *    zombies at all: wait4 has nothing to collect and fails with ECHILD
 *    once every child is gone (POSIX, Linux).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "t.h"
#include "t_child.h"
#include "t_proc.h"
#include "t_time.h"

static void set_sigchld(void (*h)(int), int flags)
{
    struct sigaction sa = { 0 };
    sa.sa_handler = h;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGCHLD, &sa, NULL);
}

static void test_zombie_keeps_status_until_reaped(void)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(42);
    CHECK(wait_state(pid, 'Z', 2000) == 'Z');
    char s;
    int ppid;
    CHECK(read_stat(pid, &s, &ppid) && ppid == getpid());
    CHECK(kill(pid, 0) == 0);                   /* the pid still exists */
    CHECK(kill(pid, SIGKILL) == 0);             /* a signal to a zombie does nothing */
    int status = reap(pid);
    CHECKF(WIFEXITED(status) && WEXITSTATUS(status) == 42, "status %#x", status);
    CHECK(!read_stat(pid, &s, &ppid));
    errno = 0;
    CHECK(kill(pid, 0) == -1 && errno == ESRCH);
    errno = 0;
    CHECK(waitpid(pid, &status, WNOHANG) == -1 && errno == ECHILD);
}

static void test_many_zombies_reaped_by_wait_any(void)
{
    enum { N = 20 };
    pid_t pids[N];
    for (int i = 0; i < N; i++) {
        pids[i] = fork();
        if (pids[i] == 0)
            _exit(i);
    }
    for (int i = 0; i < N; i++)
        CHECKF(wait_state(pids[i], 'Z', 2000) == 'Z', "child %d never became a zombie", pids[i]);
    int seen = 0, sum = 0, status;
    pid_t r;
    while ((r = wait(&status)) > 0) {
        seen++;
        sum += WEXITSTATUS(status);
    }
    CHECK(errno == ECHILD);
    CHECK(seen == N && sum == N * (N - 1) / 2);
}

/*
 * A zombie whose parent dies: reparented to init, which reaps it. The
 * middle process M forks Z (exits at once) and reports Z's pid; the test
 * sees Z as a zombie child of M, kills M, and watches Z disappear: only
 * init can have reaped it.
 */
static void test_orphan_zombie_reaped_by_init(void)
{
    int fds[2];
    CHECK(pipe(fds) == 0);
    pid_t m = fork();
    if (m == 0) {
        pid_t z = fork();
        if (z == 0)
            _exit(0);
        write(fds[1], &z, sizeof z);
        for (;;)
            pause();
    }
    pid_t z = 0;
    read(fds[0], &z, sizeof z);
    close(fds[0]), close(fds[1]);
    int was_zombie = wait_state(z, 'Z', 2000) == 'Z';
    char s;
    int ppid = 0;
    read_stat(z, &s, &ppid);
    kill(m, SIGKILL);
    reap(m);
    /* '?': no such process. Linux's init may take its time. */
    int gone = wait_state(z, '?', 5000) == '?';
    CHECK(was_zombie);
    CHECKF(ppid == m, "the zombie's ppid was %d, not %d", ppid, m);
    CHECKF(gone, "zombie %d still there after its parent died", z);
}

/*
 * A live orphan: its parent exits, its PPID becomes 1 (getppid() in the
 * orphan says so too), and when it exits, init reaps it.
 */
static void test_orphan_reparented_to_init(void)
{
    int report[2], release[2];
    CHECK(pipe(report) == 0 && pipe(release) == 0);
    pid_t m = fork();
    if (m == 0) {
        pid_t o = fork();
        if (o == 0) {
            char c;
            close(release[1]);
            read(release[0], &c, 1);            /* released after M has died */
            int pp = getppid();
            write(report[1], &pp, sizeof pp);
            _exit(0);
        }
        write(report[1], &o, sizeof o);
        _exit(0);                               /* M exits: o is an orphan */
    }
    close(report[1]);
    close(release[0]);
    pid_t o = 0;
    read(report[0], &o, sizeof o);
    reap(m);
    char s;
    int ppid = 0;
    long long end = now_ms() + 2000;
    while (read_stat(o, &s, &ppid) && ppid == m && now_ms() < end)
        sleep_ms(2);
    write(release[1], "x", 1);
    int getppid_said = 0;
    read(report[0], &getppid_said, sizeof getppid_said);
    int gone = wait_state(o, '?', 5000) == '?';     /* no such process */
    close(report[0]), close(release[1]);
    if (on_weft()) {
        CHECKF(ppid == 1, "/proc says the orphan's ppid is %d, not 1", ppid);
        CHECKF(getppid_said == 1, "getppid() in the orphan returned %d", getppid_said);
    } else {                                    /* Linux: init, or a subreaper */
        CHECKF(ppid != m && getppid_said != m, "still the dead parent's child");
    }
    CHECKF(gone, "orphan %d was not reaped after it exited", o);
}

/*
 * With SIGCHLD ignored (or SA_NOCLDWAIT) a child that has exited is gone
 * at once: not in /proc, and waitpid says ECHILD. "" if so, else what is
 * wrong. Puts SIGCHLD back to SIG_DFL, and reaps a child left behind.
 */
static const char *not_reaped_at_exit(pid_t pid)
{
    static char why[80];
    char s = '-';
    int there = read_stat(pid, &s, NULL);
    errno = 0;
    pid_t r = waitpid(pid, NULL, WNOHANG);
    int e = errno;
    set_sigchld(SIG_DFL, 0);
    if (r == 0 || (r < 0 && e != ECHILD))
        reap(pid);
    why[0] = '\0';
    if (there)
        snprintf(why, sizeof why, "the child is still in /proc in state %c", s);
    else if (r != -1 || e != ECHILD)
        snprintf(why, sizeof why, "waitpid returned %d (errno %d), not -1 ECHILD", r, e);
    return why;
}

/* SIGCHLD set to SIG_IGN: children are reaped at once, never zombies. */
static void test_sigchld_ignored_means_no_zombies(void)
{
    set_sigchld(SIG_IGN, 0);
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    sleep_ms(100);                              /* it has exited by now */
    const char *why = not_reaped_at_exit(pid);
    CHECKF(!*why, "%s", why);
}

/* ... and wait() blocks until the last child is gone, then says ECHILD. */
static void test_sigchld_ignored_wait_blocks_then_echild(void)
{
    set_sigchld(SIG_IGN, 0);
    pid_t pid = fork();
    if (pid == 0) {
        sleep_ms(200);
        _exit(0);
    }
    long long t0 = now_ms();
    int status;
    errno = 0;
    pid_t r = wait(&status);
    int e = errno;
    long long took = now_ms() - t0;
    set_sigchld(SIG_DFL, 0);
    if (r == 0 || (r < 0 && e != ECHILD))
        reap(pid);
    CHECKF(r == -1 && e == ECHILD, "wait returned %d (errno %d), not -1 ECHILD", r, e);
    CHECKF(took >= 150, "wait returned after %lld ms, before the child exited", took);
}

static volatile sig_atomic_t chld_seen;
static void on_chld(int sig)
{
    (void)sig;
    chld_seen++;
}

/* SA_NOCLDWAIT: no zombies either, but a handler still gets SIGCHLD. */
static void test_SA_NOCLDWAIT(void)
{
    chld_seen = 0;
    set_sigchld(on_chld, SA_NOCLDWAIT);
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    long long end = now_ms() + 1000;
    while (!chld_seen && now_ms() < end)
        sleep_ms(2);
    sleep_ms(20);
    const char *why = not_reaped_at_exit(pid);
    CHECK(chld_seen == 1);
    CHECKF(!*why, "%s", why);
}

/* Back to SIG_DFL: zombies again. */
static void test_default_sigchld_makes_zombies_again(void)
{
    set_sigchld(SIG_IGN, 0);
    set_sigchld(SIG_DFL, 0);
    pid_t pid = fork();
    if (pid == 0)
        _exit(9);
    CHECK(wait_state(pid, 'Z', 2000) == 'Z');
    int status = reap(pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 9);
}

int main(int argc, char **argv)
{
    T_INIT("states_zombie", argc, argv);
    RUN(test_zombie_keeps_status_until_reaped);
    RUN(test_many_zombies_reaped_by_wait_any);
    RUN(test_orphan_zombie_reaped_by_init);
    RUN(test_orphan_reparented_to_init);
    RUN(test_sigchld_ignored_means_no_zombies);
    RUN(test_sigchld_ignored_wait_blocks_then_echild);
    RUN(test_SA_NOCLDWAIT);
    RUN(test_default_sigchld_makes_zombies_again);
    return T_DONE();
}
