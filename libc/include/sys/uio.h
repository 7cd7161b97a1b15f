/* sys/uio.h: scatter/gather I/O. */
#ifndef _SYS_UIO_H
#define _SYS_UIO_H
#include <bits/types.h>
#include <weft/misc.h>                  /* struct iovec */
ssize_t readv(int fd, const struct iovec *iov, int n);
ssize_t writev(int fd, const struct iovec *iov, int n);
#endif
