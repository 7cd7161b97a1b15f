/*
 * pic.c: the two cascaded 8259A programmable interrupt controllers.
 *
 * weft uses the legacy PICs rather than the LAPIC and IOAPIC: they take a
 * page of code and every PC (and QEMU's q35) still has them. The master
 * handles IRQs 0-7, the slave 8-15 and is wired to the master's IRQ 2.
 * By default they deliver on vectors 8-15, which collide with the CPU's
 * exceptions, so we reprogram them to 32-47 (T_IRQ0).
 *
 * A multi-CPU weft would switch to the IOAPIC, which can route an IRQ to
 * any CPU; the rest of the kernel sees only irq_register() and pic_eoi().
 */
#include "interrupt.h"
#include "spinlock.h"
#include "x86.h"

#define PIC1_CMD    0x20
#define PIC1_DATA   0x21
#define PIC2_CMD    0xa0
#define PIC2_DATA   0xa1
#define PIC_EOI     0x20

static uint16_t mask = 0xffff & ~(1 << 2);  /* all masked but the cascade */
static struct spinlock pic_lock = SPINLOCK_INIT("pic");

static void write_mask(void)
{
    outb(PIC1_DATA, (uint8_t)mask);
    outb(PIC2_DATA, (uint8_t)(mask >> 8));
}

void pic_init(void)
{
    /* ICW1: start initialisation, expect ICW4. */
    outb(PIC1_CMD, 0x11);
    outb(PIC2_CMD, 0x11);
    /* ICW2: the vector of each chip's first IRQ. */
    outb(PIC1_DATA, T_IRQ0);
    outb(PIC2_DATA, T_IRQ0 + 8);
    /* ICW3: the slave sits on the master's IRQ 2. */
    outb(PIC1_DATA, 1 << 2);
    outb(PIC2_DATA, 2);
    /* ICW4: 8086 mode. */
    outb(PIC1_DATA, 0x01);
    outb(PIC2_DATA, 0x01);
    write_mask();
}

void pic_unmask(int irq)
{
    spin_lock(&pic_lock);
    mask &= (uint16_t) ~(1 << irq);
    write_mask();
    spin_unlock(&pic_lock);
}

/* Tell the PIC(s) the interrupt was handled, so they deliver the next. */
void pic_eoi(int irq)
{
    if (irq >= 8)
        outb(PIC2_CMD, PIC_EOI);
    outb(PIC1_CMD, PIC_EOI);
}
