/* sys/stat.h: file status, modes, directories. struct stat is the
 * kernel's (weft/stat.h), so stat() passes it straight through. */
#ifndef _SYS_STAT_H
#define _SYS_STAT_H

#include <bits/types.h>
#include <weft/stat.h>

int stat(const char *restrict path, struct stat *restrict st);
int fstat(int fd, struct stat *st);
int lstat(const char *restrict path, struct stat *restrict st);
int fstatat(int dirfd, const char *restrict path, struct stat *restrict st, int flags);
int mkdir(const char *path, mode_t mode);
int mkdirat(int dirfd, const char *path, mode_t mode);
int chmod(const char *path, mode_t mode);
int fchmod(int fd, mode_t mode);
mode_t umask(mode_t mask);

#endif
