/* sys/times.h: process times in clock ticks (sysconf(_SC_CLK_TCK)). */
#ifndef _SYS_TIMES_H
#define _SYS_TIMES_H
#include <bits/types.h>
#include <weft/time.h>
clock_t times(struct tms *buf);
#endif
