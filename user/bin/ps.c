/*
 * ps: list the processes, from /proc.
 *      ps [-e | -A | ax | aux] [-L]
 *   -L  one line per thread, with its TID (from /proc/PID/task/TID)
 * Every process is listed (-e and friends are accepted for habit's sake).
 *
 *   PID  PPID  PGID STAT     TIME WCHAN    CMD
 *     1     0     1 Ss       0:00 wait4    /sbin/init
 *
 * STAT is the state letter of /proc/PID/stat (R running, S sleeping,
 * D uninterruptible, T stopped, Z zombie) then BSD's modifiers:
 *   <  high priority (nice < 0)        N  low priority (nice > 0)
 *   s  a session leader                l  multi-threaded
 *   +  in the terminal's foreground process group
 * TIME is user + system CPU time, WCHAN where in the kernel it sleeps
 * (/proc/PID/wchan), CMD its arguments (/proc/PID/cmdline), or [name]
 * for a process without any (a kernel thread, a zombie).
 */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct stat_fields {
    char comm[64];
    char state;
    long ppid, pgrp, session, tpgid, utime, stime, nice, threads;
};

/* Read a small /proc file into buf; returns its length, or -1. */
static long slurp(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    size_t n = fread(buf, 1, size - 1, f);
    fclose(f);
    buf[n] = '\0';
    return n;
}

/* /proc/.../stat: "pid (comm) state ppid pgrp session tty tpgid ...".
 * comm may hold spaces and parentheses, so it ends at the LAST ')'. */
static int read_stat(const char *path, struct stat_fields *s)
{
    char buf[1024];
    if (slurp(path, buf, sizeof buf) < 0)
        return -1;
    char *open = strchr(buf, '('), *close = strrchr(buf, ')');
    if (!open || !close)
        return -1;
    snprintf(s->comm, sizeof s->comm, "%.*s", (int)(close - open - 1), open + 1);
    long skip;
    int n = sscanf(close + 2,
                   "%c %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld %ld",
                   &s->state, &s->ppid, &s->pgrp, &s->session, &skip, &s->tpgid, &skip,
                   &skip, &skip, &skip, &skip, &s->utime, &s->stime, &skip, &skip, &skip,
                   &s->nice, &s->threads);
    return n == 18 ? 0 : -1;
}

static void print_one(int pid, int tid, int show_tid, const char *dir, const char *cmd)
{
    char path[128], wchan[64], stat[16], time[32];
    struct stat_fields s;
    snprintf(path, sizeof path, "%s/stat", dir);
    if (read_stat(path, &s) < 0)
        return;                         /* it exited meanwhile */
    snprintf(path, sizeof path, "%s/wchan", dir);
    if (slurp(path, wchan, sizeof wchan) <= 0 || !strcmp(wchan, "0"))
        strcpy(wchan, "-");
    wchan[strcspn(wchan, "\n")] = '\0';

    char *p = stat;
    *p++ = s.state;
    if (s.nice < 0)
        *p++ = '<';
    if (s.nice > 0)
        *p++ = 'N';
    if (s.session == pid)
        *p++ = 's';
    if (s.threads > 1)
        *p++ = 'l';
    if (s.tpgid > 0 && s.tpgid == s.pgrp)
        *p++ = '+';
    *p = '\0';

    long secs = (s.utime + s.stime) / sysconf(_SC_CLK_TCK);
    snprintf(time, sizeof time, "%ld:%02ld", secs / 60, secs % 60);

    printf("%5d ", pid);
    if (show_tid)
        printf("%5d ", tid);
    printf("%5ld %5ld %-4s %8s %-8.8s ", s.ppid, s.pgrp, stat, time, wchan);
    if (*cmd)
        printf("%s\n", cmd);
    else
        printf("[%s]\n", s.comm);
}

/* The command line: NUL-separated arguments, shown with spaces. */
static void read_cmdline(int pid, char *buf, size_t size)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/cmdline", pid);
    long n = slurp(path, buf, size);
    if (n < 0)
        n = 0;
    while (n > 0 && buf[n - 1] == '\0')
        n--;
    for (long i = 0; i < n; i++)
        if (buf[i] == '\0')
            buf[i] = ' ';
    buf[n] = '\0';
}

/* The numeric entries of a /proc directory, sorted. */
static int numbers(const char *path, int **out)
{
    DIR *d = opendir(path);
    int n = 0, cap = 0, *v = NULL;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (!isdigit((unsigned char)e->d_name[0]))
            continue;
        if (n == cap)
            v = realloc(v, (cap = cap ? 2 * cap : 64) * sizeof *v);
        v[n++] = atoi(e->d_name);
    }
    if (d)
        closedir(d);
    for (int i = 1; i < n; i++)         /* insertion sort: n is small */
        for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
            int t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    *out = v;
    return n;
}

int main(int argc, char **argv)
{
    int threads = 0;
    for (int i = 1; i < argc; i++) {
        for (const char *p = argv[i] + (argv[i][0] == '-'); *p; p++) {
            if (*p == 'L')
                threads = 1;
            else if (!strchr("eAaxuf", *p)) {
                fprintf(stderr, "usage: ps [-e] [-L]\n");
                return 2;
            }
        }
    }
    int *pids;
    int n = numbers("/proc", &pids);
    if (n == 0) {
        fprintf(stderr, "ps: no processes in /proc (is it mounted?)\n");
        return 1;
    }
    printf(threads ? "  PID   TID  PPID  PGID STAT     TIME WCHAN    CMD\n"
                   : "  PID  PPID  PGID STAT     TIME WCHAN    CMD\n");
    for (int i = 0; i < n; i++) {
        char dir[64], cmd[4096];
        read_cmdline(pids[i], cmd, sizeof cmd);
        snprintf(dir, sizeof dir, "/proc/%d", pids[i]);
        if (!threads) {
            print_one(pids[i], pids[i], 0, dir, cmd);
            continue;
        }
        int *tids;
        char taskdir[64];
        snprintf(taskdir, sizeof taskdir, "/proc/%d/task", pids[i]);
        int nt = numbers(taskdir, &tids);
        for (int t = 0; t < nt; t++) {
            snprintf(dir, sizeof dir, "/proc/%d/task/%d", pids[i], tids[t]);
            print_one(pids[i], tids[t], 1, dir, cmd);
        }
        free(tids);
    }
    free(pids);
    return 0;
}
