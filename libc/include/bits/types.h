/*
 * bits/types.h: the basic POSIX types, defined once here and included by
 * every header that needs one of them. The sizes are Linux x86-64's (LP64):
 * the kernel's structs (struct stat, struct timespec...) are built from
 * these, so a different choice would break the system-call ABI.
 */
#ifndef _BITS_TYPES_H
#define _BITS_TYPES_H

#ifndef __DEFINED_size_t            /* stddef.h defines it too */
#define __DEFINED_size_t
typedef __SIZE_TYPE__ size_t;
#endif
typedef long ssize_t;
typedef long off_t;             /* 64-bit: no off64_t dance on x86-64 */
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int id_t;
typedef unsigned int mode_t;
typedef unsigned long dev_t;
typedef unsigned long ino_t;
typedef unsigned long nlink_t;
typedef long blksize_t;
typedef long blkcnt_t;
typedef long time_t;
typedef long clock_t;
typedef int clockid_t;
typedef long suseconds_t;
typedef unsigned int useconds_t;
typedef unsigned long rlim_t;
typedef int key_t;

#endif
