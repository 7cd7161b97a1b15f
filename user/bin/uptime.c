/*
 * uptime: the time, how long the system has been up, and the load.
 *      " 12:34:56 up 5 min,  load average: 0.00, 0.00, 0.00"
 * The time of day is UTC (weft has no time zones), from
 * clock_gettime(CLOCK_REALTIME); the rest from /proc/uptime (seconds
 * since boot) and /proc/loadavg (the 1, 5 and 15 minute averages).
 */
#include <stdio.h>
#include <time.h>

int main(int argc, char **argv)
{
    (void)argv;
    if (argc > 1) {
        fprintf(stderr, "usage: uptime\n");
        return 2;
    }
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    struct tm tm;
    gmtime_r(&now.tv_sec, &tm);

    /* Both files are one line; libc has sscanf but no fscanf. */
    char line[128];
    unsigned long up = 0;
    char l1[16] = "0.00", l5[16] = "0.00", l15[16] = "0.00";
    FILE *f = fopen("/proc/uptime", "r");
    if (!f || !fgets(line, sizeof line, f) || sscanf(line, "%lu", &up) != 1) {
        perror("uptime: /proc/uptime");
        return 1;
    }
    fclose(f);
    f = fopen("/proc/loadavg", "r");
    if (f) {
        if (!fgets(line, sizeof line, f) || sscanf(line, "%15s %15s %15s", l1, l5, l15) != 3)
            fprintf(stderr, "uptime: /proc/loadavg: unexpected format\n");
        fclose(f);
    }

    printf(" %02d:%02d:%02d up ", tm.tm_hour, tm.tm_min, tm.tm_sec);
    unsigned long days = up / 86400, hours = up / 3600 % 24, mins = up / 60 % 60;
    if (days)
        printf("%lu day%s, ", days, days == 1 ? "" : "s");
    if (hours)
        printf("%2lu:%02lu, ", hours, mins);
    else
        printf("%lu min, ", mins);
    printf(" load average: %s, %s, %s\n", l1, l5, l15);
    return 0;
}
