/*
 * pmap: the regions of a process's address space, and how much of each
 * is really in memory (like procps `pmap -x`).
 *
 *      pmap [PID]          (no PID: pmap itself)
 *
 *      3:   /bin/sh
 *      Address           Kbytes     RSS Mode  Mapping
 *      0000000000400000      24      24 r-x-- sh
 *      0000000000406000       4       4 rw--- sh
 *      0000000000407000       8       4 rw---   [ anon ]
 *      0000000000409000     132       8 rw---   [heap]
 *      00007fffff7de000     136       8 rw---   [stack]
 *      ---------------- ------- -------
 *      total kB             304      48
 *
 * Kbytes is the size of the region (the address space it takes); RSS is
 * how much of it has a physical page right now ("resident"). They differ
 * because of demand paging: a page gets a frame only when it is first
 * touched.
 *
 * Where it comes from:
 *   /proc/PID/maps     one line per region: "start-end perms offset dev
 *                      inode name" (the Mode column is perms: r, w, x, and
 *                      s for a shared mapping)
 *   /proc/PID/pagemap  8 bytes per virtual page, at offset (address / 4096)
 *                      * 8; bit 63 says "present", bits 0-54 are the frame
 *                      number
 */
#include <ctype.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PAGE_SIZE 4096ul
#define PRESENT   (1ull << 63)

static int usage(void)
{
    fprintf(stderr, "usage: pmap PID\n");
    return 1;
}

/* How many pages of [start, end) are present, from pagemap; -1 if it
 * cannot be read. */
static long resident_pages(int pagemap, unsigned long start, unsigned long end)
{
    static uint64_t entry[512];             /* one read covers 2 MiB */
    long present = 0;
    for (unsigned long va = start; va < end;) {
        unsigned long n = (end - va) / PAGE_SIZE;
        if (n > 512)
            n = 512;
        ssize_t got = pread(pagemap, entry, n * 8, (off_t)(va / PAGE_SIZE * 8));
        if (got <= 0)
            return -1;
        for (long i = 0; i < got / 8; i++)
            if (entry[i] & PRESENT)
                present++;
        va += (unsigned long)got / 8 * PAGE_SIZE;
    }
    return present;
}

/* The Mapping column: a file's base name, "[heap]" and friends as they
 * are, "[ anon ]" for anonymous memory without a name. */
static const char *mapping_name(const char *name)
{
    static char bracketed[400];
    if (!*name)
        return "  [ anon ]";
    if (name[0] == '[') {
        snprintf(bracketed, sizeof bracketed, "  %s", name);
        return bracketed;
    }
    const char *slash = strrchr(name, '/');
    return slash ? slash + 1 : name;
}

/* The first line: "PID:   command line". */
static void print_title(const char *pid)
{
    char path[64], cmd[256];
    snprintf(path, sizeof path, "/proc/%s/cmdline", pid);
    int fd = open(path, O_RDONLY);
    ssize_t n = fd >= 0 ? read(fd, cmd, sizeof cmd - 1) : -1;
    if (fd >= 0)
        close(fd);
    if (n < 0)
        n = 0;
    for (ssize_t i = 0; i < n; i++)
        if (cmd[i] == '\0')
            cmd[i] = i == n - 1 ? '\0' : ' ';   /* arguments are NUL-separated */
    cmd[n] = '\0';
    printf("%s:   %s\n", pid, cmd);
}

int main(int argc, char **argv)
{
    char pid[16] = "self";
    if (argc > 2)
        return usage();
    if (argc == 2) {
        if (!*argv[1] || strlen(argv[1]) >= sizeof pid)
            return usage();
        for (const char *c = argv[1]; *c; c++)
            if (!isdigit((unsigned char)*c))
                return usage();
        strcpy(pid, argv[1]);
    } else {
        snprintf(pid, sizeof pid, "%d", getpid());
    }

    char path[64];
    snprintf(path, sizeof path, "/proc/%s/maps", pid);
    FILE *maps = fopen(path, "r");
    if (!maps) {
        fprintf(stderr, "pmap: cannot read %s: no such process?\n", path);
        return 1;
    }
    snprintf(path, sizeof path, "/proc/%s/pagemap", pid);
    int pagemap = open(path, O_RDONLY);

    print_title(pid);
    printf("Address           Kbytes     RSS Mode  Mapping\n");
    unsigned long total_kb = 0, total_rss_kb = 0;
    char line[512];
    while (fgets(line, sizeof line, maps)) {
        unsigned long start, end;
        char perms[8], name[384] = "";
        /* "00400000-00406000 r-xp 00000000 00:01 12   /bin/sh" */
        if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %383[^\n]", &start, &end, perms, name) < 3)
            continue;
        char mode[6] = {
            perms[0], perms[1], perms[2], perms[3] == 's' ? 's' : '-', '-', '\0'
        };
        unsigned long kb = (end - start) / 1024;
        long rss = pagemap >= 0 ? resident_pages(pagemap, start, end) : -1;
        total_kb += kb;
        if (rss >= 0) {
            total_rss_kb += (unsigned long)rss * (PAGE_SIZE / 1024);
            printf("%016lx %7lu %7lu %s %s\n", start, kb, (unsigned long)rss * 4, mode,
                   mapping_name(name));
        } else {                            /* e.g. [vsyscall], above user space */
            printf("%016lx %7lu %7s %s %s\n", start, kb, "-", mode, mapping_name(name));
        }
    }
    fclose(maps);
    if (pagemap >= 0)
        close(pagemap);
    printf("---------------- ------- -------\n");
    if (pagemap >= 0)
        printf("total kB         %7lu %7lu\n", total_kb, total_rss_kb);
    else
        printf("total kB         %7lu %7s   (RSS unknown: cannot read %s)\n", total_kb, "-",
               path);
    return 0;
}
