/*
 * proc_efault.c: EFAULT from every system call that takes a pointer,
 * given one that is never valid: the kernel's half (its text and its
 * direct map), unmapped low memory, a hole left by munmap, non-canonical
 * addresses, the top page of user space, and ranges that start in user
 * space and run out of it. Nothing may crash, leak, or half-happen.
 *
 * System calls go through syscall(), so that the C library checks
 * nothing first.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "t.h"
#include "t_errno.h"
#include "t_exec.h"

static int efault_fd = -1, efault_dirfd = -1, efault_tty = -1;
static void *efault_page = MAP_FAILED;     /* a mapped page, for mincore */

static void efault_setup(void)
{
    if (efault_fd >= 0)
        return;
    static char data[4096];
    memset(data, 'd', sizeof data);
    write_file("/tmp/proc_efault", data, sizeof data, 0644);
    efault_fd = open("/tmp/proc_efault", O_RDWR);
    efault_dirfd = open("/", O_RDONLY | O_DIRECTORY);
    efault_page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    unlink("/tmp/proc_link");
    symlink("/test", "/tmp/proc_link");
    for (int fd = 0; fd < 3 && efault_tty < 0; fd++)
        if (isatty(fd))
            efault_tty = fd;
    if (efault_tty < 0)
        efault_tty = open("/dev/console", O_RDWR | O_NOCTTY);
    if (efault_tty < 0)
        efault_tty = open("/dev/tty", O_RDWR | O_NOCTTY);
}

/* The call must return -1 with errno EFAULT. */
#define EF(call) ERR(#call, call, EFAULT)

/* Every pointer-taking call with pointer b (never valid). */
static void efault_all(void *b)
{
    int fd = efault_fd;
    char buf[256];
    struct iovec iov = { b, 16 };
    char *argv[] = { "x", NULL };

    CHECKF(fd >= 0 && efault_dirfd >= 0, "setup: %s", strerror(errno));
    /* Data transfer: the file has data, so a read must copy. */
    lseek(fd, 0, SEEK_SET);
    EF(syscall(SYS_read, fd, b, 16));
    EF(syscall(SYS_write, fd, b, 16));
    EF(syscall(SYS_readv, fd, b, 1));
    EF(syscall(SYS_readv, fd, &iov, 1));
    EF(syscall(SYS_writev, fd, b, 1));
    EF(syscall(SYS_writev, fd, &iov, 1));
    EF(syscall(SYS_pread64, fd, b, 16, 0));
    EF(syscall(SYS_pwrite64, fd, b, 16, 0));
    /* Path names. */
    EF(syscall(SYS_open, b, O_RDONLY));
    EF(syscall(SYS_openat, AT_FDCWD, b, O_RDONLY));
    EF(syscall(SYS_stat, b, buf));
    EF(syscall(SYS_lstat, b, buf));
    EF(syscall(SYS_newfstatat, AT_FDCWD, b, buf, 0));
    EF(syscall(SYS_access, b, F_OK));
    EF(syscall(SYS_mkdir, b, 0755));
    EF(syscall(SYS_unlink, b));
    EF(syscall(SYS_rmdir, b));
    EF(syscall(SYS_rename, b, "/tmp/proc_renamed"));
    EF(syscall(SYS_rename, "/tmp/proc_efault", b));
    EF(syscall(SYS_chdir, b));
    EF(syscall(SYS_execve, b, argv, no_env));
    EF(syscall(SYS_readlink, b, buf, sizeof buf));
    EF(syscall(SYS_statfs, b, buf));
    /* Result buffers. */
    EF(syscall(SYS_stat, "/tmp/proc_efault", b));
    EF(syscall(SYS_lstat, "/tmp/proc_efault", b));
    EF(syscall(SYS_newfstatat, AT_FDCWD, "/tmp/proc_efault", b, 0));
    EF(syscall(SYS_fstat, fd, b));
    EF(syscall(SYS_getcwd, b, 4096));
    EF(syscall(SYS_readlink, "/tmp/proc_link", b, 64));
    EF(syscall(SYS_statfs, "/", b));
    lseek(efault_dirfd, 0, SEEK_SET);
    EF(syscall(SYS_getdents64, efault_dirfd, b, 4096));
    EF(syscall(SYS_uname, b));
    EF(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, b));
    EF(syscall(SYS_clock_gettime, CLOCK_REALTIME, b));
    EF(syscall(SYS_gettimeofday, b, NULL));
    EF(syscall(SYS_getrlimit, RLIMIT_NOFILE, b));
    EF(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, b));
    EF(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, b, NULL));
    EF(syscall(SYS_getrusage, RUSAGE_SELF, b));
    EF(syscall(SYS_getrusage, RUSAGE_CHILDREN, b));
    EF(syscall(SYS_sysinfo, b));
    EF(syscall(SYS_times, b));
    EF(syscall(SYS_getrandom, b, 16, 0));
    EF(syscall(SYS_sched_getaffinity, 0, 128, b));
    EF(syscall(SYS_arch_prctl, ARCH_GET_FS, b));
    if (efault_tty >= 0) {
        EF(syscall(SYS_ioctl, efault_tty, TCGETS, b));
        EF(syscall(SYS_ioctl, efault_tty, TIOCGWINSZ, b));
    } else {
        bad_add("no terminal to try ioctl on");
    }
    /* Arguments read by the kernel. */
    EF(syscall(SYS_nanosleep, b, NULL));
    EF(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, b, NULL));
    EF(syscall(SYS_rt_sigaction, SIGUSR1, b, NULL, 8));
    EF(syscall(SYS_rt_sigaction, SIGUSR1, NULL, b, 8));
    EF(syscall(SYS_rt_sigprocmask, SIG_BLOCK, b, NULL, 8));
    EF(syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, b, 8));
    EF(syscall(SYS_sigaltstack, b, NULL));
    EF(syscall(SYS_sigaltstack, NULL, b));
    EF(syscall(SYS_poll, b, 1, 0));
    struct timeval tv0 = { 0, 0 };
    EF(syscall(SYS_select, 1, b, NULL, NULL, &tv0));
    EF(syscall(SYS_select, 1, NULL, b, NULL, &tv0));
    EF(syscall(SYS_select, 0, NULL, NULL, NULL, b));
    struct timespec ms1 = { 0, 1000000 };       /* a wrong wait ends with ETIMEDOUT */
    EF(syscall(SYS_futex, b, FUTEX_WAIT, 0, &ms1, NULL, 0));
    EF(syscall(SYS_futex, b, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 0, &ms1, NULL, 0));
    int zero = 0;
    EF(syscall(SYS_futex, &zero, FUTEX_WAIT, 0, b, NULL, 0));   /* bad timeout */
    if (efault_page != MAP_FAILED)
        EF(syscall(SYS_mincore, efault_page, 4096, b));
    else
        bad_add("no page for mincore");

    /* pipe: the descriptors it made are gone again (no leak). */
    int probe = open("/dev/null", O_RDONLY);
    close(probe);
    EF(syscall(SYS_pipe, b));
    EF(syscall(SYS_pipe2, b, 0));
    int again = open("/dev/null", O_RDONLY);
    close(again);
    if (again != probe)
        bad_add("pipe(bad) leaked descriptors: next free fd %d, was %d", again, probe);

    /* wait4: Linux reaps the child, then fails to store the status. */
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    EF(syscall(SYS_wait4, pid, b, 0, NULL));
    errno = 0;
    if (waitpid(pid, NULL, WNOHANG) != -1 || errno != ECHILD) {
        bad_add("wait4(pid, bad) did not reap the child");
        waitpid(pid, NULL, 0);
    }
    pid = fork();
    if (pid == 0)
        _exit(0);
    int st;
    EF(syscall(SYS_wait4, pid, &st, 0, b));             /* bad rusage */
    waitpid(pid, NULL, WNOHANG);
}

static void efault_check(void *b)
{
    efault_setup();
    bad_reset();
    efault_all(b);
    CHECKF(bad_count == 0, "with %p: %d wrong: %.900s", b, bad_count, bad_list);
}

static void test_efault_kernel_address(void)
{
    efault_check((void *)0xffffffff80000000ul);
}

static void test_efault_kernel_direct_map(void)
{
    efault_check((void *)0xffff888000100000ul);
}

static void test_efault_unmapped_low(void)
{
    efault_check((void *)0x1000);
}

/* A hole left by munmap between two mapped pages (which stay mapped, so
 * that no mmap in between reuses the hole). */
static void test_efault_munmapped_page(void)
{
    char *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    memset(p, 1, 3 * 4096);
    CHECK(munmap(p + 4096, 4096) == 0);
    efault_check(p + 4096);
    munmap(p, 3 * 4096);
}

static void test_efault_noncanonical(void)
{
    efault_check((void *)0x0000800000000000ul);
    if (t_why[0])
        return;
    efault_check((void *)0x8000000000000000ul);
}

/* The top page of user space (weft and Linux leave it unmapped). */
static void test_efault_top_of_user_space(void)
{
    efault_check((void *)0x00007ffffffff000ul);
}

/* Ranges that start in user space and run out of it or wrap around. */
static void test_efault_lengths(void)
{
    efault_setup();
    bad_reset();
    int fd = efault_fd;
    static char buf[64];
    lseek(fd, 0, SEEK_SET);
    EF(syscall(SYS_write, fd, (void *)0x7ffffffff000ul, 0x2000));
    EF(syscall(SYS_write, fd, (void *)0x7fffffffe000ul, 0x3000));
    EF(syscall(SYS_write, fd, buf, 0xffffffffffff0000ul));
    EF(syscall(SYS_read, fd, buf, 0xffffffffffff0000ul));
    EF(syscall(SYS_read, fd, (void *)0x7ffffffff000ul, 0x2000));
    EF(syscall(SYS_pread64, fd, buf, 0xffffffffffff0000ul, 0));
    /* getcwd copies only the name ("/...", 2 bytes or more): from the
     * last user byte on, it crosses the end. */
    EF(syscall(SYS_getcwd, (void *)0x7ffffffff000ul - 1, 4096));
    END();
    /* And good calls still work after all that. */
    CHECK(pread(fd, buf, 4, 0) == 4 && memcmp(buf, "dddd", 4) == 0);
}

int main(int argc, char **argv)
{
    T_INIT("proc_efault", argc, argv);
    RUN(test_efault_kernel_address);
    RUN(test_efault_kernel_direct_map);
    RUN(test_efault_unmapped_low);
    RUN(test_efault_munmapped_page);
    RUN(test_efault_noncanonical);
    RUN(test_efault_top_of_user_space);
    RUN(test_efault_lengths);
    return T_DONE();
}
