/*
 * bsssize: bss costs nothing in the file and nothing in memory until it
 * is touched (claim A3).
 *
 * 1. The file. /bin/bss_data and /bin/bss_zero are one program built
 *    twice (user/demos/bss_zero.c and bss_data.c): with a 1 MiB array
 *    initialised, `static char big[1 << 20] = {1};`, which goes in .data
 *    and is stored byte by byte in the executable; and uninitialised,
 *    `static char big[1 << 20];`, which goes in .bss, of which the file
 *    only records the size. We stat() both files and compare, then run
 *    both to see that each array holds what its source says.
 *
 * 2. Memory. Our own 1 MiB bss array starts with no physical pages at
 *    all. We touch half of its pages (they read as zero) and watch VmRSS
 *    in /proc/self/status grow by that half only: pages are given out on
 *    the first touch ("demand paging"), zero-filled.
 *
 * The last line is "bsssize: ok" (exit 0) or "bsssize: WRONG: ..." (exit 1).
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "demo.h"

#define PAGE 4096
#define MIB (1 << 20)

static char lazy[MIB] __attribute__((aligned(PAGE)));     /* bss */

static int wrong(const char *why)
{
    printf("bsssize: WRONG: %s\n", why);
    return 1;
}

/* Run a program; 1 if it exits 0. Its output goes to ours. */
static int runs_ok(const char *path)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        execl(path, path, (char *)NULL);
        printf("cannot run %s\n", path);
        _exit(127);
    }
    int st;
    return pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

int main(int argc, char **argv)
{
    (void)argc;
    /* The two builds live next to us (/bin). */
    char dir[256] = "/bin", data[300], zero[300];
    const char *slash = strrchr(argv[0], '/');
    if (slash && slash != argv[0])
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - argv[0]), argv[0]);
    snprintf(data, sizeof data, "%s/bss_data", dir);
    snprintf(zero, sizeof zero, "%s/bss_zero", dir);

    /* 1. The files. */
    struct stat sd, sz;
    if (stat(data, &sd) < 0 || stat(zero, &sz) < 0)
        return wrong("cannot stat bss_data and bss_zero");
    long diff = (long)sd.st_size - (long)sz.st_size;
    printf("%-14s %8ld bytes   static char big[1 << 20] = {1};  (in .data)\n", data,
           (long)sd.st_size);
    printf("%-14s %8ld bytes   static char big[1 << 20];        (in .bss)\n", zero,
           (long)sz.st_size);
    printf("difference     %8ld bytes   (1 MiB is %d bytes)\n", diff, MIB);
    printf("The initialised array makes the file 1 MiB bigger; the uninitialised one "
           "costs nothing in the file.\n\n");
    if (diff < MIB || diff > MIB + 64 * 1024)
        return wrong("the two files do not differ by about 1 MiB");
    if (sz.st_size > MIB)
        return wrong("bss_zero is bigger than its array: is big[] in the file?");
    if (!runs_ok(data) || !runs_ok(zero))
        return wrong("bss_data or bss_zero did not find its array as the source says");

    /* 2. Memory. */
    long before = status_field("VmRSS"); /* kB */
    int pages = MIB / PAGE, touched = 0, nonzero = 0;
    for (int i = 0; i < pages; i += 2) {        /* every other page */
        nonzero += lazy[i * PAGE] != 0;
        lazy[i * PAGE] = 1;
        touched++;
    }
    long after = status_field("VmRSS");
    printf("\nOur own bss array lazy[] is %d kB (%d pages). VmRSS (memory really in use):\n",
           MIB / 1024, pages);
    printf("  before touching it:                %6ld kB\n", before);
    printf("  after touching every other page:   %6ld kB  (+%ld kB; %d pages are %d kB)\n",
           after, after - before, touched, touched * PAGE / 1024);
    printf("Each page read as zero the first time (%d did not), and only the %d touched\n"
           "pages got memory: bss is zero-filled on demand, page by page.\n\n",
           nonzero, touched);
    if (before < 0 || after < 0)
        return wrong("cannot read VmRSS from /proc/self/status");
    if (nonzero)
        return wrong("a bss page did not read as zero");
    long expect = touched * PAGE / 1024;
    if (after - before < expect || after - before > expect + 64)
        return wrong("VmRSS did not grow by about the pages touched");
    printf("bsssize: ok\n");
    return 0;
}
