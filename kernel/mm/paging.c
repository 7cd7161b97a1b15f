/*
 * paging.c: build, walk and tear down four-level page tables.
 *
 * Tables are frames from the frame allocator, reached through the direct
 * map (phys_to_virt). Nothing here flushes the TLB: the caller decides
 * whether one page (invlpg) or the whole address space (a CR3 reload)
 * needs it, and counts it.
 */
#include "paging.h"
#include "errno.h"
#include "frame.h"

pte_t pte_nx;
bool pt_allow_1g;

static pte_t *table_of(pte_t e)
{
    return phys_to_virt(PTE_ADDR(e));
}

/* The entry for va in the table one level down, creating it if asked.
 * Intermediate entries are permissive (writable, user if va is a user
 * address): the leaf entry decides the page's real permissions. */
static pte_t *next_level(pte_t *table, unsigned index, uint64_t va, bool create)
{
    pte_t *e = &table[index];
    if (*e & PTE_P)
        return (*e & PTE_PS) ? NULL : table_of(*e);
    if (!create)
        return NULL;
    paddr_t pa = frame_alloc_zeroed();
    if (pa == 0)
        return NULL;
    *e = pa | PTE_P | PTE_W | (va < USER_TOP ? PTE_U : 0);
    return table_of(*e);
}

pte_t *pt_walk(pte_t *pml4, uint64_t va, bool create)
{
    pte_t *pdpt = next_level(pml4, PML4_INDEX(va), va, create);
    if (!pdpt)
        return NULL;
    pte_t *pd = next_level(pdpt, PDPT_INDEX(va), va, create);
    if (!pd)
        return NULL;
    pte_t *pt = next_level(pd, PD_INDEX(va), va, create);
    if (!pt)
        return NULL;
    return &pt[PT_INDEX(va)];
}

int pt_map(pte_t *pml4, uint64_t va, paddr_t pa, pte_t flags)
{
    pte_t *e = pt_walk(pml4, va, true);
    if (!e)
        return -ENOMEM;
    *e = (pa & PTE_ADDR_MASK) | flags | PTE_P;
    return 0;
}

int pt_map_range(pte_t *pml4, uint64_t va, paddr_t pa, uint64_t len, pte_t flags, bool large)
{
    uint64_t end = va + len;
    while (va < end) {
        uint64_t left = end - va;
        bool aligned_1g = ((va | pa) & (SIZE_1G - 1)) == 0;
        bool aligned_2m = ((va | pa) & (SIZE_2M - 1)) == 0;
        if (large && pt_allow_1g && aligned_1g && left >= SIZE_1G) {
            pte_t *pdpt = next_level(pml4, PML4_INDEX(va), va, true);
            if (!pdpt)
                return -ENOMEM;
            pdpt[PDPT_INDEX(va)] = pa | flags | PTE_P | PTE_PS;
            va += SIZE_1G, pa += SIZE_1G;
        } else if (large && aligned_2m && left >= SIZE_2M) {
            pte_t *pdpt = next_level(pml4, PML4_INDEX(va), va, true);
            pte_t *pd = pdpt ? next_level(pdpt, PDPT_INDEX(va), va, true) : NULL;
            if (!pd)
                return -ENOMEM;
            pd[PD_INDEX(va)] = pa | flags | PTE_P | PTE_PS;
            va += SIZE_2M, pa += SIZE_2M;
        } else {
            if (pt_map(pml4, va, pa, flags) < 0)
                return -ENOMEM;
            va += PAGE_SIZE, pa += PAGE_SIZE;
        }
    }
    return 0;
}

pte_t pt_unmap(pte_t *pml4, uint64_t va)
{
    pte_t *e = pt_walk(pml4, va, false);
    if (!e || !(*e & PTE_P))
        return 0;
    pte_t old = *e;
    *e = 0;
    return old;
}

paddr_t pt_translate(pte_t *pml4, uint64_t va, pte_t *flags)
{
    pte_t e = pml4[PML4_INDEX(va)];
    if (!(e & PTE_P))
        return 0;
    e = table_of(e)[PDPT_INDEX(va)];
    if (!(e & PTE_P))
        return 0;
    if (e & PTE_PS) {                       /* a 1 GiB page */
        if (flags)
            *flags = e & ~PTE_ADDR_MASK;
        return PTE_ADDR(e) + (va & (SIZE_1G - 1));
    }
    e = table_of(e)[PD_INDEX(va)];
    if (!(e & PTE_P))
        return 0;
    if (e & PTE_PS) {                       /* a 2 MiB page */
        if (flags)
            *flags = e & ~PTE_ADDR_MASK;
        return PTE_ADDR(e) + (va & (SIZE_2M - 1));
    }
    e = table_of(e)[PT_INDEX(va)];
    if (!(e & PTE_P))
        return 0;
    if (flags)
        *flags = e & ~PTE_ADDR_MASK;
    return PTE_ADDR(e) + (va & (PAGE_SIZE - 1));
}

/* Free a table and, below level 'level' (3 = PDPT, 2 = PD, 1 = PT), the
 * tables it points to. Leaf pages are not touched. */
static void free_table(pte_t *table, int level)
{
    if (level > 1) {
        for (int i = 0; i < 512; i++)
            if ((table[i] & PTE_P) && !(table[i] & PTE_PS))
                free_table(table_of(table[i]), level - 1);
    }
    frame_put(virt_to_phys(table));
}

void pt_free_user(pte_t *pml4)
{
    for (int i = 0; i < 256; i++)
        if (pml4[i] & PTE_P)
            free_table(table_of(pml4[i]), 3);
    frame_put(virt_to_phys(pml4));
}
