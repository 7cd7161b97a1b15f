/*
 * serial.c: the COM1 UART (a 16550), our main console.
 *
 * QEMU's `-serial stdio` connects it to the terminal, so everything the
 * kernel prints appears there, and what you type comes back as IRQ 4.
 * Port layout: PC16550D datasheet, table 2.
 */
#include "drivers.h"
#include "interrupt.h"
#include "x86.h"

#define COM1        0x3f8
#define DATA        0       /* receive / transmit buffer (DLAB=0) */
#define IER         1       /* interrupt enable (DLAB=0) */
#define DLL         0       /* divisor latch, low byte (DLAB=1) */
#define DLM         1       /* divisor latch, high byte (DLAB=1) */
#define FCR         2       /* FIFO control */
#define LCR         3       /* line control */
#define MCR         4       /* modem control */
#define LSR         5       /* line status */
#define LSR_DATA    0x01    /* a received byte is waiting */
#define LSR_THRE    0x20    /* the transmit holding register is empty */

void serial_init(void)
{
    outb(COM1 + IER, 0x00);        /* no interrupts yet */
    outb(COM1 + LCR, 0x80);        /* DLAB=1: next two ports set the divisor */
    outb(COM1 + DLL, 1);           /* 115200 / 1 = 115200 baud */
    outb(COM1 + DLM, 0);
    outb(COM1 + LCR, 0x03);        /* DLAB=0, 8 data bits, no parity, 1 stop */
    outb(COM1 + FCR, 0xc7);        /* FIFOs on and cleared, 14-byte threshold */
    outb(COM1 + MCR, 0x0b);        /* DTR, RTS, OUT2 (OUT2 gates the IRQ line) */
}

void serial_putc(char c)
{
    if (c == '\n')
        serial_putc('\r');         /* terminals want CR LF */
    while ((inb(COM1 + LSR) & LSR_THRE) == 0)
        pause();
    outb(COM1 + DATA, (uint8_t)c);
}

static void serial_irq(void)
{
    while (inb(COM1 + LSR) & LSR_DATA) {
        char c = (char)inb(COM1 + DATA);
        console_input(c);           /* the tty maps CR to NL (ICRNL) */
    }
}

void serial_enable_irq(void)
{
    irq_register(IRQ_COM1, serial_irq);
    outb(COM1 + IER, 0x01);        /* interrupt when a byte arrives */
}
