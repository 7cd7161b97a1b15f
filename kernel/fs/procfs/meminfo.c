/*
 * meminfo.c: /proc/meminfo, the machine's memory at a glance.
 *
 *      MemTotal:         245760 kB
 *      MemFree:          230412 kB
 *      ...
 *
 * Linux's format: the label padded to 16 columns, the number in 8, "kB".
 * `free` reads MemTotal, MemFree, MemAvailable, Buffers, Cached and the
 * Swap lines, so those come first, in Linux's order.
 *
 *   MemTotal      frames the allocator manages (RAM less the kernel image,
 *                 firmware areas and boot modules)
 *   MemFree       frames free now
 *   MemAvailable  = MemFree: weft cannot reclaim anything (its page cache
 *                 is the files' only copy: there is no disk behind it)
 *   Cached        frames in the page cache: file contents and program text
 *   Buffers, Swap*, Dirty, Writeback, Shmem   0: weft has no block devices,
 *                 no swap and no tmpfs
 */
#include "procfs.h"
#include "frame.h"

static void show_kb(struct procbuf *pb, const char *label, uint64_t kb)
{
    pb_printf(pb, "%-16s%8lu kB\n", label, kb);
}

int procfs_show_meminfo(struct procbuf *pb)
{
    uint64_t total = (uint64_t)frame_total_count() * (PAGE_SIZE / 1024);
    uint64_t free = (uint64_t)frame_free_count() * (PAGE_SIZE / 1024);
    uint64_t cached = pagecache_total() * (PAGE_SIZE / 1024);
    show_kb(pb, "MemTotal:", total);
    show_kb(pb, "MemFree:", free);
    show_kb(pb, "MemAvailable:", free);
    show_kb(pb, "Buffers:", 0);
    show_kb(pb, "Cached:", cached);
    show_kb(pb, "SwapCached:", 0);
    show_kb(pb, "SwapTotal:", 0);
    show_kb(pb, "SwapFree:", 0);
    show_kb(pb, "Dirty:", 0);
    show_kb(pb, "Writeback:", 0);
    show_kb(pb, "Shmem:", 0);
    return 0;
}
