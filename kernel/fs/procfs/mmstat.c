/*
 * mmstat.c: how much memory an address space uses, for the Vm* and Rss*
 * lines of /proc/PID/status and the vsize and rss fields of stat.
 *
 * Two different questions, as on Linux:
 *
 *   virtual size (VmSize, VmData, VmStk, VmExe)  how much address space the
 *       regions cover: added up from the VMA list. Most of it may never
 *       have been touched (demand paging), so this is usually far bigger
 *       than the resident size.
 *   resident size (VmRSS, RssFile, RssAnon)  how many pages are actually
 *       mapped to frames now: found by walking the page tables.
 *
 * RssFile counts the frames that belong to the page cache (PG_CACHE):
 * program text, and data pages not yet written. A private file page that
 * was written to has been copied (copy-on-write) into an anonymous frame,
 * and so counts in RssAnon, like the heap and the stack. RssShmem is
 * anonymous memory mapped MAP_SHARED.
 *
 * VmPTE is the page-table frames below the PML4 (PDPTs, PDs, PTs),
 * counted exactly, as Linux's pgtables_bytes does.
 */
#include "procfs.h"
#include "frame.h"
#include "mm.h"
#include "string.h"

/* Count v's resident frames that are file pages or shared-anonymous ones;
 * the rest of mm->rss is private anonymous memory. */
static void count_resident(struct mm *mm, struct vma *v, struct mm_usage *u)
{
    for (uint64_t va = v->start; va < v->end; va += PAGE_SIZE) {
        pte_t *e = pt_walk(mm->pml4, va, false);
        if (!e) {
            va = pt_skip_table(va);                     /* no table: skip its 2 MiB */
            continue;
        }
        if (!pte_has_frame(*e) || (PTE_ADDR(*e) >> PAGE_SHIFT) >= max_pfn)
            continue;
        if (pa_to_page(PTE_ADDR(*e))->flags & PG_CACHE)
            u->rss_file++;
        else if (v->flags & VM_SHARED)
            u->rss_shmem++;
    }
}

/* Page-table frames of the user half (PML4 entries 0..255). */
static uint64_t count_page_tables(pte_t *pml4)
{
    uint64_t n = 0;
    for (int i = 0; i < 256; i++) {
        if (!(pml4[i] & PTE_P))
            continue;
        n++;                                        /* a PDPT */
        pte_t *pdpt = phys_to_virt(PTE_ADDR(pml4[i]));
        for (int j = 0; j < 512; j++) {
            if (!(pdpt[j] & PTE_P) || (pdpt[j] & PTE_PS))
                continue;
            n++;                                    /* a PD */
            pte_t *pd = phys_to_virt(PTE_ADDR(pdpt[j]));
            for (int k = 0; k < 512; k++)
                if ((pd[k] & PTE_P) && !(pd[k] & PTE_PS))
                    n++;                            /* a PT */
        }
    }
    return n;
}

void procfs_mm_usage(struct mm *mm, struct mm_usage *u)
{
    memset(u, 0, sizeof *u);
    spin_lock(&mm->lock);
    struct vma *v;
    list_for_each_entry(v, &mm->vmas, link) {
        uint64_t size = v->end - v->start;
        u->total_vm += size;
        /* Linux's classes (mm/internal.h): stack, private writable
         * (data), executable and not writable (text and libraries). */
        if (v->flags & VM_GROWSDOWN)
            u->stack_vm += size;
        else if ((v->flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
            u->data_vm += size;
        if ((v->flags & (VM_EXEC | VM_WRITE | VM_GROWSDOWN)) == VM_EXEC)
            u->exec_vm += size;
        count_resident(mm, v, u);
    }
    if (mm->end_code > mm->start_code)
        u->text = PAGE_ROUND_UP(mm->end_code) - PAGE_ROUND_DOWN(mm->start_code);
    /* The three Rss* lines add up to VmRSS, as on Linux. */
    u->rss = mm->rss;
    u->rss_anon = u->rss > u->rss_file + u->rss_shmem ? u->rss - u->rss_file - u->rss_shmem : 0;
    u->hiwater_rss = mm->hiwater_rss > mm->rss ? mm->hiwater_rss : mm->rss;
    u->pt_pages = mm->pml4 ? count_page_tables(mm->pml4) : 0;
    spin_unlock(&mm->lock);
}
