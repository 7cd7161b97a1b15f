/*
 * gdt.c: segment descriptors and the TSS.
 *
 * Long mode ignores segment bases and limits (but for FS and GS), so the
 * GDT only says which code is 64-bit and at what privilege level, and
 * where the TSS is. The TSS in turn tells the CPU which stack to use when
 * an interrupt arrives from user mode (rsp0, updated at every context
 * switch) and which stack the double-fault handler gets (IST1), so that a
 * kernel stack overflow still prints a report instead of triple-faulting.
 */
#include "segment.h"
#include "percpu.h"
#include "string.h"

/* Access byte: present, DPL, code/data, type; flags: L (64-bit code). */
#define SEG_CODE64(dpl) (0x00209a0000000000ull | ((uint64_t)(dpl) << 45))
#define SEG_DATA(dpl)   (0x0000920000000000ull | ((uint64_t)(dpl) << 45))

static uint64_t gdt[MAX_CPUS][8] __attribute__((aligned(16)));
static struct tss tss[MAX_CPUS] __attribute__((aligned(16)));
static uint8_t df_stack[MAX_CPUS][4096] __attribute__((aligned(16)));

struct gdt_ptr {
    uint16_t limit;
    uint64_t base;
} __attribute__((packed));

void gdt_init(int id)
{
    uint64_t *g = gdt[id];
    struct tss *t = &tss[id];

    memset(t, 0, sizeof *t);
    t->ist[IST_DOUBLE_FAULT - 1] = (uint64_t)(df_stack[id] + sizeof df_stack[id]);
    t->iomap_base = sizeof *t;

    g[0] = 0;
    g[GDT_KERNEL_CODE / 8] = SEG_CODE64(0);
    g[GDT_KERNEL_DATA / 8] = SEG_DATA(0);
    g[GDT_USER32_CODE / 8] = 0;
    g[GDT_USER_DATA / 8] = SEG_DATA(3);
    g[GDT_USER_CODE / 8] = SEG_CODE64(3);

    /* A 16-byte system descriptor: type 9 (available 64-bit TSS). */
    uint64_t base = (uint64_t)t, limit = sizeof *t - 1;
    g[GDT_TSS / 8] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ull << 40) |
                     (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
    g[GDT_TSS / 8 + 1] = base >> 32;

    struct gdt_ptr p = { sizeof gdt[id] - 1, (uint64_t)g };
    __asm__ volatile(
        "lgdt %0\n\t"
        "movw %w1, %%ds\n\t"            /* data segments: kernel data */
        "movw %w1, %%es\n\t"
        "movw %w1, %%ss\n\t"
        "pushq %2\n\t"                  /* reload CS with a far return: */
        "leaq 1f(%%rip), %%rax\n\t"     /* push the new CS and the address */
        "pushq %%rax\n\t"               /* of the next instruction, then */
        "lretq\n"                       /* "return" to it */
        "1:\n\t"
        "ltr %w3"                       /* load the task register */
        : : "m"(p), "r"(KERNEL_DS), "i"(KERNEL_CS), "r"(GDT_TSS) : "rax", "memory");
    cpus[id].tss = t;
}
