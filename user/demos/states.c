/*
 * states: put a process in each state ps shows, and watch it there
 * (claims P2-P7; docs/processes.md).
 *
 *      states R        spin on the CPU                         ps: R
 *      states S        read() an empty pipe (interruptible)    ps: S
 *      states D        read /dev/slowdisk (uninterruptible)    ps: D
 *      states T        stop itself with SIGSTOP                ps: T
 *      states Z        fork a child that exits, never wait     ps: Z (the child)
 *      states all      all five, each in a helper process, observed
 *                      through /proc/PID/stat; exit 0 if each was seen
 *
 * The single-state forms run until you kill them, so that you can look:
 *
 *      $ states S &
 *      $ ps                    (STAT column: S; WCHAN: the pipe)
 *      $ cat /proc/12/stat     (the third field is the state)
 *      $ kill %1
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "demo.h"

/* Poll until pid shows the letter 'want' (or ms run out). The letter is
 * the field after the command name in /proc/PID/stat, "12 (states) S 1 ...";
 * proc_state() (demo.h) reads it, '?' if the process is gone. */
static char wait_for_state(int pid, char want, int ms)
{
    long long end = now_ms() + ms;
    char s;
    while ((s = proc_state(pid)) != want && now_ms() < end)
        sleep_ms(5);
    return s;
}

/* --- The five behaviours ------------------------------------------------------- */

static _Noreturn void spin(void)
{
    for (volatile unsigned long i = 0;; i++)
        ;                                   /* never sleeps: always R */
}

static _Noreturn void block_in_pipe(void)
{
    int fds[2];
    char c;
    if (pipe(fds) < 0) {
        perror("states: pipe");
        exit(1);
    }
    read(fds[0], &c, 1);                    /* nobody ever writes: S forever */
    exit(0);
}

static _Noreturn void read_slowdisk(int forever)
{
    int fd = open("/dev/slowdisk", O_RDONLY);
    if (fd < 0) {
        perror("states: /dev/slowdisk");
        exit(1);
    }
    char buf[64];
    do
        read(fd, buf, sizeof buf);          /* each read: D until the "disk" answers */
    while (forever);
    exit(0);
}

/* Fork a child that exits at once; never wait for it. */
static pid_t make_zombie(void)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    return pid;
}

static int one_state(char which)
{
    pid_t me = getpid();
    switch (which) {
    case 'R':
        printf("states: pid %d spins on the CPU: ps shows R (running, or ready in the run queue).\n", me);
        fflush(stdout);
        spin();
    case 'S':
        printf("states: pid %d is blocked in read() on an empty pipe: ps shows S "
               "(interruptible sleep); any signal wakes it.\n", me);
        fflush(stdout);
        block_in_pipe();
        return 0;
    case 'D':
        printf("states: pid %d reads /dev/slowdisk over and over: ps shows D (uninterruptible "
               "sleep);\n        kill -9 %d takes effect only when the read in flight ends.\n",
               me, me);
        fflush(stdout);
        read_slowdisk(1);
        return 0;
    case 'T':
        printf("states: pid %d stops itself with SIGSTOP: ps shows T; `kill -CONT %d` resumes it.\n",
               me, me);
        fflush(stdout);
        raise(SIGSTOP);
        printf("states: pid %d was continued (SIGCONT): running again, and done.\n", me);
        return 0;
    case 'Z': {
        pid_t z = make_zombie();
        printf("states: child %d exited and its parent (pid %d, me) does not wait for it:\n"
               "        ps will show it as Z (zombie) until I die; then init (pid 1) adopts "
               "and reaps it.\n", z, me);
        fflush(stdout);
        for (;;)
            pause();
    }
    }
    return 2;
}

/* --- states all ------------------------------------------------------------------ */

struct helper {
    char letter;
    const char *name;
    const char *how;
    pid_t pid;
    char seen;
};

static pid_t start_helper(char letter)
{
    pid_t pid = fork();
    if (pid < 0) {
        perror("states: fork");
        exit(1);
    }
    if (pid > 0)
        return pid;
    switch (letter) {
    case 'R': spin();
    case 'S': block_in_pipe();
    case 'D': read_slowdisk(0);
    case 'T': raise(SIGSTOP); for (;;) pause();
    case 'Z': _exit(0);
    }
    _exit(2);
}

static int all_states(void)
{
    struct helper h[] = {
        { 'R', "running",    "spins in a loop", 0, 0 },
        { 'S', "sleeping",   "read() on an empty pipe", 0, 0 },
        { 'D', "disk sleep", "read() of /dev/slowdisk", 0, 0 },
        { 'T', "stopped",    "raise(SIGSTOP)", 0, 0 },
        { 'Z', "zombie",     "exited; parent has not waited", 0, 0 },
    };
    int n = sizeof h / sizeof h[0], good = 0;

    printf("states all: one helper process per state, observed in /proc/PID/stat\n");
    if (proc_state(getpid()) == '?') {
        printf("states: cannot read /proc/%d/stat: is /proc mounted?\n", getpid());
        return 1;
    }
    /* The reader itself is running while it reads: R, always. */
    printf("  (this process, pid %d, reads them: it sees itself as %c)\n\n", getpid(),
           proc_state(getpid()));
    printf("  %-5s %-11s %-6s %-31s %s\n", "state", "meaning", "pid", "how the helper got there",
           "observed");
    for (int i = 0; i < n; i++) {
        h[i].pid = start_helper(h[i].letter);
        h[i].seen = wait_for_state(h[i].pid, h[i].letter, 1500);
        good += h[i].seen == h[i].letter;
        printf("  %-5c %-11s %-6d %-31s %c  %s\n", h[i].letter, h[i].name, h[i].pid, h[i].how,
               h[i].seen, h[i].seen == h[i].letter ? "ok" : "UNEXPECTED");
        fflush(stdout);
    }

    /* Clean up, and show two more things on the way. */
    printf("\nkilling the helpers (SIGKILL); the D one goes only when its read ends\n");
    long long t0 = now_ms();
    for (int i = 0; i < n; i++)
        if (h[i].letter != 'Z')
            kill(h[i].pid, SIGKILL);
    for (int i = 0; i < n; i++) {
        int status;
        waitpid(h[i].pid, &status, 0);
        if (h[i].letter == 'D' && WIFSIGNALED(status))
            printf("  the D helper got SIGKILL with the others but died %lld ms later, when its "
                   "read ended\n", now_ms() - t0);
        if (h[i].letter == 'Z')
            printf("  the Z helper left its exit status (%d) for wait(), which reaped it: "
                   "/proc/%d is now %s\n", WEXITSTATUS(status), h[i].pid,
                   proc_state(h[i].pid) == '?' ? "gone" : "STILL THERE");
    }
    printf("\nstates all: %d of %d states observed as expected\n", good, n);
    return good == n ? 0 : 1;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc == 2 && strcmp(argv[1], "all") == 0)
        return all_states();
    if (argc == 2 && strlen(argv[1]) == 1 && strchr("RSDTZ", argv[1][0]))
        return one_state(argv[1][0]);
    fprintf(stderr, "usage: states R|S|D|T|Z|all\n"
                    "  R spin, S block on a pipe, D read /dev/slowdisk, T stop, Z leave a zombie;\n"
                    "  all: show each of them and check it through /proc\n");
    return 2;
}
