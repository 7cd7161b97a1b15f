/* weft/misc.h: small constant sets: reboot, arch_prctl, futex, poll,
 * resource limits and getrandom, Linux's values. */
#ifndef WEFT_UAPI_MISC_H
#define WEFT_UAPI_MISC_H

/* reboot(2) */
#define LINUX_REBOOT_MAGIC1         0xfee1dead
#define LINUX_REBOOT_MAGIC2         672274793
#define LINUX_REBOOT_CMD_RESTART    0x01234567
#define LINUX_REBOOT_CMD_HALT       0xCDEF0123
#define LINUX_REBOOT_CMD_POWER_OFF  0x4321FEDC
#define LINUX_REBOOT_CMD_CAD_ON     0x89ABCDEF  /* Ctrl-Alt-Del reboots */
#define LINUX_REBOOT_CMD_CAD_OFF    0x00000000  /* Ctrl-Alt-Del sends SIGINT to init */

/* arch_prctl(2) */
#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

/* futex(2) */
#define FUTEX_WAIT              0
#define FUTEX_WAKE              1
#define FUTEX_REQUEUE           3
#define FUTEX_CMP_REQUEUE       4
#define FUTEX_WAKE_OP           5
#define FUTEX_WAIT_BITSET       9
#define FUTEX_WAKE_BITSET       10
#define FUTEX_PRIVATE_FLAG      128
#define FUTEX_CLOCK_REALTIME    256
#define FUTEX_CMD_MASK          (~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))
#define FUTEX_BITSET_MATCH_ANY  0xffffffff
#define FUTEX_WAIT_PRIVATE      (FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE      (FUTEX_WAKE | FUTEX_PRIVATE_FLAG)

/* poll(2) */
#define POLLIN      0x0001
#define POLLPRI     0x0002
#define POLLOUT     0x0004
#define POLLERR     0x0008
#define POLLHUP     0x0010
#define POLLNVAL    0x0020
#define POLLRDNORM  0x0040
#define POLLWRNORM  0x0100

/* getrlimit(2) */
#define RLIMIT_CPU      0
#define RLIMIT_FSIZE    1
#define RLIMIT_DATA     2
#define RLIMIT_STACK    3
#define RLIMIT_CORE     4
#define RLIMIT_NOFILE   7
#define RLIMIT_AS       9
#define RLIM_NLIMITS    16
#define RLIM_INFINITY   (~0ul)

/* getrusage(2) */
#define RUSAGE_SELF     0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD   1

#ifndef __ASSEMBLER__
struct pollfd {
    int fd;
    short events;
    short revents;
};

struct rlimit {
    unsigned long rlim_cur;
    unsigned long rlim_max;
};

struct iovec {
    void *iov_base;
    unsigned long iov_len;
};
#endif

#endif
