/*
 * t_proc.h: a process's (or a thread's) state as /proc shows it: the
 * state letter and parent in /proc/PID/stat (R, S, D, T, Z ...), the
 * threads in /proc/self/task; and /dev/slowdisk, whose reads hold a
 * process in D (uninterruptible sleep) for a set time.
 */
#ifndef WEFT_T_PROC_H
#define WEFT_T_PROC_H

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "t.h"
#include "t_time.h"

/* State letter and PPID (ppid may be NULL) from /proc/PID/stat; 0 if it
 * cannot be read (no such process, or no /proc). */
static inline int read_stat(int pid, char *state, int *ppid)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    if (t_read_file(path, buf, sizeof buf) <= 0)
        return 0;
    char *p = strrchr(buf, ')');                /* after "pid (comm" */
    int pp;
    if (!p || sscanf(p + 1, " %c %d", state, &pp) != 2)
        return 0;
    if (ppid)
        *ppid = pp;
    return 1;
}

/* The state letter of pid, or '?'. */
static inline char state_of(int pid)
{
    char s;
    return read_stat(pid, &s, NULL) ? s : '?';
}

/* Poll every 2 ms until pid is in state `want` or ms pass; the last seen. */
static inline char wait_state(int pid, char want, int ms)
{
    long long end = now_ms() + ms;
    char s;
    while ((s = state_of(pid)) != want && now_ms() < end)
        sleep_ms(2);
    return s;
}

/* In a child: wait (up to 2 s) until the parent is asleep (S); 1 if it is. */
static inline int parent_asleep(void)
{
    return wait_state(getppid(), 'S', 2000) == 'S';
}

/* The value of "Key:" in the text of a /proc/PID/status ("" if missing). */
static inline const char *status_value(const char *text, const char *key)
{
    static char val[256];
    char pat[64];
    snprintf(pat, sizeof pat, "\n%s:", key);
    const char *p;
    if (strncmp(text, pat + 1, strlen(pat + 1)) == 0)
        p = text + strlen(pat + 1);             /* the first line */
    else if ((p = strstr(text, pat)) != NULL)
        p += strlen(pat);
    val[0] = '\0';
    if (!p)
        return val;
    while (*p == '\t' || *p == ' ')
        p++;
    size_t n = strcspn(p, "\n");
    if (n >= sizeof val)
        n = sizeof val - 1;
    memcpy(val, p, n);
    val[n] = '\0';
    return val;
}

/* State letter of one thread, from /proc/PID/task/TID/stat; '?' if none. */
static inline char task_state(int pid, int tid)
{
    char path[80], buf[512];
    snprintf(path, sizeof path, "/proc/%d/task/%d/stat", pid, tid);
    if (t_read_file(path, buf, sizeof buf) <= 0)
        return '?';
    char *p = strrchr(buf, ')');
    return p && p[1] == ' ' ? p[2] : '?';
}

/* wait_state() for one thread. */
static inline char wait_task_state(int pid, int tid, char want, int ms)
{
    long long end = now_ms() + ms;
    char s;
    while ((s = task_state(pid, tid)) != want && now_ms() < end)
        sleep_ms(2);
    return s;
}

/* Entries in /proc/self/task: the process's threads; -1 without /proc. */
static inline int count_threads(void)
{
    DIR *d = opendir("/proc/self/task");
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.')
            n++;
    closedir(d);
    return n;
}

/* Is there a /dev/slowdisk (weft's test device) to read? */
static inline int have_slowdisk(void)
{
    return access("/dev/slowdisk", R_OK) == 0;
}

/* How long each read of /dev/slowdisk sleeps in D; 0, or -1 without it. */
static inline int set_slowdisk_ms(int ms)
{
    int fd = open("/dev/slowdisk", O_WRONLY);
    if (fd < 0)
        return -1;
    char s[16];
    int n = snprintf(s, sizeof s, "%d", ms);
    int r = write(fd, s, (size_t)n) == n ? 0 : -1;
    close(fd);
    return r;
}

#endif
