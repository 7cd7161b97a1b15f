/*
 * gmtime.c: between seconds since the epoch and calendar dates (UTC; weft
 * has no time zones, so local time is UTC too).
 *
 * Days to dates uses Howard Hinnant's algorithm ("chrono-compatible
 * low-level date algorithms"): shift the year to start on March 1, so the
 * leap day is the year's last day, and then every 400-year "era" has
 * exactly 146097 days and months have a fixed pattern.
 */
#include <errno.h>
#include <limits.h>
#include <time.h>

/* Days since 1970-01-01 of year-month-day (month 1..12). */
static long days_from_civil(long y, int m, int d)
{
    y -= m <= 2;                        /* Jan, Feb belong to the previous year */
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;                               /* 0..399 */
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;  /* 0..365 */
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;       /* 0..146096 */
    return era * 146097 + doe - 719468; /* 719468: 0000-03-01 to 1970-01-01 */
}

static void civil_from_days(long z, long *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;      /* month, March = 0 */
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict tm)
{
    long days = *t / 86400, secs = *t % 86400;
    if (secs < 0) {                     /* before 1970: floor, not truncate */
        secs += 86400;
        days--;
    }
    long y;
    int m, d;
    civil_from_days(days, &y, &m, &d);
    if (y - 1900 > INT_MAX || y - 1900 < INT_MIN) {
        errno = EOVERFLOW;
        return NULL;
    }
    tm->tm_year = (int)(y - 1900);
    tm->tm_mon = m - 1;
    tm->tm_mday = d;
    tm->tm_hour = (int)(secs / 3600);
    tm->tm_min = (int)(secs / 60 % 60);
    tm->tm_sec = (int)(secs % 60);
    tm->tm_wday = (int)((days % 7 + 11) % 7);   /* 1970-01-01 was a Thursday (4) */
    tm->tm_yday = (int)(days - days_from_civil(y, 1, 1));
    tm->tm_isdst = 0;
    tm->tm_gmtoff = 0;
    tm->tm_zone = "UTC";
    return tm;
}

struct tm *gmtime(const time_t *t)
{
    static struct tm tm;
    return gmtime_r(t, &tm);
}

struct tm *localtime_r(const time_t *restrict t, struct tm *restrict tm)
{
    return gmtime_r(t, tm);
}

struct tm *localtime(const time_t *t)
{
    return gmtime(t);
}

/* The inverse: tm's fields may be out of range (tm_mon = 14, tm_mday = 0)
 * and are normalized, as C requires; then tm is rewritten. */
time_t timegm(struct tm *tm)
{
    long y = tm->tm_year + 1900L + tm->tm_mon / 12;
    int m = tm->tm_mon % 12;
    if (m < 0) {
        m += 12;
        y--;
    }
    long days = days_from_civil(y, m + 1, 1) + tm->tm_mday - 1;
    time_t t = days * 86400L + tm->tm_hour * 3600L + tm->tm_min * 60L + tm->tm_sec;
    gmtime_r(&t, tm);
    return t;
}

time_t mktime(struct tm *tm)
{
    return timegm(tm);
}
