/*
 * t_bad.h: a list of what went wrong, for a case that checks many things
 * in a row (a table of calls, say) and reports them all at once rather
 * than stopping at the first:
 *
 *      bad_reset();
 *      for (...)
 *          if (r != want)
 *              bad_add("%s: %ld, want %ld", name, r, want);
 *      CHECKF(bad_count == 0, "%d wrong: %.900s", bad_count, bad_list);
 */
#ifndef WEFT_T_BAD_H
#define WEFT_T_BAD_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static char bad_list[1200];
static int bad_count;

/* Start a new list. */
static inline void bad_reset(void)
{
    bad_list[0] = '\0';
    bad_count = 0;
}

/* Add one entry (printf format); "; " between entries, the tail cut if
 * the list is full. */
static inline void bad_add(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline void bad_add(const char *fmt, ...)
{
    size_t n = strlen(bad_list);
    bad_count++;
    if (n + 8 >= sizeof bad_list)
        return;
    if (n > 0)
        n += (size_t)snprintf(bad_list + n, sizeof bad_list - n, "; ");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(bad_list + n, sizeof bad_list - n, fmt, ap);
    va_end(ap);
}

#endif
