/*
 * test_format.c: lib/format.c, the printf engine of kprintf and snprintf.
 *
 * Most cases print the same thing with the kernel's vsnprintf and the
 * host's and compare text and return value: every conversion with every
 * combination of flags, widths, precisions (numbers and '*') and length
 * modifiers, over values at the edges of each type. The rest check what the
 * kernel does on purpose differently from glibc:
 *
 *   %p         always "0x" and 16 hex digits (glibc: "(nil)", short forms)
 *   %s NULL    "(null)", cut by a precision like any string (glibc prints
 *              nothing when the precision is below 6)
 *   %y         an unknown conversion is printed as written, "%y"
 *   "abc%"     a '%' at the very end prints nothing
 *
 * The Makefile builds format.c with snprintf/vsnprintf renamed to
 * kernel_snprintf/kernel_vsnprintf, so both versions live in this program.
 */
#include "unit.h"

#define snprintf kernel_snprintf
#define vsnprintf kernel_vsnprintf
#include "format.h"
#undef snprintf
#undef vsnprintf

#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

static char kbuf[2048], hbuf[2048];
static int kret, hret;

/* Format with both; true if text and return value agree. */
static bool vboth(const char *fmt, va_list ap)
{
    va_list aq;
    va_copy(aq, ap);
    kret = kernel_vsnprintf(kbuf, sizeof kbuf, fmt, ap);
    hret = vsnprintf(hbuf, sizeof hbuf, fmt, aq);
    va_end(aq);
    /* memcmp, not strcmp: %c of '\0' puts a NUL in the middle. */
    return kret == hret && hret >= 0 && (size_t)hret < sizeof hbuf &&
           memcmp(kbuf, hbuf, (size_t)hret + 1) == 0;
}

static __attribute__((format(printf, 1, 2))) bool both(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bool same = vboth(fmt, ap);
    va_end(ap);
    return same;
}

/* The same, with no format checking by the compiler: for flag combinations
 * that are valid C but that gcc warns about ("'0' flag ignored with '-'"). */
static bool both_unchecked(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bool same = vboth(fmt, ap);
    va_end(ap);
    return same;
}

/* The kernel's alone, and with no format checking by the compiler: for the
 * cases where the kernel knowingly differs, or the format is not valid C. */
static int kfmt(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = kernel_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

/* One comparison, reported at the caller's line. */
#define SAME(...)                                                                 \
    do {                                                                          \
        if (!both(__VA_ARGS__))                                                   \
            unit_fail(__FILE__, __LINE__, "%s: kernel \"%s\" (%d), host \"%s\" (%d)", \
                      #__VA_ARGS__, kbuf, kret, hbuf, hret);                      \
    } while (0)

#define SAME_UNCHECKED(...)                                                       \
    do {                                                                          \
        if (!both_unchecked(__VA_ARGS__))                                         \
            unit_fail(__FILE__, __LINE__, "%s: kernel \"%s\" (%d), host \"%s\" (%d)", \
                      #__VA_ARGS__, kbuf, kret, hbuf, hret);                      \
    } while (0)

/* The kernel's output must be exactly 'want' (and return its length). */
#define KERNEL_GIVES(want, ...)                                                   \
    do {                                                                          \
        char kb_[256];                                                            \
        int kn_ = kfmt(kb_, sizeof kb_, __VA_ARGS__);                             \
        if (strcmp(kb_, want) != 0 || kn_ != (int)strlen(want))                   \
            unit_fail(__FILE__, __LINE__, "%s: \"%s\" (%d), want \"%s\"",         \
                      #__VA_ARGS__, kb_, kn_, want);                              \
    } while (0)

/* The sweeps report their first few mismatches, then the count. */
static int mismatches, combinations;

static void sweep_check(bool same, const char *fmt)
{
    combinations++;
    if (!same && mismatches++ < 8)
        unit_fail(__FILE__, __LINE__, "format \"%s\": kernel \"%s\" (%d), host \"%s\" (%d)",
                  fmt, kbuf, kret, hbuf, hret);
}

/* --- Exact cases, compared with the host ------------------------------------ */

TEST(plain_text_and_percent)
{
    SAME("hello, world");
    SAME("%s", "");
    SAME("100%%");
    SAME("%%%d%%", 5);
    SAME("a%cb", 'x');
    SAME("tab\there\n");
    EXPECT(both("%d %s %c %x", 1, "two", '3', 4));
    EXPECT_STREQ(kbuf, "1 two 3 4");
}

TEST(decimal_basics)
{
    SAME("%d", 0);
    SAME("%d", 42);
    SAME("%d", -42);
    SAME("%i", 1234567);
    SAME("%d", INT_MAX);
    SAME("%d", INT_MIN);
    SAME("%u", 0u);
    SAME("%u", UINT_MAX);
    SAME("%u", 3000000000u);
}

TEST(int64_extremes)
{
    SAME("%lld", (long long)INT64_MIN);
    SAME("%lld", (long long)INT64_MAX);
    SAME("%ld", (long)INT64_MIN);
    SAME("%+lld", (long long)INT64_MIN);
    SAME("%25lld|", (long long)INT64_MIN);
    SAME("%-25lld|", (long long)INT64_MIN);
    SAME("%025lld", (long long)INT64_MIN);
    SAME("%.25lld", (long long)INT64_MIN);
    SAME("%llu", (unsigned long long)UINT64_MAX);
    SAME("%llx", (unsigned long long)UINT64_MAX);
    SAME("%llo", (unsigned long long)UINT64_MAX);
    SAME("%#llo", (unsigned long long)UINT64_MAX);
    SAME("%#llX", (unsigned long long)UINT64_MAX);
    EXPECT(both("%lld", (long long)INT64_MIN));
    EXPECT_STREQ(kbuf, "-9223372036854775808");
}

TEST(hex_and_octal)
{
    SAME("%x", 0xdeadbeefu);
    SAME("%X", 0xdeadbeefu);
    SAME("%#x", 255u);
    SAME("%#X", 255u);
    SAME("%#x", 0u);
    SAME("%#o", 8u);
    SAME("%#o", 0u);
    SAME("%o", 511u);
    SAME("%#.3o", 8u);
    SAME("%#.0o", 0u);
    SAME("%#010x", 255u);
    SAME("%#-10x|", 255u);
    SAME("%#10.4x", 255u);
}

TEST(zero_with_precision_zero)
{
    SAME("[%.0d]", 0);
    SAME("[%.0i]", 0);
    SAME("[%.0u]", 0u);
    SAME("[%.0x]", 0u);
    SAME("[%#.0x]", 0u);
    SAME("[%.0o]", 0u);
    SAME("[%#.0o]", 0u);
    SAME("[%+.0d]", 0);
    SAME("[% .0d]", 0);
    SAME("[%5.0d]", 0);
    SAME("[%-5.0d]", 0);
    SAME_UNCHECKED("[%05.0d]", 0);
    SAME("[%.0d]", 7);
    EXPECT(both("[%.0d]", 0));
    EXPECT_STREQ(kbuf, "[]");
}

TEST(flags_widths_precisions)
{
    SAME("[%5d]", 42);
    SAME("[%-5d]", 42);
    SAME("[%05d]", 42);
    SAME("[%05d]", -42);
    SAME("[%+d]", 42);
    SAME("[%+d]", -42);
    SAME("[% d]", 42);
    SAME("[% d]", -42);
    SAME_UNCHECKED("[%+ d]", 42);             /* '+' beats ' ' */
    SAME("[% 05d]", 42);
    SAME_UNCHECKED("[%-05d]", 42);            /* '-' beats '0' */
    SAME("[%.5d]", 42);
    SAME("[%.5d]", -42);
    SAME("[%8.5d]", -42);
    SAME_UNCHECKED("[%08.5d]", 42);           /* a precision turns '0' off */
    SAME("[%-8.5d]", 42);
    SAME("[%1d]", 12345);           /* a width never cuts */
    SAME("[%200d]", 1);
    SAME("[%-200d]", 1);
}

TEST(star_width_and_precision)
{
    SAME("[%*d]", 6, 42);
    SAME("[%*d]", -6, 42);          /* a negative '*' width means '-' */
    SAME("[%-*d]", -6, 42);
    SAME("[%0*d]", 6, -42);
    SAME("[%.*d]", 4, 42);
    SAME("[%.*d]", -3, 42);         /* a negative '*' precision: none */
    SAME_UNCHECKED("[%0*.*d]", 6, -1, 42);    /* ... so '0' applies again */
    SAME("[%*.*d]", 8, 4, -42);
    SAME("[%*.*s]", -8, 3, "abcdef");
    SAME("[%.*s]", 0, "abc");
    SAME("[%.*s]", -1, "abc");
    SAME("[%*c]", 4, 'z');
    SAME("[%*c]", -4, 'z');
}

TEST(length_modifiers)
{
    SAME("%hhd", 200);              /* converted to signed char: -56 */
    SAME("%hhd", -129);
    SAME("%hhu", 511);
    SAME("%hhx", -1);
    SAME("%hd", 70000);
    SAME("%hd", -32768);
    SAME("%hu", 70000);
    SAME("%hx", 0x12345678);
    SAME("%ld", -1234567890123L);
    SAME("%lu", 18446744073709551615UL);
    SAME("%lx", 0x123456789abcdefUL);
    SAME("%lld", -1LL);
    SAME("%llo", 01234567012345670123LL);
    SAME("%zu", (size_t)1 << 40);
    SAME("%zd", (ssize_t)-5);
    SAME("%zx", (size_t)-1);
    SAME("%td", (ptrdiff_t)-77777777777LL);
    SAME("%tx", (ptrdiff_t)0x7fffffffffffLL);
    SAME("%jd", (intmax_t)INT64_MIN);
    EXPECT(both("%hhd", 200));
    EXPECT_STREQ(kbuf, "-56");
}

TEST(strings)
{
    SAME("%s", "hello");
    SAME("[%10s]", "hello");
    SAME("[%-10s]", "hello");
    SAME("[%.3s]", "hello");
    SAME("[%.0s]", "hello");
    SAME("[%.10s]", "hello");
    SAME("[%10.2s]", "hello");
    SAME("[%-10.2s]", "hello");
    SAME("[%2s]", "hello");
    SAME("[%s%s]", "ab", "cd");
}

TEST(chars)
{
    SAME("%c", 'a');
    SAME("[%5c]", 'a');
    SAME("[%-5c]", 'a');
    SAME("%c%c%c", 'x', 'y', 'z');
    SAME("[%c]", 0);                /* a NUL is a character too */
    SAME("[%3c]", 0);
    SAME("%c", 255);
    EXPECT(both("[%c]", 0));
    EXPECT_EQ(kret, 3);
}

/* --- Sweeps ------------------------------------------------------------------ */

static const char *const flag_sets[] = {
    "", "-", "0", "+", " ", "#", "-0", "-+", "- ", "-#", "0+", "0 ", "0#", "+ ", "+#",
    " #", "-0+", "-+ ", "0+ ", "0 #", "-0#", "+ #", "-0+ #",
};
#define NFLAGS (sizeof flag_sets / sizeof flag_sets[0])

/* "" = none, "*" = from the arguments */
static const char *const widths[] = { "", "1", "5", "12", "25", "*" };
static const char *const precs[] = { "", ".", ".0", ".1", ".3", ".10", ".22", ".*" };
static const int star_widths[] = { -9, 0, 9 };
static const int star_precs[] = { -2, 0, 6 };

static const int int_values[] = {
    0, 1, -1, 7, -7, 42, 127, 128, -128, 255, 256, 4096, 32767, -32768, 65535, 65536,
    0x12345678, -0x12345678, INT_MAX, INT_MIN,
};
static const long long ll_values[] = {
    0, 1, -1, 42, -42, 255, 0xffffffffLL, 0x100000000LL, INT_MAX, INT_MIN,
    0x123456789abcdef0LL, -0x123456789abcdefLL, INT64_MAX, INT64_MIN,
};

static bool call_int(const char *fmt, bool sw, int w, bool sp, int p, int v)
{
    if (sw && sp) return both_unchecked(fmt, w, p, v);
    if (sw) return both_unchecked(fmt, w, v);
    if (sp) return both_unchecked(fmt, p, v);
    return both_unchecked(fmt, v);
}

static bool call_ll(const char *fmt, bool sw, int w, bool sp, int p, long long v)
{
    if (sw && sp) return both_unchecked(fmt, w, p, v);
    if (sw) return both_unchecked(fmt, w, v);
    if (sp) return both_unchecked(fmt, p, v);
    return both_unchecked(fmt, v);
}

/*
 * Every conversion x flags x width x precision x length x value. '#' on
 * %d/%i/%u is undefined in C and left out; everything else is defined.
 */
static void integer_sweep(const char *convs, const char *const *lengths, int nlengths,
                          bool wide)
{
    char fmt[64];
    for (const char *cv = convs; *cv; cv++)
    for (size_t f = 0; f < NFLAGS; f++) {
        if (strchr(flag_sets[f], '#') && strchr("diu", *cv))
            continue;
        for (size_t wi = 0; wi < sizeof widths / sizeof widths[0]; wi++)
        for (size_t pi = 0; pi < sizeof precs / sizeof precs[0]; pi++)
        for (int li = 0; li < nlengths; li++) {
            snprintf(fmt, sizeof fmt, "[%%%s%s%s%s%c]", flag_sets[f], widths[wi], precs[pi],
                     lengths[li], *cv);
            bool sw = widths[wi][0] == '*', sp = strchr(precs[pi], '*') != NULL;
            for (int a = 0; a < (sw ? 3 : 1); a++)
            for (int b = 0; b < (sp ? 3 : 1); b++) {
                if (wide) {
                    for (size_t v = 0; v < sizeof ll_values / sizeof ll_values[0]; v++)
                        sweep_check(call_ll(fmt, sw, star_widths[a], sp, star_precs[b],
                                            ll_values[v]), fmt);
                } else {
                    for (size_t v = 0; v < sizeof int_values / sizeof int_values[0]; v++)
                        sweep_check(call_int(fmt, sw, star_widths[a], sp, star_precs[b],
                                             int_values[v]), fmt);
                }
            }
        }
    }
}

TEST(sweep_int_sized)
{
    static const char *const lengths[] = { "", "h", "hh" };
    mismatches = combinations = 0;
    integer_sweep("diuxXo", lengths, 3, false);
    EXPECT_EQ(mismatches, 0);
    EXPECT(combinations > 100000);
}

TEST(sweep_64_bit)
{
    static const char *const lengths[] = { "l", "ll", "z", "t", "j" };
    mismatches = combinations = 0;
    integer_sweep("diuxXo", lengths, 5, true);
    EXPECT_EQ(mismatches, 0);
    EXPECT(combinations > 100000);
}

TEST(sweep_strings_and_chars)
{
    static const char *const strs[] = { "", "a", "hello", "hello, world", "tab\there" };
    static const char *const sflags[] = { "", "-" };
    char fmt[64];
    mismatches = combinations = 0;
    for (size_t f = 0; f < 2; f++)
    for (size_t wi = 0; wi < sizeof widths / sizeof widths[0]; wi++)
    for (size_t pi = 0; pi < sizeof precs / sizeof precs[0]; pi++) {
        bool sw = widths[wi][0] == '*', sp = strchr(precs[pi], '*') != NULL;
        snprintf(fmt, sizeof fmt, "[%%%s%s%ss]", sflags[f], widths[wi], precs[pi]);
        for (int a = 0; a < (sw ? 3 : 1); a++)
        for (int b = 0; b < (sp ? 3 : 1); b++)
        for (size_t s = 0; s < sizeof strs / sizeof strs[0]; s++) {
            bool same;
            if (sw && sp) same = both(fmt, star_widths[a], star_precs[b], strs[s]);
            else if (sw) same = both(fmt, star_widths[a], strs[s]);
            else if (sp) same = both(fmt, star_precs[b], strs[s]);
            else same = both(fmt, strs[s]);
            sweep_check(same, fmt);
        }
        if (precs[pi][0])
            continue;                       /* a precision on %c is undefined */
        snprintf(fmt, sizeof fmt, "[%%%s%sc]", sflags[f], widths[wi]);
        static const int chars[] = { 'q', ' ', 0, 0xe9 };
        for (int a = 0; a < (sw ? 3 : 1); a++)
        for (size_t c = 0; c < 4; c++)
            sweep_check(sw ? both(fmt, star_widths[a], chars[c]) : both(fmt, chars[c]), fmt);
    }
    EXPECT_EQ(mismatches, 0);
    EXPECT(combinations > 500);
}

/* --- Buffers, return values, vformat ----------------------------------------- */

/* snprintf into a buffer of every size from 0 up: the text is cut to
 * size-1 characters and terminated, nothing beyond 'size' is written, and
 * the return value is always the full length. */
TEST(truncation_and_return_value)
{
    static const char full[] = "value=-1234 name=abcdefghij end";
    const int len = (int)strlen(full);
    for (size_t size = 0; size <= (size_t)len + 3; size++) {
        char buf[64];
        memset(buf, '#', sizeof buf);
        int n = kernel_snprintf(buf, size, "value=%d name=%s end", -1234, "abcdefghij");
        EXPECT_EQ(n, len);
        if (size == 0) {
            EXPECT_EQ(buf[0], '#');     /* not even a NUL */
            continue;
        }
        size_t kept = size - 1 < (size_t)len ? size - 1 : (size_t)len;
        EXPECT(memcmp(buf, full, kept) == 0);
        EXPECT_EQ(buf[kept], '\0');
        for (size_t i = kept + 1; i < sizeof buf; i++)
            if (buf[i] != '#') {
                unit_fail(__FILE__, __LINE__, "size %zu: byte %zu written", size, i);
                break;
            }
        /* and the host agrees on all of it */
        char hb[64];
        memset(hb, '#', sizeof hb);
        EXPECT_EQ(snprintf(hb, size, "value=%d name=%s end", -1234, "abcdefghij"), len);
        EXPECT(memcmp(buf, hb, sizeof buf) == 0);
    }
}

TEST(size_zero_writes_nothing)
{
    EXPECT_EQ(kernel_snprintf(NULL, 0, "%d apples", 12), 9);
    EXPECT_EQ(kfmt(NULL, 0, ""), 0);
    char c = 'x';
    EXPECT_EQ(kernel_snprintf(&c, 0, "%s", "long string"), 11);
    EXPECT_EQ(c, 'x');
    EXPECT_EQ(kernel_snprintf(&c, 1, "%s", "long string"), 11);
    EXPECT_EQ(c, '\0');
}

TEST(return_value_beyond_the_buffer)
{
    static char big[3001];
    memset(big, 'z', 3000);
    char buf[16];
    EXPECT_EQ(kernel_snprintf(buf, sizeof buf, "<%s>", big), 3002);
    EXPECT_STREQ(buf, "<zzzzzzzzzzzzzz");
    EXPECT_EQ(kernel_snprintf(buf, sizeof buf, "%5000d", 1), 5000);
    EXPECT_EQ(strlen(buf), 15u);
}

struct collect {
    char text[256];
    int n;
};

static void collect_putc(void *arg, char c)
{
    struct collect *col = arg;
    if (col->n < (int)sizeof col->text)
        col->text[col->n] = c;
    col->n++;
}

static int collect(struct collect *col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    memset(col, 0, sizeof *col);
    int n = vformat(collect_putc, col, fmt, ap);
    va_end(ap);
    return n;
}

/* vformat calls putc once per character and returns how many. */
TEST(vformat_counts_every_character)
{
    struct collect col;
    EXPECT_EQ(collect(&col, "x=%d, s=%s%c!", -5, "ok", 0), 12);
    EXPECT_EQ(col.n, 12);
    EXPECT(memcmp(col.text, "x=-5, s=ok\0!", 12) == 0);
    EXPECT_EQ(collect(&col, ""), 0);
    EXPECT_EQ(col.n, 0);
    EXPECT_EQ(collect(&col, "%-6s|", "ab"), 7);
    EXPECT(memcmp(col.text, "ab    |", 7) == 0);
}

/* The caller's va_list is not consumed (vformat works on a copy). */
static int twice(char *a, char *b, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    kernel_vsnprintf(a, size, fmt, ap);
    int n = kernel_vsnprintf(b, size, fmt, ap);
    va_end(ap);
    return n;
}

TEST(va_list_reusable)
{
    char a[32], b[32];
    EXPECT_EQ(twice(a, b, sizeof a, "%d-%s", 17, "x"), 4);
    EXPECT_STREQ(a, "17-x");
    EXPECT_STREQ(b, "17-x");
}

/* --- What the kernel does its own way ---------------------------------------- */

TEST(pointer_is_0x_and_16_digits)
{
    KERNEL_GIVES("0x0000000000001234", "%p", (void *)0x1234);
    KERNEL_GIVES("0xffffffff80100000", "%p", (void *)0xffffffff80100000ul);
    KERNEL_GIVES("0xffffffffffffffff", "%p", (void *)~0ul);
    KERNEL_GIVES("0x00007fffffffe000", "%p", (void *)0x7fffffffe000ul);
    /* NULL too: every pointer is 18 characters, so columns line up. */
    KERNEL_GIVES("0x0000000000000000", "%p", (void *)0);
    KERNEL_GIVES("[  0x0000000000001234]", "[%20p]", (void *)0x1234);
    KERNEL_GIVES("[0x0000000000001234  ]", "[%-20p]", (void *)0x1234);
    KERNEL_GIVES("[  0x0000000000000000]", "[%20p]", (void *)0);
    KERNEL_GIVES("[0x0000000000000000  ]", "[%-20p]", (void *)0);
    KERNEL_GIVES("[0x00000000000000ab]", "[%5p]", (void *)0xab);
    KERNEL_GIVES("[   0x00000000000000ab]", "[%*p]", 21, (void *)0xab);
    KERNEL_GIVES("[0x00000000000000ab   ]", "[%*p]", -21, (void *)0xab);
    /* Flags that make no sense for a pointer are ignored. */
    KERNEL_GIVES("0x00000000000000ab", "%+p", (void *)0xab);
    KERNEL_GIVES("0x00000000000000ab", "%#p", (void *)0xab);
    KERNEL_GIVES("0x00000000000000ab", "%.3p", (void *)0xab);
    KERNEL_GIVES("[   0x00000000000000ab]", "[%021p]", (void *)0xab);
    KERNEL_GIVES("a 0x0000000000000001 b 0x0000000000000002", "a %p b %p", (void *)1,
                 (void *)2);
}

TEST(null_string)
{
    const char *volatile null = NULL;
    KERNEL_GIVES("(null)", "%s", null);
    KERNEL_GIVES("[    (null)]", "[%10s]", null);
    KERNEL_GIVES("[(null)    ]", "[%-10s]", null);
    KERNEL_GIVES("[(nu]", "[%.3s]", null);     /* glibc: "[]" */
    KERNEL_GIVES("[(null)]", "[%.6s]", null);
    KERNEL_GIVES("[]", "[%.0s]", null);
}

TEST(unknown_and_incomplete_conversions)
{
    KERNEL_GIVES("%y", "%y");
    KERNEL_GIVES("a%qb", "a%qb");
    KERNEL_GIVES("5%y", "%d%y", 5);
    KERNEL_GIVES("abc", "abc%");
    KERNEL_GIVES("abc", "abc%5");
    KERNEL_GIVES("abc", "abc%-");
    KERNEL_GIVES("abc", "abc%l");
    KERNEL_GIVES("abc", "abc%.");
    KERNEL_GIVES("%n", "%n");                /* never writes through a pointer */
    char buf[8];
    EXPECT_EQ(kfmt(buf, sizeof buf, "%"), 0);
    EXPECT_STREQ(buf, "");
}
