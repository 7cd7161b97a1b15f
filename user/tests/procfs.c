/*
 * procfs.c: what /proc says about a known process, in Linux's formats
 * (proc(5) is the specification).
 *
 * The known process is this program run again as
 *
 *      /test/procfs --sleeper abc def
 *
 * which tells us it is ready (a byte on descriptor 10) and sleeps in
 * nanosleep(). We check its stat (52 fields, state S, our pid as ppid),
 * status, cmdline and maps; then kill it and watch it become a zombie
 * (state Z) and vanish when reaped. Also: /proc/self, /proc/meminfo,
 * /proc/stat, /proc/weft (weft's counters, skipped on Linux), a pid that
 * does not exist, the listing of /proc, getcwd inside /proc, and the
 * links in /proc/self/fd.
 */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "t.h"
#include "t_proc.h"
#include "t_time.h"

#define READY_FD 10

static const char *self;
static pid_t sleeper = -1;

/* The contents of /proc/PID/NAME (pid 0: /proc/NAME); bytes or -1. */
static long proc_read(pid_t pid, const char *name, char *buf, size_t size)
{
    char path[128];
    if (pid)
        snprintf(path, sizeof path, "/proc/%d/%s", pid, name);
    else
        snprintf(path, sizeof path, "/proc/%s", name);
    return t_read_file(path, buf, size);
}

/* Start the sleeper and wait until it is asleep; its pid, or -1. */
static pid_t start_sleeper(void)
{
    int r[2];
    if (pipe(r) != 0)
        return -1;
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        dup2(r[1], READY_FD);
        close(r[0]);
        close(r[1]);
        char *args[] = { (char *)self, "--sleeper", "abc", "def", NULL };
        execv(self, args);
        _exit(127);
    }
    close(r[1]);
    guard(10);
    char c;
    long n = read(r[0], &c, 1);
    unguard();
    close(r[0]);
    if (n != 1) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        return -1;
    }
    for (int i = 0; i < 2000 && state_of(pid) != 'S'; i++)
        sleep_ms(1);
    return pid;
}

static int ensure_sleeper(void)
{
    if (sleeper <= 0)
        sleeper = start_sleeper();
    return sleeper > 0;
}

/* Split /proc/PID/stat into fields: 1 pid, 2 comm (without the
 * parentheses), 3 state ...; the count, or -1. */
static int stat_fields(char *buf, char *field[64])
{
    char *lp = strchr(buf, '('), *rp = strrchr(buf, ')');
    if (!lp || !rp || rp < lp)
        return -1;
    *lp = '\0';
    *rp = '\0';
    int n = 0;
    field[n++] = strtok(buf, " ");
    field[n++] = lp + 1;
    for (char *f = strtok(rp + 1, " \n"); f && n < 64; f = strtok(NULL, " \n"))
        field[n++] = f;
    return n;
}

/* ---- the sleeper's files ---------------------------------------------------------- */

static void test_pid_stat(void)
{
    CHECK(ensure_sleeper());
    char buf[2048], *f[64];
    CHECK(proc_read(sleeper, "stat", buf, sizeof buf) > 0);
    CHECKF(buf[strlen(buf) - 1] == '\n', "no newline at the end");
    int n = stat_fields(buf, f);
    CHECKF(n == 52, "%d fields, expected 52", n);
    CHECKF(atoi(f[0]) == sleeper, "pid %s, expected %d", f[0], sleeper);
    CHECKF(strcmp(f[1], "procfs") == 0, "comm (%s), expected (procfs)", f[1]);
    CHECKF(strcmp(f[2], "S") == 0, "state %s, expected S (asleep in nanosleep)", f[2]);
    CHECKF(atoi(f[3]) == getpid(), "ppid %s, expected %d", f[3], getpid());
    CHECKF(atoi(f[4]) == getpgrp(), "pgrp %s, expected %d", f[4], getpgrp());
    CHECKF(atoi(f[5]) == getsid(0), "session %s, expected %d", f[5], getsid(0));
    CHECKF(atoi(f[19]) == 1, "num_threads %s", f[19]);
    CHECKF(strtoull(f[22], NULL, 10) > 0, "vsize %s", f[22]);
    char *end;
    CHECKF(strtoll(f[23], &end, 10) >= 0 && *end == '\0', "rss %s", f[23]);  /* Linux: may be 0 */
    CHECKF(atoi(f[37]) == SIGCHLD, "exit_signal %s, expected SIGCHLD", f[37]);
    /* The same line for its only thread, under task/. */
    char name[64];
    snprintf(name, sizeof name, "task/%d/stat", sleeper);
    CHECK(proc_read(sleeper, name, buf, sizeof buf) > 0);
    CHECK(stat_fields(buf, f) == 52 && atoi(f[0]) == sleeper && strcmp(f[2], "S") == 0);
}

static void test_pid_status(void)
{
    CHECK(ensure_sleeper());
    char buf[4096], want[32];
    CHECK(proc_read(sleeper, "status", buf, sizeof buf) > 0);
    CHECKF(strncmp(buf, "Name:\tprocfs\n", 13) == 0, "first line: %.30s", buf);
    CHECKF(strcmp(status_value(buf, "State"), "S (sleeping)") == 0, "State: %s",
           status_value(buf, "State"));
    snprintf(want, sizeof want, "%d", sleeper);
    CHECKF(strcmp(status_value(buf, "Pid"), want) == 0, "Pid: %s", status_value(buf, "Pid"));
    CHECKF(strcmp(status_value(buf, "Tgid"), want) == 0, "Tgid: %s", status_value(buf, "Tgid"));
    snprintf(want, sizeof want, "%d", getpid());
    CHECKF(strcmp(status_value(buf, "PPid"), want) == 0, "PPid: %s", status_value(buf, "PPid"));
    CHECKF(strcmp(status_value(buf, "Threads"), "1") == 0, "Threads: %s",
           status_value(buf, "Threads"));
    const char *rss = status_value(buf, "VmRSS");
    long kb = atol(rss);
    CHECKF(kb > 0 && strstr(rss, " kB"), "VmRSS: '%s'", rss);
    /* Linux's layout: "VmRSS:\t     123 kB" (the number in 8 columns). */
    const char *line = strstr(buf, "\nVmRSS:\t");
    CHECKF(line && strchr(line + 8, '\n') - (line + 8) == 11, "VmRSS line is not \"%%8lu kB\"");
}

static void test_pid_cmdline(void)
{
    CHECK(ensure_sleeper());
    char buf[512], want[512];
    long n = proc_read(sleeper, "cmdline", buf, sizeof buf);
    int wn = snprintf(want, sizeof want, "%s%c--sleeper%cabc%cdef%c", self, 0, 0, 0, 0);
    CHECKF(n == wn && memcmp(buf, want, (size_t)wn) == 0,
           "cmdline is %ld bytes, expected %d: \"%s\\0--sleeper\\0abc\\0def\\0\"", n, wn, self);
    CHECK(proc_read(sleeper, "comm", buf, sizeof buf) > 0);
    CHECKF(strcmp(buf, "procfs\n") == 0, "comm: '%s'", buf);
}

static void test_pid_maps(void)
{
    CHECK(ensure_sleeper());
    static char buf[16384];
    CHECK(proc_read(sleeper, "maps", buf, sizeof buf) > 0);
    struct stat prog;
    CHECK(stat(self, &prog) == 0);
    int lines = 0, stack = 0, text = 0, file_lines = 0;
    unsigned long prev_end = 0;
    for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
        unsigned long start, end, off, ino;
        unsigned maj, min;
        char perms[8];
        int pathpos = 0;
        int k = sscanf(line, "%lx-%lx %4s %lx %x:%x %lu %n", &start, &end, perms, &off, &maj,
                       &min, &ino, &pathpos);
        CHECKF(k == 7 && start < end && strlen(perms) == 4, "line %d does not parse: %s",
               lines + 1, line);
        CHECKF(start >= prev_end, "line %d out of order: %s", lines + 1, line);
        prev_end = end;
        lines++;
        const char *path = line + pathpos;
        if (strcmp(path, "[stack]") == 0)
            stack++;
        struct stat st;
        if (path[0] == '/' && stat(path, &st) == 0 && st.st_ino == prog.st_ino &&
            st.st_dev == prog.st_dev) {
            file_lines++;
            CHECKF(ino == prog.st_ino, "inode %lu on the program's line, st_ino %lu", ino,
                   (unsigned long)prog.st_ino);
            if (strcmp(perms, "r-xp") == 0)
                text++;
        }
    }
    CHECKF(stack == 1, "%d [stack] lines", stack);
    CHECKF(file_lines >= 1 && text == 1, "the program (%s): %d lines, %d r-xp", self,
           file_lines, text);
}

static void test_pid_links(void)
{
    CHECK(ensure_sleeper());
    char path[64], buf[512], cwd[512];
    snprintf(path, sizeof path, "/proc/%d/exe", sleeper);
    long n = readlink(path, buf, sizeof buf - 1);
    CHECK(n > 0);
    buf[n] = '\0';
    struct stat a, b;
    CHECK(stat(self, &a) == 0);
    CHECKF(stat(buf, &b) == 0 && a.st_ino == b.st_ino, "exe -> %s, not the program %s", buf,
           self);
    snprintf(path, sizeof path, "/proc/%d/cwd", sleeper);
    n = readlink(path, buf, sizeof buf - 1);
    CHECK(n > 0);
    buf[n] = '\0';
    CHECK(getcwd(cwd, sizeof cwd) != NULL);
    CHECKF(strcmp(buf, cwd) == 0, "cwd -> %.200s, expected ours (inherited): %.200s", buf, cwd);
}

/* ---- /proc itself -------------------------------------------------------------------- */

static void test_self(void)
{
    char buf[1024], want[32], *f[64];
    snprintf(want, sizeof want, "%d", getpid());
    long n = readlink("/proc/self", buf, sizeof buf - 1);
    CHECK(n > 0);
    buf[n] = '\0';
    CHECKF(strcmp(buf, want) == 0, "/proc/self -> %.64s, expected %s", buf, want);
    struct stat a, b, l;
    char path[64];
    snprintf(path, sizeof path, "/proc/%d", getpid());
    CHECK(stat("/proc/self", &a) == 0 && stat(path, &b) == 0 && S_ISDIR(a.st_mode));
    CHECK(a.st_ino == b.st_ino);
    CHECK(lstat("/proc/self", &l) == 0 && S_ISLNK(l.st_mode));
    CHECK(t_read_file("/proc/self/stat", buf, sizeof buf) > 0);
    CHECK(stat_fields(buf, f) == 52);
    CHECK(atoi(f[0]) == getpid() && strcmp(f[2], "R") == 0);    /* running: reading it */
}

static long meminfo_kb(const char *text, const char *key)
{
    const char *v = status_value(text, key);
    return *v && strstr(v, " kB") ? atol(v) : -1;
}

static void test_meminfo(void)
{
    char buf[4096];
    CHECK(t_read_file("/proc/meminfo", buf, sizeof buf) > 0);
    long total = meminfo_kb(buf, "MemTotal"), free_kb = meminfo_kb(buf, "MemFree");
    CHECKF(strncmp(buf, "MemTotal:", 9) == 0, "first line: %.40s", buf);
    CHECKF(total > 0 && free_kb > 0 && free_kb < total, "MemTotal %ld kB, MemFree %ld kB", total,
           free_kb);
    CHECK(meminfo_kb(buf, "MemAvailable") >= 0 && meminfo_kb(buf, "Cached") >= 0);
}

static void test_stat(void)
{
    char buf[8192];
    CHECK(t_read_file("/proc/stat", buf, sizeof buf) > 0);
    CHECKF(strncmp(buf, "cpu  ", 5) == 0, "first line: %.40s", buf);
    unsigned long long v[4];
    CHECK(sscanf(buf + 4, "%llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3]) == 4);
    CHECK(strstr(buf, "\ncpu0 "));
    const char *ctxt = strstr(buf, "\nctxt ");
    CHECK(ctxt && strtoull(ctxt + 6, NULL, 10) > 0);
    CHECK(strstr(buf, "\nbtime ") && strstr(buf, "\nprocs_running "));
    /* "processes": forks since boot. */
    const char *pr = strstr(buf, "\nprocesses ");
    CHECK(pr);
    long before = atol(pr + 11);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0)
        _exit(0);
    CHECK(waitpid(pid, NULL, 0) == pid);
    CHECK(t_read_file("/proc/stat", buf, sizeof buf) > 0);
    pr = strstr(buf, "\nprocesses ");
    CHECK(pr);
    CHECKF(atol(pr + 11) > before, "processes %ld -> %ld across a fork", before, atol(pr + 11));
}

/* "N.NN" at *p (Linux prints both files' numbers with two decimals);
 * advances p past it. */
static int decimal2(const char **p)
{
    char *end;
    strtoul(*p, &end, 10);
    if (end == *p || end[0] != '.' || end[1] < '0' || end[1] > '9' || end[2] < '0' ||
        end[2] > '9')
        return 0;
    *p = end + 3;
    return 1;
}

static void test_uptime_loadavg(void)
{
    char buf[256];
    CHECK(t_read_file("/proc/uptime", buf, sizeof buf) > 0);
    const char *p = buf;
    CHECKF(decimal2(&p) && *p++ == ' ' && decimal2(&p) && strcmp(p, "\n") == 0, "uptime: %s",
           buf);
    CHECK(t_read_file("/proc/loadavg", buf, sizeof buf) > 0);
    p = buf;
    int ok = decimal2(&p) && *p++ == ' ' && decimal2(&p) && *p++ == ' ' && decimal2(&p) &&
             *p++ == ' ';
    int running = 0, all = 0, last = 0;
    CHECKF(ok && sscanf(p, "%d/%d %d", &running, &all, &last) == 3 && running >= 1 &&
           all >= running && last > 0, "loadavg: %s", buf);
}

static void test_weft_counters(void)
{
    if (!on_weft()) {
        printf("note: not weft: /proc/weft not checked\n");
        return;
    }
    char buf[4096];
    CHECK(t_read_file("/proc/weft", buf, sizeof buf) > 0);
    const char *names[] = { "context_switches", "cr3_loads", "tlb_flushes", "syscalls",
                            "interrupts", "exceptions", "page_faults", "timer_ticks",
                            "free_frames", "total_frames" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        CHECKF(t_weft_counter(names[i]) >= 0, "no %s line", names[i]);
    long long s1 = t_weft_counter("syscalls");
    for (int i = 0; i < 10; i++)
        getppid();
    long long s2 = t_weft_counter("syscalls");
    CHECKF(s2 >= s1 + 10, "syscalls %lld -> %lld across 10 getppid()", s1, s2);
    long long fr = t_weft_counter("free_frames"), tot = t_weft_counter("total_frames");
    CHECK(fr > 0 && fr < tot);
    char mi[4096];
    CHECK(t_read_file("/proc/meminfo", mi, sizeof mi) > 0);
    CHECKF(meminfo_kb(mi, "MemTotal") == tot * 4, "MemTotal %ld kB, total_frames %lld",
           meminfo_kb(mi, "MemTotal"), tot);
}

static void test_missing_pid(void)
{
    pid_t pid = 99999;
    while (kill(pid, 0) == 0 || errno != ESRCH)
        pid--;                          /* (on Linux, 99999 may exist) */
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    errno = 0;
    CHECK(open(path, O_RDONLY) == -1 && errno == ENOENT);
    snprintf(path, sizeof path, "/proc/%d", pid);
    struct stat st;
    errno = 0;
    CHECK(stat(path, &st) == -1 && errno == ENOENT);
    errno = 0;
    CHECK(open("/proc/nosuchfile", O_RDONLY) == -1 && errno == ENOENT);
}

static void test_readdir(void)
{
    CHECK(ensure_sleeper());
    DIR *d = opendir("/proc");
    CHECK(d != NULL);
    int me = 0, it = 0, self_link = 0, meminfo = 0, dots = 0, bad = 0;
    char bad_name[300] = "";
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        int pid = atoi(e->d_name);
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            dots++;
        else if (pid > 0 && e->d_type != DT_DIR && !bad++)
            snprintf(bad_name, sizeof bad_name, "%s (type %d)", e->d_name, e->d_type);
        me += pid == getpid();
        it += pid == sleeper;
        self_link += strcmp(e->d_name, "self") == 0 && e->d_type == DT_LNK;
        meminfo += strcmp(e->d_name, "meminfo") == 0 && e->d_type == DT_REG;
    }
    closedir(d);
    CHECKF(me == 1 && it == 1, "our pid listed %d times, the sleeper's %d", me, it);
    CHECKF(self_link == 1 && meminfo == 1, "self (link) %d, meminfo (file) %d", self_link,
           meminfo);
    CHECKF(dots == 2, "%d of . and ..", dots);
    CHECKF(!bad, "a process entry that is not a directory: %s", bad_name);
}

static void test_fd_links(void)
{
    char path[64], link[128], buf[256];
    snprintf(path, sizeof path, "/tmp/procfs.%d", getpid());
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    long n = readlink(link, buf, sizeof buf - 1);
    CHECK(n > 0);
    buf[n] = '\0';
    CHECKF(strcmp(buf, path) == 0, "%s -> %s, expected %s", link, buf, path);
    close(fd);
    unlink(path);
    int p[2];
    CHECK(pipe(p) == 0);
    struct stat st;
    CHECK(fstat(p[0], &st) == 0);
    char want[64];
    snprintf(want, sizeof want, "pipe:[%lu]", (unsigned long)st.st_ino);
    snprintf(link, sizeof link, "/proc/self/fd/%d", p[1]);
    n = readlink(link, buf, sizeof buf - 1);
    CHECK(n > 0);
    buf[n] = '\0';
    CHECKF(strcmp(buf, want) == 0, "%s -> %s, expected %s", link, buf, want);
    /* The listing of fd/ has the write end. */
    DIR *d = opendir("/proc/self/fd");
    CHECK(d != NULL);
    struct dirent *e;
    int found = 0;
    while ((e = readdir(d)) != NULL)
        found += atoi(e->d_name) == p[1] && e->d_name[0] != '.' && e->d_type == DT_LNK;
    closedir(d);
    CHECKF(found == 1, "fd %d listed %d times in /proc/self/fd", p[1], found);
    close(p[0]);
    close(p[1]);
    snprintf(link, sizeof link, "/proc/self/fd/%d", p[1]);
    errno = 0;
    CHECK(readlink(link, buf, sizeof buf) == -1 && errno == ENOENT);
}

static void test_getcwd_inside(void)
{
    char buf[256], want[64];
    int saved = open(".", O_RDONLY | O_DIRECTORY);
    CHECK(saved >= 0);
    int ok = chdir("/proc/self") == 0;
    char *r = ok ? getcwd(buf, sizeof buf) : NULL;
    int e = errno;
    char *r2 = NULL;
    if (ok && chdir("fd") == 0)
        r2 = getcwd(buf + 128, 128);
    fchdir(saved);
    close(saved);
    CHECK(ok);
    snprintf(want, sizeof want, "/proc/%d", getpid());
    CHECKF(r && strcmp(buf, want) == 0, "getcwd in /proc/self: %s, expected %s",
           r ? buf : strerror(e), want);
    strcat(want, "/fd");
    CHECKF(r2 && strcmp(buf + 128, want) == 0, "getcwd in /proc/self/fd: %s, expected %s",
           r2 ? buf + 128 : "failed", want);
}

/* Last for the sleeper: killed, it is a zombie until reaped, then gone. */
static void test_zombie_then_gone(void)
{
    CHECK(ensure_sleeper());
    pid_t pid = sleeper;
    sleeper = -1;
    CHECK(kill(pid, SIGKILL) == 0);
    char st = '?';
    for (int i = 0; i < 2000 && (st = state_of(pid)) != 'Z'; i++)
        sleep_ms(1);
    CHECKF(st == 'Z', "state %c after SIGKILL, not reaped: expected Z", st);
    char buf[4096];
    CHECK(proc_read(pid, "status", buf, sizeof buf) > 0);
    CHECKF(strcmp(status_value(buf, "State"), "Z (zombie)") == 0, "State: %s",
           status_value(buf, "State"));
    CHECK(proc_read(pid, "cmdline", buf, sizeof buf) == 0);     /* a zombie's is empty */
    int status;
    CHECK(waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    errno = 0;
    CHECK(open(path, O_RDONLY) == -1 && errno == ENOENT);
    DIR *d = opendir("/proc");
    CHECK(d != NULL);
    struct dirent *e;
    int listed = 0;
    while ((e = readdir(d)) != NULL)
        listed += atoi(e->d_name) == pid;
    closedir(d);
    CHECKF(!listed, "reaped process %d still listed in /proc", pid);
}

int main(int argc, char **argv)
{
    self = argv[0];
    if (argc > 1 && strcmp(argv[1], "--sleeper") == 0) {
        if (fcntl(READY_FD, F_GETFD) >= 0) {
            write(READY_FD, "r", 1);
            close(READY_FD);
        }
        for (;;) {
            struct timespec ts = { 10, 0 };
            nanosleep(&ts, NULL);
        }
    }
    T_INIT("procfs", argc, argv);
    RUN(test_pid_stat);
    RUN(test_pid_status);
    RUN(test_pid_cmdline);
    RUN(test_pid_maps);
    RUN(test_pid_links);
    RUN(test_self);
    RUN(test_meminfo);
    RUN(test_stat);
    RUN(test_uptime_loadavg);
    RUN(test_weft_counters);
    RUN(test_missing_pid);
    RUN(test_readdir);
    RUN(test_fd_links);
    RUN(test_getcwd_inside);
    RUN(test_zombie_then_gone);
    if (sleeper > 0) {
        kill(sleeper, SIGKILL);
        waitpid(sleeper, NULL, 0);
    }
    return T_DONE();
}
