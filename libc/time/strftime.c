/*
 * strftime.c: dates as text, in the "C" locale.
 *
 * Supported: %a %A %b %B %c %C %d %D %e %F %H %I %j %m %M %n %p %R %s %S
 * %t %T %u %w %x %X %y %Y %z %Z %%. Anything else is copied as is.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const days[] = { "Sunday", "Monday", "Tuesday", "Wednesday",
                                    "Thursday", "Friday", "Saturday" };
static const char *const months[] = { "January", "February", "March", "April",
                                      "May", "June", "July", "August", "September",
                                      "October", "November", "December" };

/* Appends to s (the total so far is *n); false once max is reached. */
static int put(char *s, size_t *n, size_t max, const char *text, size_t len)
{
    if (*n + len >= max)
        return 0;
    memcpy(s + *n, text, len);
    *n += len;
    return 1;
}

size_t strftime(char *restrict s, size_t max, const char *restrict fmt,
                const struct tm *restrict tm)
{
    size_t n = 0;
    char buf[64];
    for (const char *f = fmt; *f; f++) {
        if (*f != '%' || !f[1]) {
            if (!put(s, &n, max, f, 1))
                return 0;
            continue;
        }
        const char *text = buf;
        int len = -1;                   /* -1: text is a C string */
        int hour12 = tm->tm_hour % 12 ? tm->tm_hour % 12 : 12;
        switch (*++f) {
        case 'a': snprintf(buf, sizeof buf, "%.3s", days[tm->tm_wday % 7]); break;
        case 'A': text = days[tm->tm_wday % 7]; break;
        case 'b':
        case 'h': snprintf(buf, sizeof buf, "%.3s", months[tm->tm_mon % 12]); break;
        case 'B': text = months[tm->tm_mon % 12]; break;
        case 'c':
            strftime(buf, sizeof buf, "%a %b %e %H:%M:%S %Y", tm);
            break;
        case 'C': snprintf(buf, sizeof buf, "%02d", (tm->tm_year + 1900) / 100); break;
        case 'd': snprintf(buf, sizeof buf, "%02d", tm->tm_mday); break;
        case 'D': strftime(buf, sizeof buf, "%m/%d/%y", tm); break;
        case 'e': snprintf(buf, sizeof buf, "%2d", tm->tm_mday); break;
        case 'F': strftime(buf, sizeof buf, "%Y-%m-%d", tm); break;
        case 'H': snprintf(buf, sizeof buf, "%02d", tm->tm_hour); break;
        case 'I': snprintf(buf, sizeof buf, "%02d", hour12); break;
        case 'j': snprintf(buf, sizeof buf, "%03d", tm->tm_yday + 1); break;
        case 'm': snprintf(buf, sizeof buf, "%02d", tm->tm_mon + 1); break;
        case 'M': snprintf(buf, sizeof buf, "%02d", tm->tm_min); break;
        case 'n': text = "\n"; break;
        case 'p': text = tm->tm_hour < 12 ? "AM" : "PM"; break;
        case 'R': strftime(buf, sizeof buf, "%H:%M", tm); break;
        case 's': {
            struct tm copy = *tm;
            snprintf(buf, sizeof buf, "%ld", (long)timegm(&copy));
            break;
        }
        case 'S': snprintf(buf, sizeof buf, "%02d", tm->tm_sec); break;
        case 't': text = "\t"; break;
        case 'T': strftime(buf, sizeof buf, "%H:%M:%S", tm); break;
        case 'u': snprintf(buf, sizeof buf, "%d", tm->tm_wday ? tm->tm_wday : 7); break;
        case 'w': snprintf(buf, sizeof buf, "%d", tm->tm_wday); break;
        case 'x': strftime(buf, sizeof buf, "%m/%d/%y", tm); break;
        case 'X': strftime(buf, sizeof buf, "%H:%M:%S", tm); break;
        case 'y': snprintf(buf, sizeof buf, "%02d", (tm->tm_year + 1900) % 100); break;
        case 'Y': snprintf(buf, sizeof buf, "%d", tm->tm_year + 1900); break;
        case 'z': text = "+0000"; break;
        case 'Z': text = "UTC"; break;
        case '%': text = "%"; break;
        default:                        /* unknown: copy "%q" as is */
            text = f - 1;
            len = 2;
            break;
        }
        if (!put(s, &n, max, text, len < 0 ? strlen(text) : (size_t)len))
            return 0;
    }
    if (max == 0)
        return 0;
    s[n] = '\0';
    return n;
}

/* "Thu Jan  1 00:00:00 1970\n", in a static buffer. */
char *asctime(const struct tm *tm)
{
    static char buf[32];
    strftime(buf, sizeof buf, "%c\n", tm);
    return buf;
}

char *ctime(const time_t *t)
{
    struct tm tm;
    return gmtime_r(t, &tm) ? asctime(&tm) : NULL;
}
