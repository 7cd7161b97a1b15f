/* system.c: small system calls: ioctl, uname, poll, sched_yield, reboot. */
#include <poll.h>
#include <sched.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <sys/reboot.h>
#include <sys/utsname.h>

#include "syscall.h"

/* The argument is an int or a pointer depending on the request: pass it
 * on as a long. */
int ioctl(int fd, unsigned long request, ...)
{
    va_list ap;
    va_start(ap, request);
    long arg = va_arg(ap, long);
    va_end(ap);
    return (int)__syscall_ret(__syscall3(__NR_ioctl, fd, request, arg));
}

int uname(struct utsname *u)
{
    return (int)__syscall_ret(__syscall1(__NR_uname, u));
}

int poll(struct pollfd *fds, nfds_t n, int timeout_ms)
{
    return (int)__syscall_ret(__syscall3(__NR_poll, fds, n, timeout_ms));
}

int sched_yield(void)
{
    return (int)__syscall_ret(__syscall0(__NR_sched_yield));
}

/* The two magic numbers guard against a stray call rebooting the machine. */
int reboot(int cmd)
{
    return (int)__syscall_ret(__syscall4(__NR_reboot, LINUX_REBOOT_MAGIC1,
                                         LINUX_REBOOT_MAGIC2, (unsigned)cmd, 0));
}
