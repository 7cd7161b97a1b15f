/*
 * memlayout.h: the kernel's map of the 64-bit virtual address space.
 *
 *   0x0000000000000000 - 0x00007fffffffffff   user space (128 TiB, lower half)
 *   ... non-canonical hole: any access faults ...
 *   0xffff888000000000 - ...                  direct map of all physical RAM
 *   0xffffc90000000000 - ...                  vmalloc area: kernel stacks
 *                                             with guard pages
 *   0xffffffff80000000 - 0xffffffffffffffff   the kernel image (top 2 GiB)
 *
 * The addresses are Linux's (Documentation/arch/x86/x86_64/mm.rst), so what
 * you see in a weft crash reads like a Linux one.
 */
#ifndef WEFT_MEMLAYOUT_H
#define WEFT_MEMLAYOUT_H

#define PAGE_SIZE       4096UL
#define PAGE_SHIFT      12
#define PAGE_MASK       (~(PAGE_SIZE - 1))

#define KERNEL_BASE     0xffffffff80000000UL
#define DIRECT_MAP_BASE 0xffff888000000000UL
#define VMALLOC_BASE    0xffffc90000000000UL
#define VMALLOC_END     0xffffe90000000000UL

/* The highest user address + 1, as on Linux (the last page below the
 * non-canonical hole is left unmapped; see the sysret note in syscall.S). */
#define USER_TOP        0x00007ffffffff000UL

#define PAGE_ROUND_UP(x)   (((x) + PAGE_SIZE - 1) & PAGE_MASK)
#define PAGE_ROUND_DOWN(x) ((x) & PAGE_MASK)

#ifndef __ASSEMBLER__
#include <stdint.h>

typedef uint64_t paddr_t;    /* a physical address */

#ifdef WEFT_HOST
/* Host unit tests (tests/unit): "physical memory" is an array the test
 * program allocates, and physical address pa is byte pa of it. */
extern uint8_t *host_phys_base;
static inline void *phys_to_virt(paddr_t pa) { return host_phys_base + pa; }
static inline paddr_t virt_to_phys(const void *va) { return (paddr_t)((const uint8_t *)va - host_phys_base); }
#else
/* Every physical page is visible at DIRECT_MAP_BASE + its address. */
static inline void *phys_to_virt(paddr_t pa)
{
    return (void *)(pa + DIRECT_MAP_BASE);
}

static inline paddr_t virt_to_phys(const void *va)
{
    uint64_t a = (uint64_t)va;
    /* Kernel image addresses convert differently from direct-map ones. */
    return a >= KERNEL_BASE ? a - KERNEL_BASE : a - DIRECT_MAP_BASE;
}
#endif /* WEFT_HOST */
#endif

#endif
