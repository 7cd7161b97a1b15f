/*
 * t_mem.h: a process's memory as /proc shows it to the vm_* programs:
 * VmRSS and friends (/proc/self/status), minor page faults
 * (/proc/self/stat) and the physical page behind an address
 * (/proc/PID/pagemap: bit 63 present, bits 0-54 the frame number).
 * All read with t_read_file, which allocates nothing.
 */
#ifndef WEFT_T_MEM_H
#define WEFT_T_MEM_H

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "t.h"

#define PAGE 4096ul

/* A "Name:   123 kB" line of /proc/self/status ("VmRSS:"), or -1. */
static inline long status_kb(const char *field)
{
    static char buf[4096];
    if (t_read_file("/proc/self/status", buf, sizeof buf) < 0)
        return -1;
    char *p = strstr(buf, field);
    return p ? strtol(p + strlen(field) + 1, NULL, 10) : -1;
}

/* Minor page faults so far: field 10 of /proc/self/stat (after "(comm)"). */
static inline long minflt(void)
{
    static char buf[1024];
    if (t_read_file("/proc/self/stat", buf, sizeof buf) < 0)
        return -1;
    char *p = strrchr(buf, ')');
    for (int field = 2; p && field < 10; field++)
        p = strchr(p + 1, ' ');
    return p ? strtol(p + 1, NULL, 10) : -1;
}

/* The 64-bit /proc/PID/pagemap entry (pid 0: ours) of the page holding
 * addr; 0 if it cannot be read. */
static inline uint64_t pagemap_of(int pid, uintptr_t addr)
{
    char path[64];
    if (pid)
        snprintf(path, sizeof path, "/proc/%d/pagemap", pid);
    else
        snprintf(path, sizeof path, "/proc/self/pagemap");
    uint64_t e = 0;
    int fd = open(path, O_RDONLY);
    if (fd >= 0) {
        if (pread(fd, &e, 8, (off_t)(addr / PAGE * 8)) != 8)
            e = 0;
        close(fd);
    }
    return e;
}

/* Our own pagemap entry for addr. */
static inline uint64_t pagemap(const void *addr)
{
    return pagemap_of(0, (uintptr_t)addr);
}
#define PRESENT(e) ((e) >> 63 & 1)
#define PFN(e)     ((e) & ((1ull << 55) - 1))

#endif
