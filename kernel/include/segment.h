/*
 * segment.h: the GDT selectors and the task state segment.
 *
 * The order of the descriptors is fixed by syscall and sysret (Intel SDM
 * vol. 2, SYSCALL/SYSRET): syscall loads CS = STAR[47:32] and
 * SS = STAR[47:32] + 8; sysret to 64-bit mode loads CS = STAR[63:48] + 16
 * and SS = STAR[63:48] + 8. So kernel code must sit right below kernel data,
 * and user data right below user code. The slot at 0x18 is where a 32-bit
 * user code segment would go (Linux has one there); weft leaves it null.
 */
#ifndef WEFT_SEGMENT_H
#define WEFT_SEGMENT_H

#define GDT_KERNEL_CODE 0x08
#define GDT_KERNEL_DATA 0x10
#define GDT_USER32_CODE 0x18    /* base for sysret's STAR[63:48] */
#define GDT_USER_DATA   0x20
#define GDT_USER_CODE   0x28
#define GDT_TSS         0x30    /* 16 bytes: takes two slots */

#define USER_CS (GDT_USER_CODE | 3)     /* 0x2b: requested privilege level 3 */
#define USER_DS (GDT_USER_DATA | 3)     /* 0x23 */
#define KERNEL_CS GDT_KERNEL_CODE
#define KERNEL_DS GDT_KERNEL_DATA

#define IST_DOUBLE_FAULT 1      /* interrupt stack table slot for #DF */

#ifndef __ASSEMBLER__
#include <stdint.h>

/* The 64-bit TSS (SDM vol. 3, 8.7): in long mode it holds no task state,
 * only the stacks the CPU switches to on entry to ring 0. */
struct tss {
    uint32_t reserved0;
    uint64_t rsp0;          /* kernel stack for interrupts from user mode */
    uint64_t rsp1, rsp2;
    uint64_t reserved1;
    uint64_t ist[7];        /* ist[0] is IST1: the double-fault stack */
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base;    /* past the end: no I/O permission bitmap */
} __attribute__((packed));

void gdt_init(int cpu);
#endif

#endif
