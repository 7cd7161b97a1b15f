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

/* utimensat/futimens: a tv_nsec of UTIME_NOW means "now", UTIME_OMIT
 * "leave this one alone"; times == NULL sets both to now. */
#define UTIME_NOW  ((1l << 30) - 1l)
#define UTIME_OMIT ((1l << 30) - 2l)
int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags);
int futimens(int fd, const struct timespec times[2]);
int chmod(const char *path, mode_t mode);
int fchmod(int fd, mode_t mode);
mode_t umask(mode_t mask);

#endif
