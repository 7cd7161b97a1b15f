/* limits.h: integer limits (LP64) and the POSIX limits weft shares with
 * Linux (path length, pipe atomicity...). */
#ifndef _LIMITS_H
#define _LIMITS_H

#define CHAR_BIT    8
#define SCHAR_MIN   (-128)
#define SCHAR_MAX   127
#define UCHAR_MAX   255
#define CHAR_MIN    SCHAR_MIN       /* char is signed on x86-64 */
#define CHAR_MAX    SCHAR_MAX
#define SHRT_MIN    (-1 - SHRT_MAX)
#define SHRT_MAX    0x7fff
#define USHRT_MAX   0xffff
#define INT_MIN     (-1 - INT_MAX)
#define INT_MAX     0x7fffffff
#define UINT_MAX    0xffffffffU
#define LONG_MIN    (-1L - LONG_MAX)
#define LONG_MAX    0x7fffffffffffffffL
#define ULONG_MAX   0xffffffffffffffffUL
#define LLONG_MIN   (-1LL - LLONG_MAX)
#define LLONG_MAX   0x7fffffffffffffffLL
#define ULLONG_MAX  0xffffffffffffffffULL
#define SSIZE_MAX   LONG_MAX
#define MB_LEN_MAX  4

#define PATH_MAX        4096    /* bytes in a path, with its NUL */
#define NAME_MAX        255     /* bytes in one file name */
#define PIPE_BUF        4096    /* writes up to this size are atomic */
#define ARG_MAX         131072
#define LINE_MAX        4096
#define HOST_NAME_MAX   64
#define LOGIN_NAME_MAX  256
#define IOV_MAX         1024
#define NGROUPS_MAX     65536
#define PAGESIZE        4096
#define PAGE_SIZE       PAGESIZE

#endif
