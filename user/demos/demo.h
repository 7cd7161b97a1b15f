/*
 * demo.h: the plumbing several demos share: reading a /proc file, a number
 * out of /proc/self/status, /proc/weft or /proc/PID/stat, and the
 * monotonic clock. What a demo shows, and how it measures it, stays in the
 * demo's own file; only these helpers, which the demos had each written
 * out the same way, live here.
 *
 * Header-only: every demo is one .c file built into one program (the
 * Makefile), so the functions are static inline, and a demo that uses
 * only some of them gets no warning for the others.
 */
#ifndef WEFT_DEMO_H
#define WEFT_DEMO_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---- /proc ------------------------------------------------------------------ */

/* Read the file at path (a small /proc file) into buf, as a string, with
 * exactly one open, one read and one close: demos that count their own
 * system calls can rely on that. Returns -1 if it cannot be opened, else
 * how many bytes were read (0 if none, or if the read failed; buf is then
 * ""). A file longer than size - 1 bytes is cut there. */
static inline ssize_t read_proc(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, buf, size - 1);
    close(fd);
    if (n < 0)
        n = 0;
    buf[n] = '\0';
    return n;
}

/* The number in the line "Name: ..." of /proc/self/status: "VmRSS" and
 * "VmSize" are in kB, "Threads" is a count. -1 if there is no such line
 * (or no /proc). */
static inline long status_field(const char *name)
{
    char buf[4096];
    if (read_proc("/proc/self/status", buf, sizeof buf) <= 0)
        return -1;
    size_t len = strlen(name);
    for (char *line = buf; line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
        if (strncmp(line, name, len) == 0 && line[len] == ':')
            return strtol(line + len + 1, NULL, 10);
    return -1;
}

/* A counter in text, the contents of /proc/weft (read with read_proc): its
 * line is the name and one column per CPU, "context_switches 120 97", and
 * this is their sum (free_frames, machine-wide, has one column). -1 if
 * there is no such line. */
static inline long long weft_counter(const char *text, const char *name)
{
    size_t n = strlen(name);
    for (const char *line = text; line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
        if (strncmp(line, name, n) == 0 && line[n] == ' ') {
            long long sum = 0;
            char *p = (char *)line + n;
            while (*p == ' ')
                sum += strtoll(p, &p, 10);
            return sum;
        }
    return -1;
}

/* The state letter (R, S, D, T, Z ...) and the parent's pid from
 * /proc/PID/stat, "12 (zombie) Z 11 ...": the two fields after the
 * command name in parentheses. ppid may be NULL. 1 if they were read, 0 if
 * the process is gone (or there is no /proc). */
static inline int proc_stat(int pid, char *state, int *ppid)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    if (read_proc(path, buf, sizeof buf) <= 0)
        return 0;
    char *p = strrchr(buf, ')'); /* the last one: a name may hold ')' too */
    int pp;
    if (!p || sscanf(p + 1, " %c %d", state, &pp) != 2)
        return 0;
    if (ppid)
        *ppid = pp;
    return 1;
}

/* Only the state letter of pid; '?' if it cannot be read. */
static inline char proc_state(int pid)
{
    char s;
    return proc_stat(pid, &s, NULL) ? s : '?';
}

/* ---- time ------------------------------------------------------------------- */

/* The monotonic clock (it never jumps, unlike the time of day), in ns. */
static inline long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* The same clock in ms. */
static inline long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* Sleep ms milliseconds, all of them: a signal that interrupts the sleep
 * does not cut it short. */
static inline void sleep_ms(int ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

#endif
