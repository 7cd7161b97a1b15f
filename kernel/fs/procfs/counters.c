/*
 * counters.c: the per-CPU event counters: /proc/weft and /proc/interrupts.
 *
 * Every CPU counts its own events in this_cpu()->stats (percpu.h) without
 * any lock: only that CPU writes them. Reading another CPU's counters
 * here without a lock may see a value one event old, which is fine for
 * statistics.
 *
 * /proc/weft is weft's own file, made for tests and benchmarks to read
 * (docs/proc.md describes it): a comment line, then one line per counter,
 * the counter's name and one column per CPU,
 *
 *      # weft per-CPU counters: see docs/proc.md
 *      context_switches 1234
 *      cr3_loads 567
 *      ...
 *      free_frames 51234           (machine-wide: one column)
 *      total_frames 61440
 *
 * so a benchmark can read it before and after and subtract.
 *
 * /proc/interrupts has Linux's layout: a "CPUn" header, a line per IRQ
 * (weft counts only the timer's, IRQ 0, on the 8259 PIC, which Linux
 * calls XT-PIC), then lines for other events named by three letters as
 * Linux's NMI:/LOC:/RES: are. Linux has no such lines; these are weft's:
 *
 *      SYS  system calls           EXC  CPU exceptions (page faults included)
 *      PGF  page faults            CSW  context switches
 */
#include "procfs.h"
#include "frame.h"
#include "percpu.h"
#include <stddef.h>

static const struct {
    const char *name;
    size_t offset;                  /* in struct cpu_stats */
} counters[] = {
#define C(f) { #f, offsetof(struct cpu_stats, f) }
    C(context_switches), C(cr3_loads), C(tlb_flushes), C(tlb_page_flushes), C(syscalls),
    C(interrupts), C(exceptions), C(page_faults), C(timer_ticks),
#undef C
};
#define NCOUNTERS (sizeof counters / sizeof counters[0])

static uint64_t counter(int cpu, size_t offset)
{
    const char *stats = (const char *)&cpus[cpu].stats;
    return *(const volatile uint64_t *)(stats + offset);
}

int procfs_show_weft(struct procbuf *pb)
{
    pb_printf(pb, "# weft per-CPU counters: see docs/proc.md\n");
    for (size_t i = 0; i < NCOUNTERS; i++) {
        pb_printf(pb, "%s", counters[i].name);
        for (int cpu = 0; cpu < ncpus; cpu++)
            pb_printf(pb, " %lu", counter(cpu, counters[i].offset));
        pb_putc(pb, '\n');
    }
    pb_printf(pb, "free_frames %lu\n", (unsigned long)frame_free_count());
    pb_printf(pb, "total_frames %lu\n", (unsigned long)frame_total_count());
    return 0;
}

#define IRQ_PREC 3                  /* width of the IRQ number column (Linux's prec) */

/* One row: the label, a count per CPU, then the description. */
static void irq_row(struct procbuf *pb, const char *label, size_t offset, const char *what)
{
    pb_printf(pb, "%*s: ", IRQ_PREC, label);
    for (int cpu = 0; cpu < ncpus; cpu++)
        pb_printf(pb, "%10lu ", counter(cpu, offset));
    pb_printf(pb, "%s\n", what);
}

int procfs_show_interrupts(struct procbuf *pb)
{
    pb_printf(pb, "%*s", IRQ_PREC + 8, "");
    for (int cpu = 0; cpu < ncpus; cpu++)
        pb_printf(pb, "CPU%-8d", cpu);
    pb_putc(pb, '\n');
    irq_row(pb, "0", offsetof(struct cpu_stats, timer_ticks), "   XT-PIC  timer");
    irq_row(pb, "SYS", offsetof(struct cpu_stats, syscalls), "  System calls");
    irq_row(pb, "EXC", offsetof(struct cpu_stats, exceptions), "  CPU exceptions");
    irq_row(pb, "PGF", offsetof(struct cpu_stats, page_faults), "  Page faults");
    irq_row(pb, "CSW", offsetof(struct cpu_stats, context_switches), "  Context switches");
    return 0;
}
