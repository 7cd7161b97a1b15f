/*
 * sysinfo.c: what the machine and kernel are: /proc/version, /proc/cpuinfo
 * and /proc/mounts.
 *
 * /proc/cpuinfo has Linux's "name\t: value" blocks, one per CPU, with the
 * fields weft knows from CPUID (arch/x86_64/cpu.c). The flags line lists,
 * in Linux's order and spelling, the features every x86-64 CPU has plus
 * those weft tests for and uses: nx (no-execute pages), pge (global
 * pages), pdpe1gb (1 GiB pages), fsgsbase, smep, smap and umip.
 *
 * /proc/mounts lists the two file systems weft mounts (fs/mount.c): the
 * ramfs root and procfs on /proc. /dev is a ramfs directory, not a mount.
 */
#include "procfs.h"
#include "clock.h"
#include "cpu.h"
#include "percpu.h"
#include "version.h"

int procfs_show_version(struct procbuf *pb)
{
    pb_printf(pb, "weft version %s (root@weft) (gcc version %s) #1 %s\n", WEFT_VERSION,
              __VERSION__, WEFT_BUILD_DATE);
    return 0;
}

static void show_flags(struct procbuf *pb)
{
    const struct cpu_features *f = &cpu_features;
    pb_printf(pb, "flags\t\t: fpu tsc msr pae cx8%s cmov fxsr sse sse2 syscall%s%s lm",
              f->pge ? " pge" : "", f->nx ? " nx" : "", f->pdpe1gb ? " pdpe1gb" : "");
    pb_printf(pb, "%s%s%s%s\n", f->fsgsbase ? " fsgsbase" : "", f->smep ? " smep" : "",
              f->smap ? " smap" : "", f->umip ? " umip" : "");
}

int procfs_show_cpuinfo(struct procbuf *pb)
{
    const char *model = cpu_features.brand;
    while (*model == ' ')
        model++;                    /* Intel pads the brand string on the left */
    for (int i = 0; i < ncpus; i++) {
        pb_printf(pb, "processor\t: %d\n", i);
        pb_printf(pb, "vendor_id\t: %s\n", cpu_features.vendor);
        pb_printf(pb, "model name\t: %s\n", model);
        pb_printf(pb, "cpu MHz\t\t: %lu.%03lu\n", tsc_khz / 1000, tsc_khz % 1000);
        pb_printf(pb, "physical id\t: 0\nsiblings\t: %d\ncore id\t\t: %d\ncpu cores\t: %d\n",
                  ncpus, i, ncpus);
        pb_printf(pb, "fpu\t\t: yes\nfpu_exception\t: yes\nwp\t\t: yes\n");
        show_flags(pb);
        pb_printf(pb, "bogomips\t: %lu.%02lu\n", tsc_khz * 2 / 1000, (tsc_khz * 2 % 1000) / 10);
        pb_printf(pb, "clflush size\t: 64\ncache_alignment\t: 64\n\n");
    }
    return 0;
}

int procfs_show_mounts(struct procbuf *pb)
{
    pb_printf(pb, "none / ramfs rw 0 0\n");
    pb_printf(pb, "proc /proc proc rw 0 0\n");
    return 0;
}
