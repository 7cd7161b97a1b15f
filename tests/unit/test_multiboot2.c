/*
 * test_multiboot2.c: init/multiboot2.c, the boot information parser.
 *
 * Each test builds a multiboot2 information structure by hand (as GRUB
 * lays it out: total size, reserved word, 8-byte aligned tags, end tag)
 * and parses it. The finished structure is copied into a heap block of
 * exactly its total size, so AddressSanitizer catches any read past it: a
 * garbled structure must give an error, never a wild read.
 */
#include "unit.h"
#include "bootinfo.h"
#include <stdlib.h>
#include <string.h>

#define MiB (1ull << 20)

struct builder {
    _Alignas(8) uint8_t buf[16384];
    uint32_t len;
};

static struct builder mb;
static struct boot_info bi;
static const char *err;
static void *info;                  /* the last structure made by finish() */

static void begin(void)
{
    memset(&mb, 0xee, sizeof mb);   /* padding is garbage, not zeros */
    mb.len = 8;
}

/* Append a tag with 'size' bytes (header included) of 'payload' after the
 * 8-byte header; the next tag starts at the next multiple of 8. */
static void tag(uint32_t type, uint32_t size, const void *payload, size_t plen)
{
    uint32_t hdr[2] = { type, size };
    memcpy(mb.buf + mb.len, hdr, 8);
    if (plen)
        memcpy(mb.buf + mb.len + 8, payload, plen);
    mb.len += (size + 7) & ~7u;
}

static void string_tag(uint32_t type, const char *s)
{
    tag(type, 8 + (uint32_t)strlen(s) + 1, s, strlen(s) + 1);
}

static void cmdline(const char *s) { string_tag(1, s); }
static void loader(const char *s) { string_tag(2, s); }

static void module(uint32_t start, uint32_t end, const char *name)
{
    uint8_t p[4096];
    memcpy(p, &start, 4);
    memcpy(p + 4, &end, 4);
    size_t n = strlen(name) + 1;
    memcpy(p + 8, name, n);
    tag(3, (uint32_t)(16 + n), p, 8 + n);
}

struct entry {
    uint64_t base, len;
    uint32_t type, reserved;
};

/* A memory map tag with 'n' entries of 'esize' bytes each. */
static void mmap_tag(const struct entry *e, int n, uint32_t esize)
{
    uint8_t p[8192];
    uint32_t head[2] = { esize, 0 };
    memcpy(p, head, 8);
    memset(p + 8, 0, (size_t)n * esize);
    for (int i = 0; i < n; i++)
        memcpy(p + 8 + (size_t)i * esize, &e[i], sizeof e[i]);
    tag(6, 16 + (uint32_t)n * esize, p, 8 + (size_t)n * esize);
}

/* A typical PC with 'mib' MiB of RAM, as QEMU's firmware reports it. */
static void pc_mmap(uint64_t mib)
{
    struct entry e[] = {
        { 0, 0x9fc00, 1, 0 },
        { 0x9fc00, 0x400, 2, 0 },
        { 0xf0000, 0x10000, 2, 0 },
        { 0x100000, mib * MiB - 0x100000 - 0x20000, 1, 0 },
        { mib * MiB - 0x20000, 0x20000, 2, 0 },
        { 0xfffc0000, 0x40000, 2, 0 },
    };
    mmap_tag(e, 6, 24);
}

static void fb_tag(uint64_t addr, uint32_t w, uint32_t h, uint8_t type)
{
    uint8_t p[24] = { 0 };
    uint32_t pitch = w * 2;
    memcpy(p, &addr, 8);
    memcpy(p + 8, &pitch, 4);
    memcpy(p + 12, &w, 4);
    memcpy(p + 16, &h, 4);
    p[20] = 16;                     /* bpp */
    p[21] = type;
    tag(8, 32, p, 24);
}

static void end_tag(void) { tag(0, 8, NULL, 0); }

/* Write total_size (the real length unless 'total' says otherwise) and
 * copy the structure into a block of exactly its real length. */
static void *finish_as(uint32_t total)
{
    uint32_t reserved = 0;
    memcpy(mb.buf, &total, 4);
    memcpy(mb.buf + 4, &reserved, 4);
    free(info);
    info = malloc(mb.len);          /* malloc: 16-byte aligned */
    memcpy(info, mb.buf, mb.len);
    return info;
}

static void *finish(void) { return finish_as(mb.len); }

static int parse(void *p)
{
    memset(&bi, 0, sizeof bi);
    err = NULL;
    return multiboot2_parse(MB2_BOOTLOADER_MAGIC, p, 0x10000, &bi, &err);
}

/* A parse that must fail, with 'what' in the error. */
#define EXPECT_ERROR(p, what)                                                     \
    do {                                                                          \
        int r_ = parse(p);                                                        \
        EXPECT_EQ(r_, -1);                                                        \
        EXPECT(err != NULL && strstr(err, what) != NULL);                         \
        if (err && !strstr(err, what))                                            \
            unit_fail(__FILE__, __LINE__, "error was \"%s\"", err);               \
    } while (0)

/* --- A good structure -------------------------------------------------------- */

TEST(valid_structure_copied_out)
{
    begin();
    cmdline("test=kernel/ quiet");
    loader("GRUB 2.06-13+deb12u1");
    tag(4, 16, "\x80\x02\0\0\x00\xfc\x0f\0", 8);    /* basic meminfo: not used */
    pc_mmap(256);
    module(0x200000, 0x212345, "symbols");
    module(0x213000, 0x300000, "initramfs");
    fb_tag(0xb8000, 80, 25, 2);
    end_tag();
    void *p = finish();
    EXPECT_EQ(parse(p), 0);
    EXPECT(err == NULL);
    EXPECT_STREQ(bi.cmdline, "test=kernel/ quiet");
    EXPECT_STREQ(bi.loader, "GRUB 2.06-13+deb12u1");
    EXPECT_EQ(bi.info_start, 0x10000);
    EXPECT_EQ(bi.info_end, 0x10000 + mb.len);
    EXPECT_EQ(bi.nmem, 6);
    EXPECT_EQ(bi.mem[0].base, 0);
    EXPECT_EQ(bi.mem[0].len, 0x9fc00);
    EXPECT_EQ(bi.mem[0].type, MEM_USABLE);
    EXPECT_EQ(bi.mem[1].type, 2);
    EXPECT_EQ(bi.mem[3].base, 0x100000);
    EXPECT_EQ(bi.mem[3].len, 256 * MiB - 0x120000);
    EXPECT_EQ(bi.mem[3].type, MEM_USABLE);
    EXPECT_EQ(bi.mem[5].base, 0xfffc0000);
    EXPECT_EQ(bi.nmodules, 2);
    EXPECT_EQ(bi.modules[0].start, 0x200000);
    EXPECT_EQ(bi.modules[0].end, 0x212345);
    EXPECT_STREQ(bi.modules[0].name, "symbols");
    EXPECT_EQ(bi.modules[1].start, 0x213000);
    EXPECT_EQ(bi.modules[1].end, 0x300000);
    EXPECT_STREQ(bi.modules[1].name, "initramfs");
    EXPECT(bi.have_fb);
    EXPECT_EQ(bi.fb_type, 2);
    EXPECT_EQ(bi.fb_addr, 0xb8000);
    EXPECT_EQ(bi.fb_width, 80);
    EXPECT_EQ(bi.fb_height, 25);
    /* The command-line fields are cmdline_parse's business, not ours. */
    EXPECT(!bi.test_mode);
}

/* The smallest structure that is accepted: a memory map and an end tag. */
TEST(minimal_structure)
{
    begin();
    pc_mmap(64);
    end_tag();
    EXPECT_EQ(parse(finish()), 0);
    EXPECT_STREQ(bi.cmdline, "");
    EXPECT_EQ(bi.nmodules, 0);
    EXPECT(!bi.have_fb);
}

/* Unknown tags, and tags of odd sizes, are stepped over. */
TEST(unknown_tags_skipped)
{
    begin();
    tag(14, 8 + 20, "RSD PTR xxxxxxxxxxxxx", 20);   /* ACPI, size not a multiple of 8 */
    tag(5, 20, "\x80\0\0\0\xff\xff\xff\xff\xff\xff\xff\xff", 12);  /* boot device */
    tag(999, 9, "z", 1);
    cmdline("after");
    pc_mmap(64);
    end_tag();
    EXPECT_EQ(parse(finish()), 0);
    EXPECT_STREQ(bi.cmdline, "after");
    EXPECT_EQ(bi.nmem, 6);
}

/* Nothing after the end tag is looked at. */
TEST(tags_after_the_end_tag_ignored)
{
    begin();
    pc_mmap(64);
    end_tag();
    cmdline("too late");
    tag(3, 4, NULL, 0);                             /* would be garbled */
    EXPECT_EQ(parse(finish()), 0);
    EXPECT_STREQ(bi.cmdline, "");
    EXPECT_EQ(bi.nmodules, 0);
}

/* --- Bad structures ------------------------------------------------------------ */

TEST(wrong_magic)
{
    begin();
    pc_mmap(64);
    end_tag();
    void *p = finish();
    memset(&bi, 0, sizeof bi);
    EXPECT_EQ(multiboot2_parse(0x2badb002, p, 0x10000, &bi, &err), -1);  /* multiboot1's */
    EXPECT(err && strstr(err, "magic"));
    err = NULL;
    EXPECT_EQ(multiboot2_parse(0, p, 0x10000, &bi, &err), -1);
    EXPECT(err && strstr(err, "magic"));
    EXPECT_EQ(bi.nmem, 0);                          /* nothing read */
}

TEST(missing_or_misaligned_structure)
{
    memset(&bi, 0, sizeof bi);
    EXPECT_EQ(multiboot2_parse(MB2_BOOTLOADER_MAGIC, NULL, 0, &bi, &err), -1);
    EXPECT(err && strstr(err, "missing"));
    begin();
    pc_mmap(64);
    end_tag();
    uint8_t *p = finish();
    static _Alignas(8) uint8_t shifted[4096 + 8];
    memcpy(shifted + 4, p, mb.len);
    err = NULL;
    EXPECT_EQ(multiboot2_parse(MB2_BOOTLOADER_MAGIC, shifted + 4, 0, &bi, &err), -1);
    EXPECT(err && strstr(err, "misaligned"));
}

TEST(absurd_total_size)
{
    begin();
    pc_mmap(64);
    end_tag();
    finish_as(0);
    EXPECT_ERROR(info, "total size");
    finish_as(8);
    EXPECT_ERROR(info, "total size");
    finish_as(15);
    EXPECT_ERROR(info, "total size");
    finish_as(0xffffffff);          /* the block is small: nothing past 8 bytes is read */
    EXPECT_ERROR(info, "total size");
    finish_as(2u << 20);
    EXPECT_ERROR(info, "total size");
}

/* total_size smaller than the tags: the parser stops at total_size. */
TEST(total_size_cuts_the_tags)
{
    begin();
    pc_mmap(64);
    uint32_t at = mb.len;
    cmdline("this tag crosses the end");
    end_tag();
    finish_as(at + 8);
    EXPECT_ERROR(info, "does not fit");
    finish_as(at + 4);              /* not even room for a tag header */
    EXPECT_ERROR(info, "no end tag");
}

TEST(tag_running_past_the_end)
{
    begin();
    pc_mmap(64);
    tag(1, 64, "short", 6);         /* says 64 bytes ... */
    mb.len -= 64 - 16;              /* ... but only 16 are there */
    finish();
    EXPECT_ERROR(info, "does not fit");

    begin();
    pc_mmap(64);
    uint32_t at = mb.len;
    tag(77, 16, NULL, 0);
    uint32_t huge = 0xfffffff0;     /* size near 4 GiB: must not wrap */
    memcpy(mb.buf + at + 4, &huge, 4);
    end_tag();
    finish();
    EXPECT_ERROR(info, "does not fit");
}

TEST(tag_smaller_than_its_header)
{
    static const uint32_t sizes[] = { 0, 1, 7 };
    for (int i = 0; i < 3; i++) {
        begin();
        pc_mmap(64);
        tag(1, sizes[i], NULL, 0);
        mb.len += 8;                /* leave room for a whole header */
        end_tag();
        finish();
        EXPECT_ERROR(info, "does not fit");
    }
}

TEST(missing_end_tag)
{
    begin();
    pc_mmap(64);
    cmdline("no end");
    finish();
    EXPECT_ERROR(info, "no end tag");

    /* A last tag whose size is not a multiple of 8, ending at total_size. */
    begin();
    pc_mmap(64);
    tag(1, 13, "abcd", 5);
    mb.len -= 3;
    finish();
    EXPECT_ERROR(info, "no end tag");
}

TEST(mmap_entry_size_too_small)
{
    begin();
    struct entry e[] = { { 0x100000, 64 * MiB, 1, 0 } };
    mmap_tag(e, 1, 16);
    end_tag();
    EXPECT_ERROR(finish(), "entry size");

    begin();
    mmap_tag(e, 1, 0);              /* 0 would loop forever */
    end_tag();
    EXPECT_ERROR(finish(), "entry size");

    begin();
    tag(6, 12, "\x18\0\0\0", 4);    /* too short for entry_size + version */
    end_tag();
    EXPECT_ERROR(finish(), "entry size");
}

/* Entries bigger than ours (a newer entry_version) are stepped over by
 * entry_size; a partial entry at the end of the tag is ignored. */
TEST(mmap_larger_entries_and_partial_tail)
{
    begin();
    struct entry e[] = {
        { 0, 0x9fc00, 1, 0 },
        { 0x100000, 32 * MiB, 1, 0 },
        { 0xfffc0000, 0x40000, 2, 0 },
    };
    mmap_tag(e, 3, 40);
    end_tag();
    EXPECT_EQ(parse(finish()), 0);
    EXPECT_EQ(bi.nmem, 3);
    EXPECT_EQ(bi.mem[1].base, 0x100000);
    EXPECT_EQ(bi.mem[1].len, 32 * MiB);
    EXPECT_EQ(bi.mem[2].type, 2);

    begin();
    mmap_tag(e, 3, 24);
    /* Grow the tag by 16 bytes: not a whole entry. */
    uint32_t *size = (uint32_t *)(mb.buf + 8 + 4);
    *size += 16;
    memset(mb.buf + mb.len, 0x11, 16);
    mb.len += 16;
    end_tag();
    EXPECT_EQ(parse(finish()), 0);
    EXPECT_EQ(bi.nmem, 3);
}

TEST(mmap_empty_and_wrapping_entries_dropped)
{
    begin();
    struct entry e[] = {
        { 0x100000, 0, 1, 0 },                          /* empty */
        { 0xfffffffffffff000, 0x2000, 1, 0 },           /* wraps around */
        { 0x100000, 16 * MiB, 1, 0 },
        { 0xffffffffffff0000, 0x10000, 2, 0 },          /* ends exactly at 2^64: wraps to 0 */
    };
    mmap_tag(e, 4, 24);
    end_tag();
    EXPECT_EQ(parse(finish()), 0);
    EXPECT_EQ(bi.nmem, 1);
    EXPECT_EQ(bi.mem[0].len, 16 * MiB);
}

TEST(mmap_more_than_max_regions)
{
    begin();
    static struct entry e[MAX_MEM_REGIONS + 10];
    for (int i = 0; i < MAX_MEM_REGIONS + 10; i++)
        e[i] = (struct entry){ (uint64_t)i * 4 * MiB, 4 * MiB - 0x1000, i % 2 ? 2 : 1, 0 };
    mmap_tag(e, MAX_MEM_REGIONS + 10, 24);
    end_tag();
    EXPECT_EQ(parse(finish()), 0);
    EXPECT_EQ(bi.nmem, MAX_MEM_REGIONS);
    EXPECT_EQ(bi.mem[MAX_MEM_REGIONS - 1].base, (uint64_t)(MAX_MEM_REGIONS - 1) * 4 * MiB);
}

TEST(no_memory_map)
{
    begin();
    cmdline("hello");
    end_tag();
    EXPECT_ERROR(finish(), "memory map");
}

TEST(module_end_before_start)
{
    begin();
    pc_mmap(64);
    module(0x300000, 0x2fffff, "backwards");
    end_tag();
    EXPECT_ERROR(finish(), "module");

    begin();
    pc_mmap(64);
    tag(3, 12, "\0\0\x30\0", 4);    /* too short for start and end */
    end_tag();
    EXPECT_ERROR(finish(), "module");
}

TEST(module_empty_and_many)
{
    begin();
    pc_mmap(64);
    module(0x300000, 0x300000, "");                 /* empty module, empty name */
    for (int i = 0; i < MAX_MODULES + 3; i++) {
        char name[16] = "mod0";
        name[3] = (char)('a' + i);
        module(0x400000 + (uint32_t)i * 0x1000, 0x400800 + (uint32_t)i * 0x1000, name);
    }
    end_tag();
    EXPECT_EQ(parse(finish()), 0);
    EXPECT_EQ(bi.nmodules, MAX_MODULES);
    EXPECT_EQ(bi.modules[0].start, 0x300000);
    EXPECT_EQ(bi.modules[0].end, 0x300000);
    EXPECT_STREQ(bi.modules[0].name, "");
    EXPECT_STREQ(bi.modules[1].name, "moda");
    EXPECT_STREQ(bi.modules[MAX_MODULES - 1].name, "modg");
}

/* --- Usable RAM ---------------------------------------------------------------- */

static int parse_map(const struct entry *e, int n)
{
    begin();
    mmap_tag(e, n, 24);
    end_tag();
    return parse(finish());
}

TEST(no_usable_ram_above_1mib)
{
    struct entry low_only[] = {
        { 0, 0x9fc00, 1, 0 },
        { 0x100000, 64 * MiB, 2, 0 },               /* reserved, not usable */
    };
    EXPECT_EQ(parse_map(low_only, 2), -1);
    EXPECT(err && strstr(err, "usable RAM"));

    struct entry too_little[] = {                   /* 1 MiB + 4 KiB above 1 MiB */
        { 0, 0x9fc00, 1, 0 },
        { 0x100000, MiB + 0x1000, 1, 0 },
    };
    EXPECT_EQ(parse_map(too_little, 2), -1);
    EXPECT(err && strstr(err, "usable RAM"));

    struct entry straddling[] = {                   /* only 1.5 MiB of it above 1 MiB */
        { 0x80000, 0x200000, 1, 0 },
    };
    EXPECT_EQ(parse_map(straddling, 1), -1);
    EXPECT(err && strstr(err, "usable RAM"));
}

TEST(just_enough_usable_ram)
{
    struct entry exactly[] = { { 0x100000, 2 * MiB, 1, 0 } };
    EXPECT_EQ(parse_map(exactly, 1), 0);

    struct entry straddling[] = { { 0x80000, 0x280000, 1, 0 } };    /* 2 MiB above */
    EXPECT_EQ(parse_map(straddling, 1), 0);

    struct entry pieces[] = {                       /* 1 + 1 MiB in two regions */
        { 0x100000, MiB, 1, 0 },
        { 0x200000, MiB, 3, 0 },
        { 0x400000, MiB, 1, 0 },
    };
    EXPECT_EQ(parse_map(pieces, 3), 0);
}

/* --- Strings ------------------------------------------------------------------- */

/* A command line with no NUL inside its tag stops at the tag's end (the
 * padding after it is garbage here, and must not be copied). */
TEST(cmdline_not_terminated_is_bounded)
{
    begin();
    tag(1, 8 + 5, "abcde", 5);      /* no NUL; then 3 bytes of 0xee padding */
    pc_mmap(64);
    end_tag();
    EXPECT_EQ(parse(finish()), 0);
    EXPECT_STREQ(bi.cmdline, "abcde");

    begin();
    tag(2, 8 + 3, "GRU", 3);
    tag(1, 8, NULL, 0);             /* an empty tag: an empty string */
    pc_mmap(64);
    end_tag();
    EXPECT_EQ(parse(finish()), 0);
    EXPECT_STREQ(bi.loader, "GRU");
    EXPECT_STREQ(bi.cmdline, "");
}

TEST(long_strings_truncated)
{
    static char lng[3000];
    memset(lng, 'c', sizeof lng - 1);
    begin();
    cmdline(lng);
    loader(lng);
    module(0x300000, 0x301000, lng);
    pc_mmap(64);
    end_tag();
    EXPECT_EQ(parse(finish()), 0);
    EXPECT_EQ(strlen(bi.cmdline), CMDLINE_MAX - 1);
    EXPECT_EQ(strlen(bi.loader), sizeof bi.loader - 1);
    EXPECT_EQ(strlen(bi.modules[0].name), sizeof bi.modules[0].name - 1);
    EXPECT_EQ(bi.cmdline[0], 'c');
}

/* A framebuffer tag too short to hold its fields is ignored, not an error. */
TEST(short_framebuffer_tag_ignored)
{
    begin();
    tag(8, 20, "\0\x80\x0b\0\0\0\0\0\xa0\0\0\0", 12);
    pc_mmap(64);
    end_tag();
    EXPECT_EQ(parse(finish()), 0);
    EXPECT(!bi.have_fb);
}
