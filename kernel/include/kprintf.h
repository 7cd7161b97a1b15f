/*
 * kprintf.h: the kernel's console output and panic().
 */
#ifndef WEFT_KPRINTF_H
#define WEFT_KPRINTF_H

#include <stdarg.h>
#include <stddef.h>

struct trapframe;

/* printf to the serial port and the VGA screen (drivers/console.c). */
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vkprintf(const char *fmt, va_list ap);

/* Write raw bytes to every console device. */
void console_write(const char *buf, size_t len);

/* Print the message, the registers (if tf) and a backtrace, then stop the
 * machine; in test mode, exit QEMU with a failure status instead. */
__attribute__((noreturn, format(printf, 1, 2))) void panic(const char *fmt, ...);
__attribute__((noreturn, format(printf, 2, 3))) void panic_with_frame(struct trapframe *tf,
                                                                      const char *fmt, ...);

#define assert(cond)                                                              \
    do {                                                                          \
        if (!(cond))                                                              \
            panic("assertion failed: %s (%s:%d)", #cond, __FILE__, __LINE__);     \
    } while (0)

#endif
