/*
 * drivers.h: the character devices below the console.
 */
#ifndef WEFT_DRIVERS_H
#define WEFT_DRIVERS_H

#include <stdbool.h>

/* COM1 serial port (drivers/serial.c). */
void serial_init(void);
void serial_putc(char c);
void serial_enable_irq(void);

/* VGA text mode, 80x25 (drivers/vga.c). */
void vga_init(void);
void vga_putc(char c);
extern bool vga_present;

/* PS/2 keyboard (drivers/keyboard.c). */
void keyboard_init(void);

/* Debug exit port of QEMU's isa-debug-exit device: QEMU exits with
 * status 2*code+1 (drivers/qemu.c). */
__attribute__((noreturn)) void qemu_exit(int code);

/* Characters typed on any input device arrive here (drivers/console.c),
 * called from interrupt handlers. */
void console_input(char c);
/* Where console_input sends characters: the tty (drivers/tty.c). */
extern void (*console_input_hook)(char c);

#endif
