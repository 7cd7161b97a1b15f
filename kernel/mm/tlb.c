/*
 * tlb.c: keeping the TLB honest after page-table changes.
 *
 * The TLB caches translations. After removing or restricting a mapping
 * the stale entry must go: invlpg drops one page, a CR3 write drops all
 * non-global entries. Only the CPU that has the address space loaded can
 * hold entries for it; with one CPU that is this one or none. (With more,
 * the others would get an inter-processor interrupt: a "TLB shootdown".)
 */
#include "mm.h"
#include "percpu.h"
#include "x86.h"

void tlb_flush_page(struct mm *mm, uint64_t va)
{
    struct cpu *c = this_cpu();
    if (c->active_mm != mm)
        return;
    invlpg(va);
    c->stats.tlb_page_flushes++;
}

void tlb_flush_mm(struct mm *mm)
{
    struct cpu *c = this_cpu();
    if (c->active_mm != mm)
        return;
    write_cr3(mm->pml4_pa);
    c->stats.cr3_loads++;
    c->stats.tlb_flushes++;
}
