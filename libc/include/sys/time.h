/* sys/time.h: gettimeofday and interval timers. */
#ifndef _SYS_TIME_H
#define _SYS_TIME_H

#include <bits/types.h>
#include <weft/time.h>

int gettimeofday(struct timeval *restrict tv, void *restrict tz);
int getitimer(int which, struct itimerval *value);
int setitimer(int which, const struct itimerval *restrict value,
              struct itimerval *restrict old);

#endif
