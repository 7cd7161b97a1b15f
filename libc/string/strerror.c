/*
 * strerror.c: the message for an error number. The texts are glibc's, so
 * a program prints the same words on weft as on Linux.
 */
#include <errno.h>
#include <string.h>

static const char *const messages[] = {
    [0] = "Success",
    [EPERM] = "Operation not permitted",
    [ENOENT] = "No such file or directory",
    [ESRCH] = "No such process",
    [EINTR] = "Interrupted system call",
    [EIO] = "Input/output error",
    [ENXIO] = "No such device or address",
    [E2BIG] = "Argument list too long",
    [ENOEXEC] = "Exec format error",
    [EBADF] = "Bad file descriptor",
    [ECHILD] = "No child processes",
    [EAGAIN] = "Resource temporarily unavailable",
    [ENOMEM] = "Cannot allocate memory",
    [EACCES] = "Permission denied",
    [EFAULT] = "Bad address",
    [ENOTBLK] = "Block device required",
    [EBUSY] = "Device or resource busy",
    [EEXIST] = "File exists",
    [EXDEV] = "Invalid cross-device link",
    [ENODEV] = "No such device",
    [ENOTDIR] = "Not a directory",
    [EISDIR] = "Is a directory",
    [EINVAL] = "Invalid argument",
    [ENFILE] = "Too many open files in system",
    [EMFILE] = "Too many open files",
    [ENOTTY] = "Inappropriate ioctl for device",
    [ETXTBSY] = "Text file busy",
    [EFBIG] = "File too large",
    [ENOSPC] = "No space left on device",
    [ESPIPE] = "Illegal seek",
    [EROFS] = "Read-only file system",
    [EMLINK] = "Too many links",
    [EPIPE] = "Broken pipe",
    [EDOM] = "Numerical argument out of domain",
    [ERANGE] = "Numerical result out of range",
    [EDEADLK] = "Resource deadlock avoided",
    [ENAMETOOLONG] = "File name too long",
    [ENOLCK] = "No locks available",
    [ENOSYS] = "Function not implemented",
    [ENOTEMPTY] = "Directory not empty",
    [ELOOP] = "Too many levels of symbolic links",
    [ENOMSG] = "No message of desired type",
    [EIDRM] = "Identifier removed",
    [ENODATA] = "No data available",
    [ETIME] = "Timer expired",
    [EOVERFLOW] = "Value too large for defined data type",
    [EILSEQ] = "Invalid or incomplete multibyte or wide character",
    [ERESTART] = "Interrupted system call should be restarted",
    [ENOTSOCK] = "Socket operation on non-socket",
    [EDESTADDRREQ] = "Destination address required",
    [EMSGSIZE] = "Message too long",
    [EPROTOTYPE] = "Protocol wrong type for socket",
    [ENOPROTOOPT] = "Protocol not available",
    [EPROTONOSUPPORT] = "Protocol not supported",
    [EOPNOTSUPP] = "Operation not supported",
    [EAFNOSUPPORT] = "Address family not supported by protocol",
    [EADDRINUSE] = "Address already in use",
    [ENETDOWN] = "Network is down",
    [ECONNRESET] = "Connection reset by peer",
    [ENOBUFS] = "No buffer space available",
    [EISCONN] = "Transport endpoint is already connected",
    [ENOTCONN] = "Transport endpoint is not connected",
    [ETIMEDOUT] = "Connection timed out",
    [ECONNREFUSED] = "Connection refused",
    [EALREADY] = "Operation already in progress",
    [EINPROGRESS] = "Operation now in progress",
    [ESTALE] = "Stale file handle",
    [EDQUOT] = "Disk quota exceeded",
    [ECANCELED] = "Operation canceled",
    [EOWNERDEAD] = "Owner died",
    [ENOTRECOVERABLE] = "State not recoverable",
};

/* Writes "Unknown error N" into buf (which holds at least 32 bytes). */
static char *unknown(char *buf, int errnum)
{
    char digits[12], *d = digits + sizeof digits;
    unsigned u = errnum < 0 ? -(unsigned)errnum : (unsigned)errnum;
    *--d = '\0';
    do
        *--d = '0' + u % 10;
    while (u /= 10);
    if (errnum < 0)
        *--d = '-';
    strcpy(stpcpy(buf, "Unknown error "), d);
    return buf;
}

static const char *lookup(int errnum)
{
    if (errnum >= 0 && (unsigned)errnum < sizeof messages / sizeof messages[0])
        return messages[errnum];    /* NULL for a gap in the table */
    return NULL;
}

char *strerror(int errnum)
{
    /* Per thread, so one thread's unknown number does not change the
     * string another thread is printing. */
    static __thread char buf[32];
    const char *m = lookup(errnum);
    return m ? (char *)m : unknown(buf, errnum);
}

/* POSIX's strerror_r: copies the message into buf; ERANGE if it did not
 * fit (the truncated copy is still terminated). */
int strerror_r(int errnum, char *buf, size_t len)
{
    char tmp[32];
    const char *m = lookup(errnum);
    if (!m)
        m = unknown(tmp, errnum);
    return strlcpy(buf, m, len) >= len ? ERANGE : 0;
}
