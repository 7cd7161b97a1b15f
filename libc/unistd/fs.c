/* fs.c: the file system namespace: directories, links, permissions. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "syscall.h"

int open(const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {   /* only then is there a mode */
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    return (int)__syscall_ret(__syscall3(__NR_open, path, flags, mode));
}

int openat(int dirfd, const char *path, int flags, ...)
{
    mode_t mode = 0;
    if (flags & (O_CREAT | O_TMPFILE)) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    return (int)__syscall_ret(__syscall4(__NR_openat, dirfd, path, flags, mode));
}

int creat(const char *path, mode_t mode)
{
    return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

/* The third argument is an int or a pointer, depending on cmd; passing
 * it on as a long covers both. */
int fcntl(int fd, int cmd, ...)
{
    va_list ap;
    va_start(ap, cmd);
    long arg = va_arg(ap, long);
    va_end(ap);
    return (int)__syscall_ret(__syscall3(__NR_fcntl, fd, cmd, arg));
}

int stat(const char *restrict path, struct stat *restrict st)
{
    return (int)__syscall_ret(__syscall2(__NR_stat, path, st));
}

int fstat(int fd, struct stat *st)
{
    return (int)__syscall_ret(__syscall2(__NR_fstat, fd, st));
}

int lstat(const char *restrict path, struct stat *restrict st)
{
    return (int)__syscall_ret(__syscall2(__NR_lstat, path, st));
}

int fstatat(int dirfd, const char *restrict path, struct stat *restrict st, int flags)
{
    return (int)__syscall_ret(__syscall4(__NR_newfstatat, dirfd, path, st, flags));
}

int mkdir(const char *path, mode_t mode)
{
    return (int)__syscall_ret(__syscall2(__NR_mkdir, path, mode));
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
    return (int)__syscall_ret(__syscall3(__NR_mkdirat, dirfd, path, mode));
}

int chmod(const char *path, mode_t mode)
{
    return (int)__syscall_ret(__syscall2(__NR_chmod, path, mode));
}

int fchmod(int fd, mode_t mode)
{
    return (int)__syscall_ret(__syscall2(__NR_fchmod, fd, mode));
}

/* umask cannot fail; it returns the previous mask. */
mode_t umask(mode_t mask)
{
    return (mode_t)__syscall1(__NR_umask, mask);
}

int chdir(const char *path)
{
    return (int)__syscall_ret(__syscall1(__NR_chdir, path));
}

int fchdir(int fd)
{
    return (int)__syscall_ret(__syscall1(__NR_fchdir, fd));
}

/* The system call returns the length (with the NUL); we return buf. With
 * buf == NULL, glibc and musl allocate the result: so do we. */
char *getcwd(char *buf, size_t size)
{
    char tmp[PATH_MAX];
    if (!buf) {
        if (__syscall_ret(__syscall2(__NR_getcwd, tmp, sizeof tmp)) < 0)
            return NULL;
        return strdup(tmp);
    }
    if (size == 0) {
        errno = EINVAL;
        return NULL;
    }
    if (__syscall_ret(__syscall2(__NR_getcwd, buf, size)) < 0)
        return NULL;
    return buf;
}

int unlink(const char *path)
{
    return (int)__syscall_ret(__syscall1(__NR_unlink, path));
}

int unlinkat(int dirfd, const char *path, int flags)
{
    return (int)__syscall_ret(__syscall3(__NR_unlinkat, dirfd, path, flags));
}

int rmdir(const char *path)
{
    return (int)__syscall_ret(__syscall1(__NR_rmdir, path));
}

int link(const char *from, const char *to)
{
    return (int)__syscall_ret(__syscall2(__NR_link, from, to));
}

int symlink(const char *target, const char *path)
{
    return (int)__syscall_ret(__syscall2(__NR_symlink, target, path));
}

/* Note: readlink does not NUL-terminate; it returns the length. */
ssize_t readlink(const char *restrict path, char *restrict buf, size_t size)
{
    return __syscall_ret(__syscall3(__NR_readlink, path, buf, size));
}

int access(const char *path, int mode)
{
    return (int)__syscall_ret(__syscall2(__NR_access, path, mode));
}

/* The original faccessat system call has no flags argument; faccessat2
 * does. Use the old one when we can. */
int faccessat(int dirfd, const char *path, int mode, int flags)
{
    if (!flags)
        return (int)__syscall_ret(__syscall3(__NR_faccessat, dirfd, path, mode));
    return (int)__syscall_ret(__syscall4(__NR_faccessat2, dirfd, path, mode, flags));
}

int chown(const char *path, uid_t uid, gid_t gid)
{
    return (int)__syscall_ret(__syscall3(__NR_chown, path, uid, gid));
}

int fchown(int fd, uid_t uid, gid_t gid)
{
    return (int)__syscall_ret(__syscall3(__NR_fchown, fd, uid, gid));
}
