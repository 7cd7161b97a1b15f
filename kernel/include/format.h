/*
 * format.h: printf-style formatting (lib/format.c), with no idea where the
 * characters go. kprintf() sends them to the console, snprintf() to a buffer.
 *
 * Conversions: %d %i %u %x %X %o %p %s %c %%; flags - 0 + space #;
 * width and precision (numbers or *); length modifiers hh h l ll z t.
 */
#ifndef WEFT_FORMAT_H
#define WEFT_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/* Called once per output character. */
typedef void (*format_putc_fn)(void *arg, char c);

/* Returns the number of characters produced. */
int vformat(format_putc_fn putc, void *arg, const char *fmt, va_list ap);

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
