/*
 * zombie: what happens to a child whose parent does not wait for it, and
 * to children whose parent dies (claim P6; docs/processes.md).
 *
 *      zombie          run the story below, step by step, and check it
 *      zombie hold     just leave a zombie and wait (to look with ps):
 *                      kill the parent and watch init reap the zombie
 *
 * The story, with three processes of its own besides this one:
 *
 *      this program ── P (the parent) ──┬── A: exits at once -> a zombie
 *                                       └── B: sleeps on a pipe
 *
 *  1. A has exited, P has not called wait(): A is a zombie (Z). Its
 *     memory and files are gone; what is left is the exit status, for P.
 *  2. P is killed. Its children are given to init (pid 1): their PPID
 *     becomes 1, and init, which loops in wait(), reaps A at once.
 *  3. B, an orphan now, exits; init reaps it too. Nothing is left.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "demo.h"

/* What /proc/PID/stat says of pid: its state letter and PPID, read by
 * proc_stat() (demo.h) from "12 (zombie) Z 11 ...". */
static void show(const char *who, int pid)
{
    char s;
    int ppid;
    if (proc_stat(pid, &s, &ppid))
        printf("    /proc/%d/stat: %s is in state %c, ppid %d\n", pid, who, s, ppid);
    else
        printf("    /proc/%d: gone (%s has been reaped)\n", pid, who);
}

/* Poll until pid's state is 'want' ('-' = gone) or its PPID is not 'not_ppid'. */
static int wait_until(int pid, char want, int not_ppid, int ms)
{
    long long end = now_ms() + ms;
    for (;;) {
        char s;
        int ppid;
        int alive = proc_stat(pid, &s, &ppid);
        if (want == '-' ? !alive : alive && (want ? s == want : ppid != not_ppid))
            return 1;
        if (now_ms() > end)
            return 0;
        sleep_ms(5);
    }
}

static int hold(void)
{
    pid_t z = fork();
    if (z == 0)
        _exit(0);
    printf("zombie: child %d has exited; I (pid %d) never wait for it, so `ps` shows it as Z.\n"
           "        kill me (kill %d) and init adopts the zombie and reaps it.\n", z, getpid(),
           getpid());
    fflush(stdout);
    for (;;)
        pause();
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc == 2 && strcmp(argv[1], "hold") == 0)
        return hold();
    if (argc != 1) {
        fprintf(stderr, "usage: zombie [hold]\n");
        return 2;
    }
    int report[2], release[2];
    if (pipe(report) < 0 || pipe(release) < 0) {
        perror("zombie: pipe");
        return 1;
    }
    pid_t parent = fork();
    if (parent == 0) {                          /* P */
        close(report[0]);
        pid_t kids[2];
        kids[0] = fork();
        if (kids[0] == 0)
            _exit(7);                           /* A: exits at once */
        kids[1] = fork();
        if (kids[1] == 0) {                     /* B: sleeps until released */
            char c;
            close(release[1]);
            read(release[0], &c, 1);
            _exit(0);
        }
        write(report[1], kids, sizeof kids);
        for (;;)
            pause();                            /* and never waits */
    }
    close(report[1]);
    close(release[0]);
    pid_t kids[2];
    if (read(report[0], kids, sizeof kids) != sizeof kids) {
        printf("zombie: the parent process did not report its children\n");
        return 1;
    }
    pid_t a = kids[0], b = kids[1];
    int ok = 1;

    printf("step 1: P (pid %d) forked A (pid %d), which exited at once, and B (pid %d), which "
           "sleeps.\n        P never calls wait().\n", parent, a, b);
    if (!wait_until(a, 'Z', 0, 2000) || !wait_until(b, 'S', 0, 2000))
        ok = 0;
    show("A", a);
    show("B", b);
    printf("    A is a zombie: dead, its memory and files freed, but its exit status kept\n"
           "    for P, which has not asked for it.\n");

    printf("step 2: kill P (SIGKILL). Its children are handed to init (pid 1).\n");
    kill(parent, SIGKILL);
    waitpid(parent, NULL, 0);                   /* P was ours to reap */
    char s;
    int ppid;
    if (proc_stat(a, &s, &ppid))                /* usually too late to see */
        printf("    caught A still there: state %c, ppid %d (adopted, not yet reaped)\n", s,
               ppid);
    int a_gone = wait_until(a, '-', 0, 2000);
    int b_moved = wait_until(b, 0, parent, 2000);
    show("A", a);
    printf("    A was adopted by init, whose wait() loop reaped it: reaped\n");
    show("B", b);
    proc_stat(b, &s, &ppid);
    if (b_moved && ppid == 1)
        printf("    B is an orphan now: its PPID changed from %d to 1 (init)\n", parent);
    else if (b_moved)
        printf("    B's PPID changed from %d to %d (on Linux a \"subreaper\" may adopt orphans "
               "instead of init)\n", parent, ppid);
    ok &= a_gone && b_moved;

    printf("step 3: release B, which exits; its parent is now init.\n");
    write(release[1], "x", 1);
    int b_gone = wait_until(b, '-', 0, 2000);
    show("B", b);
    if (b_gone)
        printf("    init reaped B too: no zombie is left behind\n");
    ok &= b_gone;

    printf("zombie: %s\n", ok ? "ok: the zombie was reaped by init after its parent died"
                              : "UNEXPECTED: see the steps above");
    return ok ? 0 : 1;
}
