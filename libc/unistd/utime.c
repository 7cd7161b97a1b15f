/*
 * utime.c: setting a file's access and modification times
 * (utimensat(2), futimens(3)).
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "syscall.h"

int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags)
{
    return (int)__syscall_ret(__syscall4(__NR_utimensat, dirfd, path, times, flags));
}

/* The kernel's utimensat with a NULL path acts on dirfd itself. */
int futimens(int fd, const struct timespec times[2])
{
    return (int)__syscall_ret(__syscall4(__NR_utimensat, fd, 0, times, 0));
}
