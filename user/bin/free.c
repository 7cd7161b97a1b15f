/*
 * free: how much memory is used and free, from /proc/meminfo.
 *      free [-k | -m]        (KiB, the default, or MiB)
 *
 * The columns are procps's:
 *   buff/cache  Buffers + Cached + SReclaimable: file data the kernel
 *               keeps in memory, and can drop when memory is short
 *   available   an estimate of what a new program could get (MemAvailable)
 *   used        total - available
 */
#include <stdio.h>
#include <string.h>

static unsigned long field(const char *text, const char *name, int *found)
{
    const char *p = strstr(text, name);
    unsigned long v = 0;
    *found = 0;
    if (p && (p == text || p[-1] == '\n') && p[strlen(name)] == ':')
        *found = sscanf(p + strlen(name) + 1, "%lu", &v) == 1;
    return v;
}

static unsigned long get(const char *text, const char *name)
{
    int found;
    return field(text, name, &found);
}

int main(int argc, char **argv)
{
    int shift = 0;
    if (argc == 2 && !strcmp(argv[1], "-m"))
        shift = 10;
    else if (argc > 2 || (argc == 2 && strcmp(argv[1], "-k"))) {
        fprintf(stderr, "usage: free [-k | -m]\n");
        return 2;
    }
    FILE *f = fopen("/proc/meminfo", "r");
    char text[8192];
    size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
    if (!f || n == 0) {
        perror("free: /proc/meminfo");
        return 1;
    }
    fclose(f);
    text[n] = '\0';

    unsigned long total = get(text, "MemTotal"), mfree = get(text, "MemFree");
    unsigned long cache = get(text, "Buffers") + get(text, "Cached") + get(text, "SReclaimable");
    int found;
    unsigned long avail = field(text, "MemAvailable", &found);
    if (!found)
        avail = mfree + cache;
    unsigned long used = total > avail ? total - avail : 0;
    unsigned long stotal = get(text, "SwapTotal"), sfree = get(text, "SwapFree");

    printf("%-9s%11s %11s %11s %11s %11s %11s\n", "", "total", "used", "free", "shared",
           "buff/cache", "available");
    printf("%-9s%11lu %11lu %11lu %11lu %11lu %11lu\n", "Mem:", total >> shift, used >> shift,
           mfree >> shift, get(text, "Shmem") >> shift, cache >> shift, avail >> shift);
    printf("%-9s%11lu %11lu %11lu\n", "Swap:", stotal >> shift, (stotal - sfree) >> shift,
           sfree >> shift);
    return 0;
}
