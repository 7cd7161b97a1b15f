/* io.c: file descriptor I/O: thin wrappers over the system calls. */
#include <sys/uio.h>
#include <unistd.h>

#include "syscall.h"

ssize_t read(int fd, void *buf, size_t n)
{
    return __syscall_ret(__syscall3(__NR_read, fd, buf, n));
}

ssize_t write(int fd, const void *buf, size_t n)
{
    return __syscall_ret(__syscall3(__NR_write, fd, buf, n));
}

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
    return __syscall_ret(__syscall4(__NR_pread64, fd, buf, n, off));
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
    return __syscall_ret(__syscall4(__NR_pwrite64, fd, buf, n, off));
}

ssize_t readv(int fd, const struct iovec *iov, int n)
{
    return __syscall_ret(__syscall3(__NR_readv, fd, iov, n));
}

ssize_t writev(int fd, const struct iovec *iov, int n)
{
    return __syscall_ret(__syscall3(__NR_writev, fd, iov, n));
}

int close(int fd)
{
    return (int)__syscall_ret(__syscall1(__NR_close, fd));
}

off_t lseek(int fd, off_t off, int whence)
{
    return __syscall_ret(__syscall3(__NR_lseek, fd, off, whence));
}

int dup(int fd)
{
    return (int)__syscall_ret(__syscall1(__NR_dup, fd));
}

int dup2(int fd, int fd2)
{
    return (int)__syscall_ret(__syscall2(__NR_dup2, fd, fd2));
}

int dup3(int fd, int fd2, int flags)
{
    return (int)__syscall_ret(__syscall3(__NR_dup3, fd, fd2, flags));
}

/* The kernel writes the two descriptors as ints: fds[0] reads, fds[1]
 * writes. */
int pipe(int fds[2])
{
    return (int)__syscall_ret(__syscall1(__NR_pipe, fds));
}

int pipe2(int fds[2], int flags)
{
    return (int)__syscall_ret(__syscall2(__NR_pipe2, fds, flags));
}

int fsync(int fd)
{
    return (int)__syscall_ret(__syscall1(__NR_fsync, fd));
}

int fdatasync(int fd)
{
    return (int)__syscall_ret(__syscall1(__NR_fdatasync, fd));
}

int truncate(const char *path, off_t len)
{
    return (int)__syscall_ret(__syscall2(__NR_truncate, path, len));
}

int ftruncate(int fd, off_t len)
{
    return (int)__syscall_ret(__syscall2(__NR_ftruncate, fd, len));
}

void sync(void)
{
    __syscall0(__NR_sync);
}
