/* sys/types.h: the POSIX types (bits/types.h holds them). */
#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H
#include <bits/types.h>
#include <stddef.h>
#include <stdint.h>
#endif
