/*
 * idt.c: the interrupt descriptor table: for each vector, which stub in
 * trapentry.S to run, and at what privilege level software may invoke it
 * with an int instruction (0: none; only int3 is allowed from user mode).
 */
#include "interrupt.h"
#include "segment.h"
#include <stdint.h>

struct idt_entry {
    uint16_t offset_low;
    uint16_t selector;      /* code segment to run the handler in */
    uint8_t ist;            /* interrupt stack table slot, 0 = none */
    uint8_t type_attr;      /* present, DPL, type 0xE = interrupt gate */
    uint16_t offset_mid;
    uint32_t offset_high;
    uint32_t zero;
} __attribute__((packed));

static struct idt_entry idt[NVECTORS] __attribute__((aligned(16)));
extern uint64_t trap_vectors[NVECTORS];

static void set_gate(int vec, uint64_t handler, int dpl, int ist)
{
    idt[vec] = (struct idt_entry){
        .offset_low = handler & 0xffff,
        .selector = KERNEL_CS,
        .ist = (uint8_t)ist,
        /* An interrupt gate (not a trap gate) clears IF on entry, so every
         * handler starts with interrupts off. */
        .type_attr = (uint8_t)(0x8e | (dpl << 5)),
        .offset_mid = (handler >> 16) & 0xffff,
        .offset_high = (uint32_t)(handler >> 32),
    };
}

void idt_init(void)
{
    for (int v = 0; v < NVECTORS; v++)
        set_gate(v, trap_vectors[v], v == T_BRKPT ? 3 : 0, 0);
    /* A double fault often means the kernel stack is gone: use a known one. */
    set_gate(T_DBLFLT, trap_vectors[T_DBLFLT], 0, IST_DOUBLE_FAULT);
    idt_load();
}

void idt_load(void)
{
    struct {
        uint16_t limit;
        uint64_t base;
    } __attribute__((packed)) p = { sizeof idt - 1, (uint64_t)idt };
    __asm__ volatile("lidt %0" : : "m"(p));
}
