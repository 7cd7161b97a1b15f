/* fcntl.h: opening files, and fcntl(). */
#ifndef _FCNTL_H
#define _FCNTL_H

#include <bits/types.h>
#include <weft/fcntl.h>

int open(const char *path, int flags, ...);     /* ... = mode_t with O_CREAT */
int openat(int dirfd, const char *path, int flags, ...);
int creat(const char *path, mode_t mode);
int fcntl(int fd, int cmd, ...);

#endif
