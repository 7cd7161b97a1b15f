/*
 * test_mm.c: self tests of the kernel's page tables, the frame allocator
 * and the heap, including running them dry and getting every frame back.
 */
#include "bootinfo.h"
#include "errno.h"
#include "frame.h"
#include "kmalloc.h"
#include "ktest.h"
#include "paging.h"
#include "string.h"
#include "uaccess.h"
#include "x86.h"

extern char _text_start[], _rodata_start[], _data_start[];

KTEST(identity_map_gone)
{
    uint64_t v;
    /* Address 0 and the low physical addresses the boot code ran at are
     * not mapped any more: reading them faults (and copy_nofault turns
     * the fault into -EFAULT). */
    KEXPECT(copy_nofault(&v, (void *)0, sizeof v) == -EFAULT);
    KEXPECT(copy_nofault(&v, (void *)0x100000, sizeof v) == -EFAULT);
    KEXPECT(copy_nofault(&v, (void *)0x7fff0000, sizeof v) == -EFAULT);
    KEXPECT(pt_translate(kernel_pml4, 0, NULL) == 0);
    /* But the same memory through the direct map is fine. */
    KEXPECT(copy_nofault(&v, phys_to_virt(0x100000), sizeof v) == 0);
}

KTEST(kernel_sections_have_their_permissions)
{
    pte_t f;
    KEXPECT(pt_translate(kernel_pml4, (uint64_t)_text_start, &f) != 0);
    KEXPECT(!(f & PTE_W) && !(f & PTE_NX) && (f & PTE_G) && !(f & PTE_U));
    KEXPECT(pt_translate(kernel_pml4, (uint64_t)_rodata_start, &f) != 0);
    KEXPECT(!(f & PTE_W) && (f & PTE_NX) && (f & PTE_G));
    KEXPECT(pt_translate(kernel_pml4, (uint64_t)_data_start, &f) != 0);
    KEXPECT((f & PTE_W) && (f & PTE_NX) && (f & PTE_G));
    /* Writing to rodata faults even in the kernel (CR0.WP). */
    static const uint64_t constant = 42;
    uint64_t one = 1;
    KEXPECT(copy_nofault((void *)&constant, &one, sizeof one) == -EFAULT);
    KEXPECT(constant == 42);
}

KTEST(direct_map_covers_usable_ram)
{
    for (int i = 0; i < boot_info.nmem; i++) {
        const struct mem_region *r = &boot_info.mem[i];
        if (r->type != MEM_USABLE || r->len < PAGE_SIZE)
            continue;
        uint64_t first = PAGE_ROUND_UP(r->base), last = PAGE_ROUND_DOWN(r->base + r->len) - PAGE_SIZE;
        pte_t f;
        KEXPECT(pt_translate(kernel_pml4, DIRECT_MAP_BASE + first, &f) == first);
        KEXPECT((f & PTE_NX) && (f & PTE_W));
        KEXPECT(pt_translate(kernel_pml4, DIRECT_MAP_BASE + last, NULL) == last);
    }
}

KTEST(frames_alloc_and_free)
{
    size_t before = frame_free_count();
    paddr_t a = frame_alloc(), b = frame_alloc_zeroed();
    KEXPECT(a && b && a != b);
    KEXPECT((a & (PAGE_SIZE - 1)) == 0);
    KEXPECT(frame_free_count() == before - 2);
    uint64_t *p = phys_to_virt(b);
    int zero = 1;
    for (int i = 0; i < 512; i++)
        zero &= p[i] == 0;
    KEXPECT(zero);
    frame_get(a);                       /* a second reference ... */
    frame_put(a);
    KEXPECT(frame_free_count() == before - 2);  /* ... keeps it allocated */
    frame_put(a);
    frame_put(b);
    KEXPECT(frame_free_count() == before);

    paddr_t c = frame_alloc_contig(8);
    KEXPECT(c != 0);
    KEXPECT(frame_free_count() == before - 8);
    frame_free_contig(c, 8);
    KEXPECT(frame_free_count() == before);
}

KTEST(frames_never_overlap_the_kernel_or_modules)
{
    extern char _kernel_end[];
    /* Allocate 256 frames and check none is reserved memory. */
    paddr_t got[256];
    int ok = 1;
    for (int i = 0; i < 256; i++) {
        got[i] = frame_alloc();
        paddr_t pa = got[i];
        if (pa < 0x100000 || (pa >= 0x100000 && pa < virt_to_phys(_kernel_end)))
            ok = 0;
        for (int m = 0; m < boot_info.nmodules; m++)
            if (pa + PAGE_SIZE > boot_info.modules[m].start && pa < boot_info.modules[m].end)
                ok = 0;
        if (pa + PAGE_SIZE > boot_info.info_start && pa < boot_info.info_end)
            ok = 0;
    }
    KEXPECT(ok);
    for (int i = 0; i < 256; i++)
        if (got[i])
            frame_put(got[i]);
}

/* Run the frame allocator dry, then give everything back. The frames are
 * chained through their own first word, so the test needs no memory. */
KTEST(frame_exhaustion_recovers)
{
    size_t before = frame_free_count();
    paddr_t head = 0;
    size_t n = 0;
    for (paddr_t pa; (pa = frame_alloc()) != 0; n++) {
        *(paddr_t *)phys_to_virt(pa) = head;
        head = pa;
    }
    KEXPECT(frame_free_count() == 0);
    KEXPECT(n == before);
    KEXPECT(frame_alloc_contig(2) == 0);
    KEXPECT(kmalloc(100000) == NULL);   /* the heap is out too, and says so */
    while (head) {
        paddr_t next = *(paddr_t *)phys_to_virt(head);
        frame_put(head);
        head = next;
    }
    KEXPECT(frame_free_count() == before);
}

KTEST(kmalloc_size_classes)
{
    size_t before = frame_free_count();
    KEXPECT(kmalloc_class_size(1) == 16);
    KEXPECT(kmalloc_class_size(17) == 32);
    KEXPECT(kmalloc_class_size(2048) == 2048);
    KEXPECT(kmalloc_class_size(2049) == 0);

    void *p[64];
    for (int i = 0; i < 64; i++) {
        p[i] = kmalloc((size_t)(i * 37 + 1));
        KEXPECT(p[i] != NULL);
        KEXPECT(((uint64_t)p[i] & 15) == 0);
        memset(p[i], 0xab, (size_t)(i * 37 + 1));
    }
    for (int i = 0; i < 64; i++)
        for (int j = i + 1; j < 64; j++)
            KEXPECT(p[i] != p[j]);
    void *big = kzalloc(3 * PAGE_SIZE + 5);
    KEXPECT(big != NULL && ((uint64_t)big & (PAGE_SIZE - 1)) == 0);
    KEXPECT(((uint8_t *)big)[3 * PAGE_SIZE + 4] == 0);
    for (int i = 0; i < 64; i++)
        kfree(p[i]);
    kfree(big);
    kfree(NULL);
    KEXPECT(frame_free_count() == before);
}

/* Exhaust the heap with small objects, chained through themselves, and
 * check that freeing them all returns every frame. */
KTEST(kmalloc_exhaustion_recovers)
{
    size_t before = frame_free_count();
    void *head = NULL;
    size_t n = 0;
    for (void *p; (p = kmalloc(2048)) != NULL; n++) {
        *(void **)p = head;
        head = p;
    }
    KEXPECT(n >= before);               /* two objects per frame */
    KEXPECT(kmalloc(16) == NULL);
    while (head) {
        void *next = *(void **)head;
        kfree(head);
        head = next;
    }
    KEXPECT(frame_free_count() == before);
    void *again = kmalloc(64);          /* and the heap works again */
    KEXPECT(again != NULL);
    kfree(again);
    KEXPECT(frame_free_count() == before);
}
