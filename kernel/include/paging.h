/*
 * paging.h: x86-64 four-level page tables (mm/paging.c).
 *
 * A virtual address splits into four 9-bit table indices and a 12-bit
 * offset (Intel SDM vol. 3, 4.5):
 *
 *   63    48 47     39 38     30 29     21 20     12 11         0
 *  | sign   | PML4    | PDPT    | PD      | PT      | offset      |
 *
 * Each table is one 4 KiB frame of 512 eight-byte entries. An entry holds
 * the physical address of the next table (or of the page) and flag bits.
 */
#ifndef WEFT_PAGING_H
#define WEFT_PAGING_H

#include "memlayout.h"
#include <stdbool.h>
#include <stdint.h>

typedef uint64_t pte_t;

#define PTE_P       (1ull << 0)     /* present */
#define PTE_W       (1ull << 1)     /* writable */
#define PTE_U       (1ull << 2)     /* user mode may access */
#define PTE_PWT     (1ull << 3)
#define PTE_PCD     (1ull << 4)     /* cache disabled (device memory) */
#define PTE_A       (1ull << 5)     /* accessed: set by the CPU */
#define PTE_D       (1ull << 6)     /* dirty: set by the CPU on a write */
#define PTE_PS      (1ull << 7)     /* large page (in a PDPT or PD entry) */
#define PTE_G       (1ull << 8)     /* global: survives CR3 writes (needs CR4.PGE) */
#define PTE_COW     (1ull << 9)     /* software bit: copy on write (mm/fault.c) */
#define PTE_PROTNONE (1ull << 10)   /* software bit: a frame kept under PROT_NONE, not present */
#define PTE_NX      (1ull << 63)    /* no execute (needs EFER.NXE) */

#define PTE_ADDR_MASK 0x000ffffffffff000ull

#define PML4_INDEX(va)  (((uint64_t)(va) >> 39) & 511)
#define PDPT_INDEX(va)  (((uint64_t)(va) >> 30) & 511)
#define PD_INDEX(va)    (((uint64_t)(va) >> 21) & 511)
#define PT_INDEX(va)    (((uint64_t)(va) >> 12) & 511)

#define PTE_ADDR(e)     ((paddr_t)((e) & PTE_ADDR_MASK))

#define SIZE_2M (1ull << 21)
#define SIZE_1G (1ull << 30)

/* Does the entry hold a frame (mapped, or parked by PROT_NONE)? */
static inline bool pte_has_frame(pte_t e)
{
    return (e & (PTE_P | PTE_PROTNONE)) != 0;
}

/* In a loop over pages that found no page table for va: the last page
 * that missing table would have covered, so that the loop's next
 * `va += PAGE_SIZE` lands on the first page of the next 2 MiB. */
static inline uint64_t pt_skip_table(uint64_t va)
{
    return (va | (SIZE_2M - 1)) + 1 - PAGE_SIZE;
}

/* Canonical: bits 63..47 all equal bit 47. Anything else faults (#GP). */
static inline bool is_canonical(uint64_t va)
{
    return (uint64_t)((int64_t)(va << 16) >> 16) == va;
}

/* The NX bit, or 0 when the CPU has none; whether 1 GiB pages may be
 * used. Both set once by cpu_init(). */
extern pte_t pte_nx;
extern bool pt_allow_1g;

/* Return the level-1 entry (PTE) for va, creating missing tables when
 * 'create' (with user access in the intermediate entries when va is a user
 * address). NULL if absent, out of memory, or covered by a large page. */
pte_t *pt_walk(pte_t *pml4, uint64_t va, bool create);

/* Map one 4 KiB page. Returns 0, or -ENOMEM if a table could not be made. */
int pt_map(pte_t *pml4, uint64_t va, paddr_t pa, pte_t flags);

/* Map [va, va+len) to [pa, ...) using 1 GiB and 2 MiB pages where the
 * alignment allows ('large' says whether to try them). */
int pt_map_range(pte_t *pml4, uint64_t va, paddr_t pa, uint64_t len, pte_t flags, bool large);

/* Remove a 4 KiB mapping; returns the old entry (0 if there was none).
 * The caller flushes the TLB and drops the frame. */
pte_t pt_unmap(pte_t *pml4, uint64_t va);

/* The physical address va maps to (any page size), or 0 if unmapped. */
paddr_t pt_translate(pte_t *pml4, uint64_t va, pte_t *flags);

/* Free every page-table frame in the user half (entries 0..255 of the
 * PML4), then the PML4 itself. Leaf frames are the caller's (mm/). */
void pt_free_user(pte_t *pml4);

/* The kernel's own page tables (mm/kpagetable.c). */
extern pte_t *kernel_pml4;
extern paddr_t kernel_pml4_pa;
void kpagetable_init(void);
/* A new top-level table whose kernel half is the kernel's. */
pte_t *pt_new_pml4(void);

#endif
