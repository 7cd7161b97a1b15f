/*
 * interrupt.h: vectors, device IRQs and their handlers.
 *
 * Vectors 0-31 are the CPU's exceptions. The two 8259 PICs are remapped so
 * that device IRQ n arrives as vector 32+n. System calls do not use a
 * vector (they come in through the syscall instruction) but their trap
 * frames say T_SYSCALL so that the two paths can be told apart.
 */
#ifndef WEFT_INTERRUPT_H
#define WEFT_INTERRUPT_H

#define T_DIVIDE    0
#define T_DEBUG     1
#define T_NMI       2
#define T_BRKPT     3
#define T_OFLOW     4
#define T_BOUND     5
#define T_ILLOP     6
#define T_DEVICE    7
#define T_DBLFLT    8
#define T_TSS       10
#define T_SEGNP     11
#define T_STACK     12
#define T_GPFLT     13
#define T_PGFLT     14
#define T_FPERR     16
#define T_ALIGN     17
#define T_MCHK      18
#define T_SIMDERR   19
#define T_IRQ0      32
#define T_SPURIOUS  39          /* the master PIC's IRQ 7 */
#define T_SYSCALL   0x100       /* not a vector: marks syscall frames */
#define NVECTORS    48

#define IRQ_TIMER   0
#define IRQ_KBD     1
#define IRQ_COM1    4
#define NIRQS       16

/* Page-fault error code bits (Intel SDM vol. 3, 4.7). */
#define PF_PRESENT  0x01        /* 0: page not present; 1: protection violation */
#define PF_WRITE    0x02
#define PF_USER     0x04
#define PF_RSVD     0x08
#define PF_INSTR    0x10        /* instruction fetch */

#ifndef __ASSEMBLER__
#include "trapframe.h"

typedef void (*irq_handler_t)(void);

void idt_init(void);
void idt_load(void);
void pic_init(void);
void pic_eoi(int irq);
void pic_unmask(int irq);
void irq_register(int irq, irq_handler_t handler);

/* Called by the entry code for every interrupt and exception. */
void trap(struct trapframe *tf);

const char *trap_name(uint64_t trapno);
void dump_registers(const struct trapframe *tf);
#endif

#endif
