/*
 * ksyms.c: turn a code address into "function+offset".
 *
 * The table is the text `nm -n weft.elf` prints, one symbol a line, sorted
 * by address:
 *
 *      ffffffff80100000 T kmain
 *
 * GRUB loads it as a module; we search it in place. A panic happens rarely,
 * so a linear scan is fine and keeps this file short.
 */
#include "backtrace.h"
#include "string.h"

static const char *syms;
static size_t syms_len;

void ksyms_init(const char *table, size_t len)
{
    syms = table;
    syms_len = len;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

int ksym_lookup(uint64_t addr, char *buf, size_t bufsize, uint64_t *offset)
{
    const char *best = NULL;
    size_t best_len = 0;
    uint64_t best_addr = 0;
    size_t i = 0;

    while (i < syms_len) {
        size_t line = i;
        while (i < syms_len && syms[i] != '\n')
            i++;
        size_t end = i++;                   /* [line, end) is one line */

        uint64_t a = 0;
        size_t p = line;
        for (; p < end && hexval(syms[p]) >= 0; p++)
            a = a << 4 | (uint64_t)hexval(syms[p]);
        /* " T name": only code symbols (t or T) name functions. */
        if (p + 3 >= end || syms[p] != ' ' || (syms[p + 1] | 0x20) != 't' || syms[p + 2] != ' ')
            continue;
        if (a > addr)
            break;                          /* sorted: nothing better follows */
        best = &syms[p + 3];
        best_len = end - (p + 3);
        best_addr = a;
    }
    if (!best || bufsize == 0)
        return -1;
    size_t n = best_len < bufsize - 1 ? best_len : bufsize - 1;
    memcpy(buf, best, n);
    buf[n] = '\0';
    *offset = addr - best_addr;
    return 0;
}
