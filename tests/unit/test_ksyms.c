/*
 * test_ksyms.c: lib/ksyms.c, address -> "function+offset" from the text
 * `nm -n` prints.
 *
 * The table is searched in place with an explicit length (GRUB's module is
 * not NUL-terminated), so every table here is copied into a heap block of
 * exactly its length: AddressSanitizer catches a read past the end.
 */
#include "unit.h"
#include "backtrace.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *table;

static void load(const char *text, size_t len)
{
    free(table);
    table = malloc(len ? len : 1);
    memcpy(table, text, len);
    ksyms_init(table, len);
}

static void load_str(const char *text)
{
    load(text, strlen(text));
}

/* A table like the build's, with the lines a plain `nm -n` adds too:
 * undefined symbols, data (D, d), bss (b, B), read-only data (r, R), weak
 * (W), absolute (A). Only t and T name functions. */
static const char nm_table[] =
    "                 U some_undefined_symbol\n"
    "0000000000100000 A _phys_start\n"
    "ffffffff80100000 T _start\n"
    "ffffffff80100040 T kmain\n"
    "ffffffff80100100 t helper\n"
    "ffffffff80100180 R rodata_thing\n"
    "ffffffff80100200 D some_data\n"
    "ffffffff80100210 d local_data\n"
    "ffffffff80100280 T panic\n"
    "ffffffff80100300 b bss_thing\n"
    "ffffffff80100310 B bss_global\n"
    "ffffffff80100320 W weak_function\n"
    "ffffffff80100380 r rodata_local\n"
    "ffffffff80100400 T a_function_with_a_rather_long_name_for_the_buffer\n"
    "ffffffff80100480 t last_function\n";

static int lookup(uint64_t addr, char *buf, size_t size, uint64_t *off)
{
    memset(buf, '#', size);
    *off = 0xdead;
    return ksym_lookup(addr, buf, size, off);
}

/* addr is 'off' bytes into the function 'name'. A macro, so that a
 * failure names the line of the test. */
#define EXPECT_SYM(addr, name, off)                                               \
    do {                                                                          \
        char sym_[64];                                                            \
        uint64_t off_;                                                            \
        EXPECT_EQ(lookup(addr, sym_, sizeof sym_, &off_), 0);                     \
        EXPECT_STREQ(sym_, name);                                                 \
        EXPECT_EQ(off_, off);                                                     \
    } while (0)

TEST(inside_a_function)
{
    load_str(nm_table);
    EXPECT_SYM(0xffffffff80100050, "kmain", 0x10);
    EXPECT_SYM(0xffffffff801000ff, "kmain", 0xbf);
    EXPECT_SYM(0xffffffff80100123, "helper", 0x23);         /* local (t) symbols count */
}

TEST(exactly_at_a_start)
{
    load_str(nm_table);
    EXPECT_SYM(0xffffffff80100000, "_start", 0);
    EXPECT_SYM(0xffffffff80100040, "kmain", 0);
    EXPECT_SYM(0xffffffff80100280, "panic", 0);
}

TEST(before_the_first_symbol)
{
    load_str(nm_table);
    char name[64];
    uint64_t off;
    EXPECT_EQ(lookup(0xffffffff800fffff, name, sizeof name, &off), -1);
    EXPECT_EQ(lookup(0, name, sizeof name, &off), -1);
    /* The absolute symbol at 0x100000 is not a function. */
    EXPECT_EQ(lookup(0x100010, name, sizeof name, &off), -1);
}

/* Past the last symbol nm has no size to say where it ends: the last
 * function is named, with a large offset. */
TEST(after_the_last_symbol)
{
    load_str(nm_table);
    EXPECT_SYM(0xffffffff80100490, "last_function", 0x10);
    EXPECT_SYM(0xffffffffffffffff, "last_function", 0xffffffffffffffff - 0xffffffff80100480);
}

/* Data, bss, rodata, weak and absolute symbols never name an address. */
TEST(other_symbol_types_ignored)
{
    load_str(nm_table);
    EXPECT_SYM(0xffffffff80100208, "helper", 0x108);        /* not some_data */
    EXPECT_SYM(0xffffffff80100388, "panic", 0x108);         /* not rodata_local, bss, weak */
    EXPECT_SYM(0xffffffff80100190, "helper", 0x90);         /* not rodata_thing */
}

TEST(name_truncated_to_the_buffer)
{
    load_str(nm_table);
    char name[64];
    uint64_t off;
    EXPECT_EQ(lookup(0xffffffff80100404, name, 16, &off), 0);
    EXPECT_STREQ(name, "a_function_with");          /* 15 characters and a NUL */
    EXPECT_EQ(name[16], '#');                       /* nothing written beyond */
    EXPECT_EQ(off, 4);
    memset(name, '#', sizeof name);
    EXPECT_EQ(lookup(0xffffffff80100404, name, 1, &off), 0);
    EXPECT_STREQ(name, "");
    EXPECT_EQ(name[1], '#');
    EXPECT_EQ(lookup(0xffffffff80100050, name, 6, &off), 0);
    EXPECT_STREQ(name, "kmain");                    /* exactly fits */
    EXPECT_EQ(lookup(0xffffffff80100050, name, 0, &off), -1);
}

TEST(empty_or_missing_table)
{
    char name[64];
    uint64_t off;
    ksyms_init(NULL, 0);
    EXPECT_EQ(lookup(0xffffffff80100050, name, sizeof name, &off), -1);
    load("", 0);
    EXPECT_EQ(lookup(0xffffffff80100050, name, sizeof name, &off), -1);
    load_str("\n\n\n");
    EXPECT_EQ(lookup(0xffffffff80100050, name, sizeof name, &off), -1);
}

/* The last line without a newline; the table's length, not a NUL, ends it. */
TEST(table_length_bounds_the_search)
{
    char name[64];
    uint64_t off;
    load_str("ffffffff80100000 T first\nffffffff80100100 T second");
    EXPECT_SYM(0xffffffff80100108, "second", 8);

    /* Cut in the middle of the last name: the name ends at the cut. */
    static const char text[] = "ffffffff80100000 T first\nffffffff80100100 T second\n";
    load(text, strlen(text) - 4);                   /* without "ond\n" */
    EXPECT_EQ(lookup(0xffffffff80100108, name, sizeof name, &off), 0);
    EXPECT_STREQ(name, "sec");

    /* Cut before the second line's name: only the first is there. */
    load(text, 25 + 19);
    EXPECT_SYM(0xffffffff80100108, "first", 0x108);
}

TEST(malformed_lines_skipped)
{
    load_str("ffffffff80100000 T good\n"
             "ffffffff80100100 T\n"                 /* no name */
             "ffffffff80100180 T \n"                /* empty name */
             "ffffffff80100200\n"                   /* no type */
             "ffffffff80100280 Tx bad\n"            /* type not one letter */
             "zzzz T notanaddress\n"
             "ffffffff80100300  T twospaces\n"
             "ffffffff80100400 t fine\n");
    EXPECT_SYM(0xffffffff80100380, "good", 0x380);
    EXPECT_SYM(0xffffffff80100400, "fine", 0);
}

TEST(upper_case_hex)
{
    load_str("FFFFFFFF80100000 T upper\nFFFFFFFF80100A00 T later\n");
    EXPECT_SYM(0xffffffff801009ff, "upper", 0x9ff);
    EXPECT_SYM(0xffffffff80100a01, "later", 1);
}

/* A table of many functions: every address names the right one. */
TEST(many_symbols)
{
    static char text[200 * 32];
    size_t len = 0;
    for (int i = 0; i < 200; i++)
        len += (size_t)snprintf(text + len, sizeof text - len, "%016llx %c fn%d\n",
                                0xffffffff80200000ull + (unsigned long long)i * 0x40,
                                i % 3 ? 'T' : 't', i);
    load(text, len);
    int wrong = 0;
    for (int i = 0; i < 200; i++) {
        char name[64], want[16];
        uint64_t off;
        snprintf(want, sizeof want, "fn%d", i);
        uint64_t a = 0xffffffff80200000ull + (uint64_t)i * 0x40 + (uint64_t)(i % 0x40);
        if (lookup(a, name, sizeof name, &off) != 0 || strcmp(name, want) != 0 ||
            off != (uint64_t)(i % 0x40))
            wrong++;
    }
    EXPECT_EQ(wrong, 0);
}
