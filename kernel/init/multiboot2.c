/*
 * multiboot2.c: read the boot information GRUB left us.
 *
 * The structure (multiboot2 specification, section 3.6) is a total size, a
 * reserved word, then a list of tags, each 8-byte aligned:
 *
 *      u32 type; u32 size; ...payload...
 *
 * ending with a tag of type 0. We copy out what we need (command line,
 * memory map, modules, framebuffer) because the memory the structure lies
 * in is ordinary RAM we want to reuse, and we check every size on the way:
 * a garbled structure must give a clear panic, not a wild read.
 *
 * This file is pure logic: the host unit tests (tests/unit) feed it
 * hand-made structures.
 */
#include "bootinfo.h"
#include "string.h"

#define TAG_END         0
#define TAG_CMDLINE     1
#define TAG_LOADER      2
#define TAG_MODULE      3
#define TAG_MMAP        6
#define TAG_FRAMEBUFFER 8

#define INFO_MAX_SIZE   (1u << 20)      /* no sane loader writes more than 1 MiB */

struct tag {
    uint32_t type;
    uint32_t size;
};

struct tag_mmap {
    uint32_t type, size;
    uint32_t entry_size;
    uint32_t entry_version;
    /* entries follow */
};

struct mmap_entry {
    uint64_t base, len;
    uint32_t type, reserved;
};

struct tag_module {
    uint32_t type, size;
    uint32_t mod_start, mod_end;
    /* NUL-terminated string follows */
};

struct tag_framebuffer {
    uint32_t type, size;
    uint64_t addr;
    uint32_t pitch, width, height;
    uint8_t bpp, fb_type;
};

/* Copy a string that must end inside 'max' bytes. */
static void copy_string(char *dst, size_t dstsize, const char *src, size_t max)
{
    size_t n = strnlen(src, max);
    if (n >= dstsize)
        n = dstsize - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static int parse_mmap(const struct tag_mmap *t, struct boot_info *bi, const char **err)
{
    if (t->size < sizeof(*t) || t->entry_size < sizeof(struct mmap_entry)) {
        *err = "multiboot2: memory map tag has a bad entry size";
        return -1;
    }
    const uint8_t *p = (const uint8_t *)(t + 1);
    const uint8_t *end = (const uint8_t *)t + t->size;
    for (; p + t->entry_size <= end; p += t->entry_size) {
        const struct mmap_entry *e = (const void *)p;
        if (bi->nmem == MAX_MEM_REGIONS)
            break;                          /* keep the first 64; say nothing */
        if (e->len == 0 || e->base + e->len < e->base)
            continue;                       /* empty or wrapping: ignore */
        bi->mem[bi->nmem++] = (struct mem_region){ e->base, e->len, e->type };
    }
    return 0;
}

/* Usable RAM above 1 MiB, in bytes: the kernel needs some to run at all. */
static uint64_t usable_above_1m(const struct boot_info *bi)
{
    uint64_t total = 0;
    for (int i = 0; i < bi->nmem; i++) {
        const struct mem_region *r = &bi->mem[i];
        uint64_t start = r->base, end = r->base + r->len;
        if (r->type != MEM_USABLE || end <= 0x100000)
            continue;
        if (start < 0x100000)
            start = 0x100000;
        total += end - start;
    }
    return total;
}

int multiboot2_parse(uint32_t magic, const void *info, uint64_t info_phys, struct boot_info *bi,
                     const char **err)
{
    if (magic != MB2_BOOTLOADER_MAGIC) {
        *err = "not started by a multiboot2 boot loader (wrong magic in eax)";
        return -1;
    }
    if (info == 0 || ((uint64_t)info & 7) != 0) {
        *err = "multiboot2: the information structure is missing or misaligned";
        return -1;
    }
    uint32_t total = *(const uint32_t *)info;
    if (total < 16 || total > INFO_MAX_SIZE) {
        *err = "multiboot2: the information structure has an absurd total size";
        return -1;
    }
    bi->info_start = info_phys;
    bi->info_end = info_phys + total;

    const uint8_t *base = info;
    uint32_t off = 8;                       /* skip total_size and reserved */
    for (;;) {
        if (off + sizeof(struct tag) > total) {
            *err = "multiboot2: the tag list runs past the end (no end tag)";
            return -1;
        }
        const struct tag *t = (const void *)(base + off);
        if (t->size < sizeof(struct tag) || t->size > total - off) {
            *err = "multiboot2: a tag has a size that does not fit";
            return -1;
        }
        if (t->type == TAG_END)
            break;
        switch (t->type) {
        case TAG_CMDLINE:
            copy_string(bi->cmdline, sizeof bi->cmdline, (const char *)(t + 1),
                        t->size - sizeof *t);
            break;
        case TAG_LOADER:
            copy_string(bi->loader, sizeof bi->loader, (const char *)(t + 1),
                        t->size - sizeof *t);
            break;
        case TAG_MMAP:
            if (parse_mmap((const void *)t, bi, err) < 0)
                return -1;
            break;
        case TAG_MODULE: {
            const struct tag_module *m = (const void *)t;
            if (t->size < sizeof *m || m->mod_end < m->mod_start) {
                *err = "multiboot2: a module tag is garbled";
                return -1;
            }
            if (bi->nmodules == MAX_MODULES)
                break;
            struct boot_module *bm = &bi->modules[bi->nmodules++];
            bm->start = m->mod_start;
            bm->end = m->mod_end;
            copy_string(bm->name, sizeof bm->name, (const char *)(m + 1), t->size - sizeof *m);
            break;
        }
        case TAG_FRAMEBUFFER: {
            const struct tag_framebuffer *f = (const void *)t;
            if (t->size < sizeof *f)
                break;
            bi->have_fb = true;
            bi->fb_type = f->fb_type;
            bi->fb_addr = f->addr;
            bi->fb_width = f->width;
            bi->fb_height = f->height;
            break;
        }
        default:
            break;                          /* tags we do not use */
        }
        off += (t->size + 7) & ~7u;         /* tags are 8-byte aligned */
    }

    if (bi->nmem == 0) {
        *err = "multiboot2: the boot loader gave no memory map";
        return -1;
    }
    if (usable_above_1m(bi) < (2u << 20)) {
        *err = "no usable RAM above 1 MiB (need at least 2 MiB)";
        return -1;
    }
    return 0;
}
