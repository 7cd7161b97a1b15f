/*
 * jobcmds.c: the builtins that work on jobs: jobs, fg, bg, wait; showing
 * a job ("[1]+  Stopped    sleep 100"); and naming one: %1 (job 1), %%
 * or %+ (the current job, the one fg picks without arguments), %- (the
 * previous one), %str (the job whose command starts with str), or a plain
 * process id.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

/* %+ is the most recently stopped job, or else the newest; %- the one
 * that would be %+ without it. */
static int newer(struct job *a, struct job *b)
{
    if (!b)
        return 1;
    if (job_stopped(a) != job_stopped(b))
        return job_stopped(a);
    return a->seq > b->seq;
}

char job_mark(struct job *j)
{
    struct job *cur = NULL, *prev = NULL;
    for (int i = 0; i < njobtab; i++) {
        struct job *k = jobtab[i];
        if (!k)
            continue;
        if (newer(k, cur)) {
            prev = cur;
            cur = k;
        } else if (newer(k, prev)) {
            prev = k;
        }
    }
    return j == cur ? '+' : j == prev ? '-' : ' ';
}

/* "[1]+  Stopped                 sleep 100", bash's format. */
void job_print(struct job *j, FILE *out, int with_pids)
{
    char state[64];
    if (j->nprocs == 0)
        return;
    int ws = j->procs[j->nprocs - 1].wstatus;
    if (job_running(j)) {
        snprintf(state, sizeof state, "Running");
    } else if (job_stopped(j)) {
        snprintf(state, sizeof state, "Stopped");   /* whichever signal */
    } else if (WIFSIGNALED(ws)) {
        snprintf(state, sizeof state, "%s%s", strsignal(WTERMSIG(ws)),
                 WCOREDUMP(ws) ? " (core dumped)" : "");
    } else if (WEXITSTATUS(ws)) {
        snprintf(state, sizeof state, "Exit %d", WEXITSTATUS(ws));
    } else {
        snprintf(state, sizeof state, "Done");
    }
    fprintf(out, "[%d]%c ", j->id, job_mark(j));
    if (with_pids)
        fprintf(out, "%d ", j->procs[0].pid);
    fprintf(out, " %-24s%s%s\n", state, j->text, job_running(j) ? " &" : "");
}

static struct job *with_mark(char mark)
{
    for (int i = 0; i < njobtab; i++)
        if (jobtab[i] && job_mark(jobtab[i]) == mark)
            return jobtab[i];
    return NULL;
}

/* The job spec names (NULL: the current job), or NULL after a message
 * that starts with "who: ". */
struct job *job_find(const char *spec, const char *who)
{
    struct job *j = NULL;
    if (!spec || !strcmp(spec, "%%") || !strcmp(spec, "%+") || !strcmp(spec, "%")) {
        j = with_mark('+');
    } else if (!strcmp(spec, "%-")) {
        j = with_mark('-');
    } else if (spec[0] == '%' && spec[1] >= '0' && spec[1] <= '9') {
        int id = atoi(spec + 1);
        if (id >= 1 && id <= njobtab)
            j = jobtab[id - 1];
    } else if (spec[0] == '%') {
        for (int i = 0; !j && i < njobtab; i++)
            if (jobtab[i] && !strncmp(jobtab[i]->text, spec + 1, strlen(spec + 1)))
                j = jobtab[i];
    } else {
        pid_t pid = atoi(spec);
        for (int i = 0; !j && i < njobtab; i++)
            for (int k = 0; jobtab[i] && k < jobtab[i]->nprocs; k++)
                if (jobtab[i]->procs[k].pid == pid)
                    j = jobtab[i];
        if (!j) {
            sh_error("%s: pid %s is not a child of this shell", who, spec);
            return NULL;
        }
    }
    if (!j)
        sh_error("%s: %s: no such job", who, spec ? spec : "current");
    return j;
}

/* Send sig to the whole job: its process group if it has one. */
int job_signal(struct job *j, int sig)
{
    if (j->pgid)
        return kill(-j->pgid, sig);
    int r = 0;
    for (int i = 0; i < j->nprocs; i++)
        if (j->procs[i].state != P_DONE && kill(j->procs[i].pid, sig) < 0)
            r = -1;
    return r;
}

static void show(struct job *j, int pids, int only_pgid)
{
    if (only_pgid)
        printf("%d\n", j->pgid ? j->pgid : j->procs[0].pid);
    else
        job_print(j, stdout, pids);
    j->notified = 1;
    if (!job_running(j) && !job_stopped(j))
        job_free(j);                    /* done, and now reported */
}

/* jobs [-l] [-p] [job...]: list them; done jobs are then forgotten. */
int bi_jobs(int argc, char **argv)
{
    int pids = 0, only_pgid = 0, status = 0, i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (!strcmp(argv[i], "-l")) {
            pids = 1;
        } else if (!strcmp(argv[i], "-p")) {
            only_pgid = 1;
        } else {
            sh_error("jobs: %s: invalid option; usage: jobs [-lp] [job ...]", argv[i]);
            return 2;
        }
    }
    jobs_update();
    if (i == argc) {
        for (int k = 0; k < njobtab; k++)
            if (jobtab[k])
                show(jobtab[k], pids, only_pgid);
    }
    for (; i < argc; i++) {
        struct job *j = job_find(argv[i], "jobs");
        if (j)
            show(j, pids, only_pgid);
        else
            status = 1;
    }
    return status;
}

/* fg [job]: continue it in the foreground and wait for it. */
int bi_fg(int argc, char **argv)
{
    if (!jobctl) {
        sh_error("fg: no job control");
        return 1;
    }
    struct job *j = job_find(argc > 1 ? argv[1] : NULL, "fg");
    if (!j)
        return 1;
    printf("%s\n", j->text);
    fflush(stdout);
    return job_foreground(j, 1);
}

/* bg [job...]: continue them in the background. */
int bi_bg(int argc, char **argv)
{
    if (!jobctl) {
        sh_error("bg: no job control");
        return 1;
    }
    int status = 0;
    for (int i = 1; i < argc || i == 1; i++) {
        struct job *j = job_find(argc > 1 ? argv[i] : NULL, "bg");
        if (!j) {
            status = 1;
            continue;
        }
        job_signal(j, SIGCONT);
        for (int k = 0; k < j->nprocs; k++)
            if (j->procs[k].state == P_STOPPED)
                j->procs[k].state = P_RUNNING;
        printf("[%d]%c %s &\n", j->id, job_mark(j), j->text);
    }
    return status;
}

/*
 * wait [job...]: wait until they are done, and return the last one's
 * status; with no arguments, wait for every job and return 0. In an
 * interactive shell ^C ends the waiting (status 130).
 */
int bi_wait(int argc, char **argv)
{
    int status = 0;
    if (argc == 1) {
        for (int i = 0; i < njobtab; i++) {
            struct job *j = jobtab[i];
            if (j && job_wait(j, 1) < 0) {
                fputc('\n', stderr);    /* after the ^C the terminal echoed */
                return 130;
            }
            if (j && !job_stopped(j))
                job_free(j);
        }
        return 0;
    }
    for (int i = 1; i < argc; i++) {
        struct job *j = job_find(argv[i], "wait");
        if (!j) {
            status = 127;
            continue;
        }
        if (job_wait(j, 1) < 0) {
            fputc('\n', stderr);
            return 130;
        }
        status = job_status(j);
        if (!job_stopped(j))
            job_free(j);
    }
    return status;
}
