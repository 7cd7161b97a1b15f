/* time.h: clocks, sleeping, and calendar time. weft has no time zones:
 * local time is UTC. */
#ifndef _TIME_H
#define _TIME_H

#include <bits/types.h>
#include <stddef.h>
#include <weft/time.h>

#define CLOCKS_PER_SEC 1000000L         /* clock() counts microseconds */

struct tm {
    int tm_sec;                         /* 0..60 (a leap second) */
    int tm_min;
    int tm_hour;
    int tm_mday;                        /* 1..31 */
    int tm_mon;                         /* 0..11 */
    int tm_year;                        /* years since 1900 */
    int tm_wday;                        /* 0..6, Sunday = 0 */
    int tm_yday;                        /* 0..365 */
    int tm_isdst;
    long tm_gmtoff;                     /* seconds east of UTC */
    const char *tm_zone;
};

time_t time(time_t *t);
clock_t clock(void);
double difftime(time_t a, time_t b);
int clock_gettime(clockid_t id, struct timespec *ts);
int clock_getres(clockid_t id, struct timespec *ts);
int clock_nanosleep(clockid_t id, int flags, const struct timespec *req,
                    struct timespec *rem);
int nanosleep(const struct timespec *req, struct timespec *rem);

struct tm *gmtime(const time_t *t);
struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict tm);
struct tm *localtime(const time_t *t);
struct tm *localtime_r(const time_t *restrict t, struct tm *restrict tm);
time_t mktime(struct tm *tm);
time_t timegm(struct tm *tm);
size_t strftime(char *restrict s, size_t max, const char *restrict fmt,
                const struct tm *restrict tm);
char *asctime(const struct tm *tm);
char *ctime(const time_t *t);

#endif
