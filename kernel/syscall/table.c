/*
 * table.c: every system call weft implements, by Linux x86-64 number
 * (weft/unistd.h). A number that is not listed here returns -ENOSYS, so
 * a program can always tell "not implemented" from a wrong answer.
 *
 * Where each one lives: process calls in proc/, memory calls in mm/,
 * file calls in fs/, time and scheduling in sched/, the rest in syscall/.
 */
#include "syscall.h"

#define SYSCALLS(X)                                                                  \
    /* files (fs/) */                                                                \
    X(read) X(write) X(open) X(close) X(stat) X(fstat) X(lstat) X(poll) X(lseek)    \
    X(ioctl) X(pread64) X(pwrite64) X(readv) X(writev) X(access) X(pipe) X(dup)     \
    X(dup2) X(fcntl) X(fsync) X(fdatasync) X(truncate) X(ftruncate) X(getcwd)       \
    X(chdir) X(fchdir) X(rename) X(mkdir) X(rmdir) X(creat) X(link) X(unlink)       \
    X(symlink) X(readlink) X(chmod) X(fchmod) X(chown) X(fchown) X(lchown)          \
    X(umask) X(getdents64) X(openat) X(mkdirat) X(newfstatat) X(unlinkat)           \
    X(renameat) X(renameat2) X(linkat) X(symlinkat) X(readlinkat) X(fchmodat)       \
    X(faccessat) X(faccessat2) X(dup3) X(pipe2) X(ppoll) X(select) X(pselect6)      \
    X(sync) X(statfs) X(fstatfs) X(utimensat) X(fchownat)                           \
    /* memory (mm/) */                                                               \
    X(mmap) X(mprotect) X(munmap) X(brk) X(madvise) X(msync) X(mincore)            \
    /* processes and threads (proc/) */                                              \
    X(clone) X(fork) X(vfork) X(execve) X(exit) X(exit_group) X(wait4) X(waitid)    \
    X(getpid) X(getppid) X(gettid) X(set_tid_address) X(arch_prctl) X(futex)        \
    X(setpgid) X(getpgid) X(getpgrp) X(setsid) X(getsid) X(set_robust_list)        \
    X(get_robust_list) X(prlimit64) X(getrlimit) X(setrlimit) X(getrusage)          \
    X(times) X(prctl)                                                                \
    /* signals (proc/) */                                                            \
    X(rt_sigaction) X(rt_sigprocmask) X(rt_sigreturn) X(rt_sigpending)              \
    X(rt_sigsuspend) X(sigaltstack) X(kill) X(tkill) X(tgkill) X(pause)             \
    X(alarm) X(setitimer) X(getitimer) X(restart_syscall)                           \
    /* time and scheduling (sched/) */                                               \
    X(sched_yield) X(nanosleep) X(clock_nanosleep) X(clock_gettime)                 \
    X(clock_getres) X(gettimeofday) X(time) X(getpriority) X(setpriority)           \
    X(sched_getaffinity) X(sched_setaffinity) X(sched_getscheduler)                 \
    X(sched_setscheduler) X(sched_getparam) X(sched_setparam)                       \
    /* the machine (syscall/) */                                                     \
    X(uname) X(reboot) X(getuid) X(geteuid) X(getgid) X(getegid) X(getgroups)      \
    X(getresuid) X(getresgid) X(setuid) X(setgid) X(sysinfo) X(getrandom)

/* The handlers take their real argument types; here they only need a
 * name. (Calling through syscall_fn works because on x86-64 every
 * argument travels in a register of its own.) */
#define DECLARE(n) long sys_##n();
SYSCALLS(DECLARE)

#define ENTRY(n) [__NR_##n] = (syscall_fn)(void (*)(void))sys_##n,
const syscall_fn syscall_table[NR_SYSCALLS] = { SYSCALLS(ENTRY) };

#define NAME(n) [__NR_##n] = #n,
const char *const syscall_names[NR_SYSCALLS] = { SYSCALLS(NAME) };
