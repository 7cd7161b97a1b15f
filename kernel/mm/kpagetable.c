/*
 * kpagetable.c: the kernel's own page tables, built once at boot.
 *
 * They replace the boot tables of boot/entry.S, which mapped 1 GiB with
 * every permission, by a map with nothing extra in it:
 *
 *   kernel image    text R-X, rodata R--, data and bss RW- NX, 4 KiB pages
 *   direct map      all usable RAM, RW- NX, 1 GiB / 2 MiB pages where aligned
 *   VGA text        the one device page the console needs, RW- NX uncached
 *
 * The identity map is gone, so a NULL dereference in the kernel faults.
 * Every kernel entry is global (PTE_G): CR3 reloads on a process switch do
 * not evict them from the TLB. Every user address space shares the kernel
 * half of this PML4 (pt_new_pml4): the PDPTs below entries 256..511 exist
 * from boot on, so a kernel mapping added later (a kernel stack in the
 * vmalloc area) is seen by all address spaces at once.
 */
#include "bootinfo.h"
#include "frame.h"
#include "kprintf.h"
#include "paging.h"
#include "string.h"
#include "x86.h"

pte_t *kernel_pml4;
paddr_t kernel_pml4_pa;

extern char _text_start[], _text_end[], _rodata_start[], _rodata_end[];
extern char _data_start[], _kernel_end[];

static void map_or_panic(uint64_t va, paddr_t pa, uint64_t len, pte_t flags, bool large)
{
    if (pt_map_range(kernel_pml4, va, pa, len, flags, large) < 0)
        panic("kpagetable: out of memory mapping %#lx", (unsigned long)va);
}

static void map_section(char *start, char *end, pte_t flags)
{
    map_or_panic((uint64_t)start, virt_to_phys(start), (uint64_t)(end - start), flags | PTE_G,
                 false);
}

void kpagetable_init(void)
{
    kernel_pml4_pa = frame_alloc_zeroed();
    if (!kernel_pml4_pa)
        panic("kpagetable: no frame for the PML4");
    kernel_pml4 = phys_to_virt(kernel_pml4_pa);

    /* The kernel half's PDPTs, made now so that every address space
     * shares them (see above). */
    for (int i = 256; i < 512; i++) {
        paddr_t pdpt = frame_alloc_zeroed();
        if (!pdpt)
            panic("kpagetable: no frame for a kernel PDPT");
        kernel_pml4[i] = pdpt | PTE_P | PTE_W;
    }

    map_section(_text_start, _text_end, 0);                       /* R-X */
    map_section(_rodata_start, _rodata_end, pte_nx);              /* R-- */
    map_section(_data_start, _kernel_end, PTE_W | pte_nx);        /* RW- */

    for (int i = 0; i < boot_info.nmem; i++) {
        const struct mem_region *r = &boot_info.mem[i];
        if (r->type != MEM_USABLE)
            continue;
        uint64_t start = PAGE_ROUND_DOWN(r->base);
        uint64_t end = PAGE_ROUND_UP(r->base + r->len);
        map_or_panic(DIRECT_MAP_BASE + start, start, end - start, PTE_W | PTE_G | pte_nx, true);
    }

    /* VGA text memory is not RAM; map its one page explicitly. */
    map_or_panic(DIRECT_MAP_BASE + 0xb8000, 0xb8000, PAGE_SIZE,
                 PTE_W | PTE_G | PTE_PCD | pte_nx, false);

    write_cr3(kernel_pml4_pa);
}

pte_t *pt_new_pml4(void)
{
    paddr_t pa = frame_alloc_zeroed();
    if (!pa)
        return NULL;
    pte_t *pml4 = phys_to_virt(pa);
    memcpy(&pml4[256], &kernel_pml4[256], 256 * sizeof(pte_t));
    return pml4;
}
