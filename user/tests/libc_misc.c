/*
 * libc_misc.c: the rest of the system interface: clocks and sleeping,
 * calendar time, file system calls, descriptors, terminals, poll, system
 * information, syscall(), and a few stdlib helpers that touch the system.
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "libc_check.h"

static long ns_between(const struct timespec *a, const struct timespec *b)
{
    return (b->tv_sec - a->tv_sec) * 1000000000L + (b->tv_nsec - a->tv_nsec);
}

static void clocks_and_sleep(void)
{
    struct timespec t0, t1, res;
    CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &t0), 0);
    CHECK_EQ(usleep(20000), 0);
    struct timespec req = { 0, 10000000 };
    CHECK_EQ(nanosleep(&req, NULL), 0);
    CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &t1), 0);
    CHECK(ns_between(&t0, &t1) >= 30000000);  /* slept at least 30 ms */
    CHECK(ns_between(&t0, &t1) < 5000000000L);
    CHECK_EQ(clock_getres(CLOCK_MONOTONIC, &res), 0);
    CHECK(res.tv_sec == 0 && res.tv_nsec > 0);

    time_t now = time(NULL), also;
    CHECK(now > 1600000000);                  /* after 2020: the clock is set */
    CHECK_EQ(time(&also), also);
    struct timeval tv;
    CHECK_EQ(gettimeofday(&tv, NULL), 0);
    CHECK(tv.tv_sec - now <= 1 && tv.tv_sec >= now);
    CHECK(tv.tv_usec >= 0 && tv.tv_usec < 1000000);
    CHECK(clock() >= 0);
    CHECK_EQ(sleep(0), 0);
    CHECK(difftime(10, 4) == 6.0);
    errno = 0;
    CHECK_EQ(clock_gettime(12345, &t0), -1);
    CHECK_EQ(errno, EINVAL);
}

static void calendar(void)
{
    struct tm tm;
    time_t t = 0;
    CHECK(gmtime_r(&t, &tm) == &tm);
    CHECK(tm.tm_year == 70 && tm.tm_mon == 0 && tm.tm_mday == 1);
    CHECK_EQ(tm.tm_wday, 4);                  /* a Thursday */
    t = 951782400;                            /* 2000-02-29 00:00:00, a leap day */
    gmtime_r(&t, &tm);
    CHECK(tm.tm_year == 100 && tm.tm_mon == 1 && tm.tm_mday == 29);
    CHECK_EQ(tm.tm_yday, 59);
    CHECK_EQ(tm.tm_wday, 2);
    t = -1;                                   /* 1969-12-31 23:59:59 */
    gmtime_r(&t, &tm);
    CHECK(tm.tm_year == 69 && tm.tm_mday == 31 && tm.tm_hour == 23 && tm.tm_sec == 59);
    t = 1700000000;
    gmtime_r(&t, &tm);
    char buf[64];
    CHECK_EQ(strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %a %b %j", &tm), 31);
    CHECK_STREQ(buf, "2023-11-14 22:13:20 Tue Nov 318");
    CHECK_EQ(mktime(&tm), 1700000000);        /* round trip (local time is UTC) */
    tm.tm_mday += 30;                         /* out of range: normalized */
    CHECK_EQ(timegm(&tm), 1700000000 + 30 * 86400);
    CHECK_EQ(tm.tm_mon, 11);
    CHECK_EQ(tm.tm_mday, 14);
    CHECK_EQ(strftime(buf, 5, "%Y-%m", &tm), 0);          /* does not fit */
    CHECK_STREQ(ctime(&t), "Tue Nov 14 22:13:20 2023\n");
}

#define D "/tmp/libc_misc.d"

static void file_system(void)
{
    mode_t old = umask(022);
    CHECK_EQ(mkdir(D, 0777), 0);
    struct stat st;
    CHECK_EQ(stat(D, &st), 0);
    CHECK(S_ISDIR(st.st_mode));
    CHECK_EQ(st.st_mode & 0777, 0755);        /* the umask took 022 away */
    CHECK_EQ(mkdir(D, 0777), -1);
    CHECK_EQ(errno, EEXIST);

    int fd = open(D "/f", O_RDWR | O_CREAT | O_EXCL, 0640);
    CHECK(fd >= 0);
    CHECK_EQ(write(fd, "0123456789", 10), 10);
    CHECK_EQ(fstat(fd, &st), 0);
    CHECK(S_ISREG(st.st_mode));
    CHECK_EQ(st.st_size, 10);
    CHECK_EQ(st.st_mode & 0777, 0640);
    CHECK_EQ(st.st_nlink, 1);
    char buf[16] = { 0 };
    CHECK_EQ(pread(fd, buf, 4, 3), 4);        /* at an offset, without seeking */
    CHECK_STREQ(buf, "3456");
    CHECK_EQ(pwrite(fd, "AB", 2, 0), 2);
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 10);
    CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
    CHECK_EQ(read(fd, buf, 3), 3);
    CHECK_EQ(memcmp(buf, "AB2", 3), 0);
    CHECK_EQ(ftruncate(fd, 4), 0);
    CHECK_EQ(fstat(fd, &st), 0);
    CHECK_EQ(st.st_size, 4);
    CHECK_EQ(fsync(fd), 0);
    close(fd);
    CHECK_EQ(truncate(D "/f", 100), 0);
    CHECK_EQ(stat(D "/f", &st), 0);
    CHECK_EQ(st.st_size, 100);

    CHECK_EQ(link(D "/f", D "/hard"), 0);
    CHECK_EQ(stat(D "/f", &st), 0);
    CHECK_EQ(st.st_nlink, 2);
    CHECK_EQ(symlink("f", D "/soft"), 0);
    CHECK_EQ(lstat(D "/soft", &st), 0);
    CHECK(S_ISLNK(st.st_mode));
    CHECK_EQ(stat(D "/soft", &st), 0);        /* follows the link */
    CHECK(S_ISREG(st.st_mode));
    char target[32] = { 0 };
    CHECK_EQ(readlink(D "/soft", target, sizeof target), 1);
    CHECK_STREQ(target, "f");
    CHECK_EQ(fstatat(AT_FDCWD, D "/soft", &st, AT_SYMLINK_NOFOLLOW), 0);
    CHECK(S_ISLNK(st.st_mode));

    CHECK_EQ(access(D "/f", R_OK | W_OK), 0);
    CHECK_EQ(chmod(D "/f", 0400), 0);
    CHECK_EQ(stat(D "/f", &st), 0);
    CHECK_EQ(st.st_mode & 0777, 0400);

    char cwd[PATH_MAX], here[PATH_MAX];
    CHECK(getcwd(cwd, sizeof cwd) == cwd);
    CHECK_EQ(chdir(D), 0);
    CHECK(getcwd(here, sizeof here) != NULL);
    CHECK_STREQ(here, D);
    char *dyn = getcwd(NULL, 0);              /* allocated for us */
    CHECK_STREQ(dyn, D);
    free(dyn);
    errno = 0;
    CHECK(realpath("./soft/../hard", NULL) == NULL);   /* soft is a file */
    CHECK_EQ(errno, ENOTDIR);
    char *real = realpath("../libc_misc.d/./soft", NULL);
    CHECK_STREQ(real, D "/f");
    free(real);
    errno = 0;
    CHECK(getcwd(here, 3) == NULL);
    CHECK_EQ(errno, ERANGE);
    CHECK_EQ(chdir(cwd), 0);

    char tmpl[] = D "/tmp.XXXXXX";
    fd = mkstemp(tmpl);
    CHECK(fd >= 0);
    CHECK(strncmp(tmpl, D "/tmp.", strlen(D "/tmp.")) == 0 && !strstr(tmpl, "XXXXXX"));
    close(fd);
    CHECK_EQ(unlink(tmpl), 0);

    CHECK_EQ(unlink(D "/soft"), 0);
    CHECK_EQ(unlink(D "/hard"), 0);
    CHECK_EQ(rmdir(D), -1);                   /* not empty */
    CHECK_EQ(errno, ENOTEMPTY);
    CHECK_EQ(unlink(D "/f"), 0);
    CHECK_EQ(rmdir(D), 0);
    CHECK_EQ(stat(D, &st), -1);
    CHECK_EQ(errno, ENOENT);
    umask(old);
}

static void descriptors(void)
{
    int fds[2];
    CHECK_EQ(pipe2(fds, O_CLOEXEC), 0);
    CHECK_EQ(fcntl(fds[0], F_GETFD), FD_CLOEXEC);
    int d = dup(fds[1]);
    CHECK(d > fds[1] || d > fds[0]);
    CHECK_EQ(fcntl(d, F_GETFD), 0);           /* dup does not copy close-on-exec */
    CHECK_EQ(dup2(d, 100), 100);
    CHECK_EQ(dup3(d, 101, O_CLOEXEC), 101);
    CHECK_EQ(fcntl(101, F_GETFD), FD_CLOEXEC);
    CHECK_EQ(write(100, "hi", 2), 2);         /* any copy writes the same pipe */

    struct pollfd p = { .fd = fds[0], .events = POLLIN };
    CHECK_EQ(poll(&p, 1, 1000), 1);
    CHECK(p.revents & POLLIN);
    char buf[4];
    CHECK_EQ(read(fds[0], buf, sizeof buf), 2);
    p.revents = 0;
    CHECK_EQ(poll(&p, 1, 0), 0);              /* nothing left: times out */
    int flags = fcntl(fds[0], F_GETFL);
    CHECK_EQ(fcntl(fds[0], F_SETFL, flags | O_NONBLOCK), 0);
    CHECK_EQ(read(fds[0], buf, 1), -1);
    CHECK_EQ(errno, EAGAIN);

    errno = 0;
    CHECK_EQ(isatty(fds[0]), 0);              /* a pipe is not a terminal */
    CHECK_EQ(errno, ENOTTY);
    struct termios t;
    CHECK_EQ(tcgetattr(fds[0], &t), -1);
    CHECK_EQ(errno, ENOTTY);
    CHECK_EQ(sizeof(struct termios), 60);     /* musl's and glibc's layout */
    cfmakeraw(&t);
    CHECK(!(t.c_lflag & (ICANON | ECHO)) && t.c_cc[VMIN] == 1);
    CHECK_EQ(cfsetospeed(&t, B9600), 0);
    CHECK_EQ(cfgetospeed(&t), B9600);
    CHECK_EQ(tcsetattr(fds[0], 7, &t), -1);   /* not TCSANOW/TCSADRAIN/TCSAFLUSH */
    CHECK_EQ(errno, EINVAL);
    int all[] = { fds[0], fds[1], d, 100, 101 };
    for (int i = 0; i < 5; i++)
        close(all[i]);
}

static void system_information(void)
{
    struct utsname u;
    CHECK_EQ(uname(&u), 0);
    CHECK(u.sysname[0] != '\0');
    CHECK_STREQ(u.machine, "x86_64");
    char host[HOST_NAME_MAX + 1];
    CHECK_EQ(gethostname(host, sizeof host), 0);
    CHECK_STREQ(host, u.nodename);
    CHECK_EQ(sysconf(_SC_PAGESIZE), 4096);
    CHECK_EQ(getpagesize(), 4096);
    CHECK_EQ(sysconf(_SC_CLK_TCK), 100);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    CHECK(cpus >= 1 && cpus <= 1024);
    CHECK_EQ(sysconf(-1), -1);
    CHECK_EQ(errno, EINVAL);

    CHECK_EQ(syscall(SYS_getpid), getpid());
    CHECK_EQ(syscall(SYS_close, -1), -1);     /* errno convention applies */
    CHECK_EQ(errno, EBADF);
    CHECK_EQ(syscall(100000), -1);
    CHECK_EQ(errno, ENOSYS);

    struct rlimit rl;
    CHECK_EQ(getrlimit(RLIMIT_NOFILE, &rl), 0);
    CHECK(rl.rlim_cur > 3 && rl.rlim_cur <= rl.rlim_max);
    CHECK_EQ(sysconf(_SC_OPEN_MAX), (long)rl.rlim_cur);
    errno = 0;
    int prio = getpriority(PRIO_PROCESS, 0);
    CHECK(errno == 0 && prio >= -20 && prio <= 19);   /* a nice value, not 20-nice */
    struct rusage ru;
    CHECK_EQ(getrusage(RUSAGE_SELF, &ru), 0);
    CHECK(getuid() == geteuid() && getgid() == getegid());
}

/* A child that lowers its priority: getpriority must report the nice
 * value, and setpriority must accept it. */
static void priority(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        int ok = setpriority(PRIO_PROCESS, 0, 5) == 0 && getpriority(PRIO_PROCESS, 0) == 5;
        _exit(ok ? 0 : 1);
    }
    int st;
    waitpid(pid, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static int by_value(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

static void stdlib_odds(void)
{
    srand(1);
    int first = rand();
    srand(1);
    CHECK_EQ(rand(), first);                  /* reproducible */
    int v[100];
    for (int i = 0; i < 100; i++) {
        v[i] = rand() % 1000;
        CHECK(v[i] >= 0);
    }
    qsort(v, 100, sizeof v[0], by_value);
    int sorted = 1;
    for (int i = 1; i < 100; i++)
        sorted &= v[i - 1] <= v[i];
    CHECK(sorted);
    int key = v[50];
    int *found = bsearch(&key, v, 100, sizeof v[0], by_value);
    CHECK(found && *found == key);
    CHECK_EQ(abs(-5), 5);
    CHECK_EQ(labs(-5L), 5);
    div_t q = div(-7, 2);
    CHECK(q.quot == -3 && q.rem == -1);
    CHECK_EQ(strtol("-0x1F", NULL, 16), -31);
    CHECK_EQ(atoi("  42z"), 42);
}

static void assert_child(int x)
{
    assert(x == 2);
}

static void assert_twice(void)
{
    assert_child(2);                          /* fine */
    assert_child(1);                          /* fails: message, then abort */
}

static void assert_failure(void)
{
    int st;
    const char *buf = child_output(assert_twice, &st);
    CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);
    CHECK(strstr(buf, ": " __FILE__ ":") != NULL);
    CHECK(strstr(buf, ": assert_child: Assertion `x == 2' failed.\n") != NULL);
}

static const struct check_case cases[] = {
    CASE(clocks_and_sleep), CASE(calendar), CASE(file_system), CASE(descriptors),
    CASE(system_information), CASE(priority), CASE(stdlib_odds), CASE(assert_failure),
};

int main(int argc, char **argv)
{
    return RUN("misc", cases);
}
