/*
 * format.h (libc-internal): the printf engine, shared by every printf-like
 * function. __format() walks the format string and hands its output, in
 * pieces, to a sink: a FILE (vfprintf), a char array (vsnprintf) or a file
 * descriptor (vdprintf). It knows nothing about where the text goes.
 */
#ifndef _LIBC_FORMAT_H
#define _LIBC_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

struct fmt_sink {
    /* Receives the next n bytes of output (not NUL-terminated). */
    void (*write)(struct fmt_sink *sink, const char *s, size_t n);
    size_t count;                   /* bytes produced so far */
};

/* One conversion specification, "%-08.3lf" parsed. */
struct fmt_spec {
    unsigned flags;                 /* FMT_* below */
    int width;                      /* minimum field width (0: none) */
    int prec;                       /* precision; -1 when not given */
    char conv;                      /* the conversion letter: d, x, f... */
};

#define FMT_MINUS 1                 /* '-': left-justify */
#define FMT_PLUS  2                 /* '+': always a sign */
#define FMT_SPACE 4                 /* ' ': a space where '+' would be */
#define FMT_ZERO  8                 /* '0': pad with zeros after the sign */
#define FMT_ALT   16                /* '#': 0x prefix, keep the '.', ... */

/* Formats into the sink; returns the number of bytes produced, or -1 (with
 * errno EOVERFLOW) when that exceeds INT_MAX. */
int __format(struct fmt_sink *sink, const char *fmt, va_list ap);

/* Helpers shared with the floating-point part (stdio/format_float.c). */
void __fmt_out(struct fmt_sink *sink, const char *s, size_t n);
void __fmt_pad(struct fmt_sink *sink, char c, long n);
void __fmt_double(struct fmt_sink *sink, double v, const struct fmt_spec *spec);

#endif
