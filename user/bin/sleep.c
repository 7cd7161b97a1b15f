/*
 * sleep: wait for a while.
 *      sleep NUMBER[s|m|h|d]...      (the times are added up)
 * NUMBER may have a fraction: sleep 0.25. Parsed by hand into whole
 * nanoseconds, so no floating point is needed.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* "1.5m" -> nanoseconds, or -1 if it is no time. */
static long long parse(const char *s)
{
    long long sec = 0, frac = 0, scale = 1000000000LL;
    const char *p = s;
    for (; *p >= '0' && *p <= '9'; p++)
        sec = sec * 10 + (*p - '0');
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++)
            if (scale > 1)
                frac += (*p - '0') * (scale /= 10);
    long long unit = 1;
    if (*p && strchr("smhd", *p)) {
        unit = *p == 'm' ? 60 : *p == 'h' ? 3600 : *p == 'd' ? 86400 : 1;
        p++;
    }
    if (*p || p == s || (p == s + 1 && *s == '.'))
        return -1;
    return (sec * 1000000000LL + frac) * unit;
}

int main(int argc, char **argv)
{
    long long ns = 0;
    if (argc < 2)
        goto usage;
    for (int i = 1; i < argc; i++) {
        long long t = parse(argv[i]);
        if (t < 0)
            goto usage;
        ns += t;
    }
    struct timespec req = { ns / 1000000000LL, ns % 1000000000LL }, rem;
    while (nanosleep(&req, &rem) < 0 && errno == EINTR)
        req = rem;                      /* a signal (SIGCONT after ^Z): go on */
    return 0;
usage:
    fprintf(stderr, "usage: sleep number[smhd] ...\n");
    return 2;
}
