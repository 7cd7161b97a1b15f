/*
 * jobs.c: jobs, process groups and the terminal (job control).
 *
 * Every pipeline the shell starts is a job. In an interactive shell each
 * job gets a process group of its own (setpgid), and the terminal is told
 * which group is in the foreground (tcsetpgrp): the terminal sends ^C
 * (SIGINT) and ^Z (SIGTSTP) to that group only, so they reach the job and
 * not the shell, and a background job that reads the terminal is stopped
 * (SIGTTIN) rather than stealing the shell's input.
 *
 * The shell learns what became of its children from waitpid(-1, ...,
 * WUNTRACED): "exited", "killed by a signal", or "stopped". wait_any()
 * files each report under the job that owns the pid; a job is running
 * while one of its processes is, stopped when the rest are stopped, done
 * when all are done.
 *
 * A non-interactive shell (a script, sh -c) keeps the table too, for
 * `wait` and $!, but puts no job in a group of its own.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "sh.h"

struct job **jobtab;
int njobtab;
int interactive;
int jobctl;
pid_t shell_pgid;
volatile sig_atomic_t got_sigint;

static struct termios shell_modes;      /* the terminal as the shell likes it */
static unsigned seq_counter;

/* ^C at the prompt: read() returns EINTR and main.c starts a new line. */
static void on_sigint(int sig)
{
    (void)sig;
    got_sigint = 1;
}

/* The signals an interactive shell must survive; its children get the
 * default actions back (child_reset). */
static const int job_signals[] = { SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGTERM };

void jobs_init(void)
{
    if (!interactive)
        return;
    struct sigaction sa = { .sa_handler = on_sigint };   /* no SA_RESTART */
    sigaction(SIGINT, &sa, NULL);
    for (size_t i = 1; i < sizeof job_signals / sizeof job_signals[0]; i++)
        signal(job_signals[i], SIG_IGN);

    /* Job control needs a terminal that knows process groups. If we were
     * started in the background, wait (stopped) until we are brought to
     * the foreground. */
    pid_t fg;
    while ((fg = tcgetpgrp(0)) >= 0 && fg != getpgrp())
        kill(-getpgrp(), SIGTTIN);
    if (fg < 0) {
        sh_error("no job control in this shell: %s", strerror(errno));
        return;
    }
    shell_pgid = getpid();
    if (getpgrp() != shell_pgid && setpgid(0, shell_pgid) < 0)
        shell_pgid = getpgrp();         /* a session leader cannot move */
    tcsetpgrp(0, shell_pgid);
    tcgetattr(0, &shell_modes);
    jobctl = 1;
}

/*
 * In every child the shell forks: the default signal actions back (if we
 * changed them: what a non-interactive shell inherited as ignored stays
 * ignored, as POSIX wants), and no job control of its own. A background
 * job of a shell without job control ignores ^C and ^\ (POSIX), which
 * are meant for the foreground.
 */
void child_reset(int bg)
{
    int ignore = bg && !jobctl;
    for (size_t i = 0; interactive && i < sizeof job_signals / sizeof job_signals[0]; i++)
        signal(job_signals[i], SIG_DFL);
    if (ignore) {
        signal(SIGINT, SIG_IGN);
        signal(SIGQUIT, SIG_IGN);
    }
    interactive = jobctl = 0;
    /* The parent's jobs are not our children: we could not wait for them.
     * (So `jobs | cat` lists nothing; `jobs > file` works.) */
    for (int i = 0; i < njobtab; i++)
        jobtab[i] = NULL;
}

/* A new, empty job. Its number is one more than the highest in use. */
struct job *job_new(const char *text)
{
    int id = njobtab;
    while (id > 0 && !jobtab[id - 1])
        id--;
    if (id == njobtab) {
        jobtab = xrealloc(jobtab, ++njobtab * sizeof *jobtab);
        jobtab[id] = NULL;
    }
    struct job *j = xmalloc(sizeof *j);
    memset(j, 0, sizeof *j);
    j->id = id + 1;
    j->text = xstrdup(text ? text : "");
    j->seq = ++seq_counter;
    jobtab[id] = j;
    return j;
}

void job_free(struct job *j)
{
    jobtab[j->id - 1] = NULL;
    free(j->procs);
    free(j->text);
    free(j);
}

/*
 * fork() a process of job j. Both parent and child call setpgid, since
 * either may run first: whichever does, the child is in the group before
 * the shell waits for it or it execs. Returns like fork().
 */
pid_t job_fork(struct job *j, int fg)
{
    fflush(stdout);                     /* or the child flushes it too */
    pid_t pid = fork();
    if (pid < 0) {
        sh_error("fork: %s", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        if (jobctl) {
            pid_t pgid = j->pgid ? j->pgid : getpid();
            setpgid(0, pgid);
            if (fg)
                tcsetpgrp(0, pgid);     /* SIGTTOU is still ignored here */
        }
        child_reset(!fg);
        return 0;
    }
    if (jobctl) {
        if (!j->pgid)
            j->pgid = pid;
        setpgid(pid, j->pgid);          /* EACCES if it exec'ed: fine */
    }
    j->procs = xrealloc(j->procs, (j->nprocs + 1) * sizeof *j->procs);
    j->procs[j->nprocs++] = (struct proc){ .pid = pid, .state = P_RUNNING };
    return pid;
}

static int count(struct job *j, enum proc_state s)
{
    int n = 0;
    for (int i = 0; i < j->nprocs; i++)
        n += j->procs[i].state == s;
    return n;
}

int job_running(struct job *j) { return count(j, P_RUNNING) > 0; }
int job_stopped(struct job *j) { return !job_running(j) && count(j, P_STOPPED) > 0; }

/* A job's status is its last process's, as for a pipeline. */
int job_status(struct job *j)
{
    return j->nprocs ? status_of(j->procs[j->nprocs - 1].wstatus) : 1;
}

/*
 * Wait for one child to change state, and file the news under its job.
 * Returns the pid, 0 (WNOHANG, nothing new) or -1 (errno says why).
 * Only a shell with job control asks to hear of stops and continues
 * (WUNTRACED, WCONTINUED): without, a stopped child is just a child that
 * has not finished yet, as in every non-interactive shell.
 */
static pid_t wait_any(int options)
{
    int ws;
    pid_t pid = waitpid(-1, &ws, options | (jobctl ? WUNTRACED | WCONTINUED : 0));
    for (int i = 0; pid > 0 && i < njobtab; i++) {
        struct job *j = jobtab[i];
        for (int k = 0; j && k < j->nprocs; k++) {
            struct proc *p = &j->procs[k];
            if (p->pid != pid)
                continue;
            if (WIFSTOPPED(ws)) {
                p->state = P_STOPPED;
                j->seq = ++seq_counter; /* a stopped job becomes %+ */
            } else if (WIFCONTINUED(ws)) {
                p->state = P_RUNNING;
            } else {
                p->state = P_DONE;
            }
            p->wstatus = ws;
            j->notified = 0;
        }
    }
    return pid;
}

/* Wait until no process of j runs. If interruptible, a ^C (the `wait`
 * builtin in an interactive shell) ends the wait early: -1. */
int job_wait(struct job *j, int interruptible)
{
    while (job_running(j)) {
        if (wait_any(0) >= 0)
            continue;
        if (errno == EINTR) {
            if (interruptible && got_sigint)
                return -1;
            continue;
        }
        for (int i = 0; i < j->nprocs; i++)     /* ECHILD: gone already */
            if (j->procs[i].state == P_RUNNING)
                j->procs[i].state = P_DONE;
    }
    return 0;
}

/* After a foreground job dies of a signal: say which, as bash does.
 * ^C and a broken pipe are what the user expects, so they get no words. */
static void report_signal(struct job *j)
{
    int sig = 0, core = 0, intr = 0;
    for (int i = 0; i < j->nprocs; i++) {
        int ws = j->procs[i].wstatus;
        if (!WIFSIGNALED(ws))
            continue;
        if (WTERMSIG(ws) == SIGINT)
            intr = 1;
        else if (WTERMSIG(ws) != SIGPIPE) {
            sig = WTERMSIG(ws);
            core = WCOREDUMP(ws);
        }
    }
    if (sig)
        fprintf(stderr, "%s%s\n", strsignal(sig), core ? " (core dumped)" : "");
    else if (intr && interactive)
        fputc('\n', stderr);            /* the prompt on a line of its own */
    if (intr && interactive)
        interrupted = 1;                /* and stop the rest of the line */
}

/*
 * Run j in the foreground until it is done or stopped; cont: it was
 * stopped, continue it (fg). The terminal goes to the job's group and
 * comes back to the shell after, with the shell's terminal settings
 * (a program that crashed in raw mode must not leave the shell so).
 */
int job_foreground(struct job *j, int cont)
{
    if (jobctl)
        tcsetpgrp(0, j->pgid);
    if (cont) {
        job_signal(j, SIGCONT);
        for (int i = 0; i < j->nprocs; i++)
            if (j->procs[i].state == P_STOPPED)
                j->procs[i].state = P_RUNNING;
    }
    job_wait(j, 0);
    if (jobctl) {
        tcsetpgrp(0, shell_pgid);
        tcsetattr(0, TCSADRAIN, &shell_modes);
    }
    if (job_stopped(j)) {
        fputc('\n', stderr);
        job_print(j, stderr, 0);
        j->notified = 1;
        for (int i = 0; i < j->nprocs; i++)
            if (j->procs[i].state == P_STOPPED)
                return status_of(j->procs[i].wstatus);
    }
    report_signal(j);
    int status = job_status(j);
    job_free(j);
    return status;
}

/* The job's processes are started: wait for it, or leave it running. */
int job_start(struct job *j, int bg)
{
    if (j->nprocs == 0) {               /* not one fork worked */
        job_free(j);
        return 1;
    }
    if (!bg)
        return job_foreground(j, 0);
    last_bg_pid = j->procs[j->nprocs - 1].pid;
    if (interactive)
        fprintf(stderr, "[%d] %d\n", j->id, last_bg_pid);
    return 0;
}

/* Collect what happened to background jobs, without waiting. */
void jobs_update(void)
{
    while (wait_any(WNOHANG) > 0)
        ;
}

/*
 * Before each prompt: tell what happened to background jobs. Only an
 * interactive shell tells, and forgets done jobs; a script keeps them so
 * that `wait PID` can still return their status.
 */
void jobs_notify(void)
{
    jobs_update();
    if (!interactive)
        return;
    fflush(stdout);
    for (int i = 0; i < njobtab; i++) {
        struct job *j = jobtab[i];
        if (!j || j->notified || job_running(j))
            continue;
        job_print(j, stderr, 0);
        j->notified = 1;
        if (!job_stopped(j))
            job_free(j);
    }
}

/* The interactive shell exits: a stopped job would stay stopped forever,
 * so it gets SIGHUP (and SIGCONT, to act on it), as the kernel would. */
void jobs_hangup(void)
{
    for (int i = 0; i < njobtab; i++) {
        if (jobtab[i] && job_stopped(jobtab[i])) {
            job_signal(jobtab[i], SIGHUP);
            job_signal(jobtab[i], SIGCONT);
        }
    }
}
