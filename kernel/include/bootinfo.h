/*
 * bootinfo.h: what the boot loader told us, copied out of the multiboot2
 * information structure into kernel memory (init/multiboot2.c), plus the
 * options parsed from the kernel command line (init/cmdline.c).
 */
#ifndef WEFT_BOOTINFO_H
#define WEFT_BOOTINFO_H

#include <stdbool.h>
#include <stdint.h>

#define MB2_BOOTLOADER_MAGIC 0x36d76289u  /* what a multiboot2 loader puts in eax */

#define MEM_USABLE 1    /* multiboot2 memory-map type for available RAM */

struct mem_region {
    uint64_t base;
    uint64_t len;
    uint32_t type;      /* MEM_USABLE, or 2..5 for the kinds of reserved */
};

struct boot_module {
    uint64_t start;     /* physical, inclusive */
    uint64_t end;       /* physical, exclusive */
    char name[64];      /* the string GRUB's module2 line gave it */
};

#define MAX_MEM_REGIONS 64
#define MAX_MODULES     8
#define CMDLINE_MAX     1024
#define MAX_UNKNOWN_OPTS 8

struct boot_info {
    /* From the multiboot2 tags. */
    char cmdline[CMDLINE_MAX];
    char loader[64];
    struct mem_region mem[MAX_MEM_REGIONS];
    int nmem;
    struct boot_module modules[MAX_MODULES];
    int nmodules;
    uint64_t info_start, info_end;      /* where the structure itself lies */
    bool have_fb;
    uint32_t fb_type;                   /* 2 = EGA text */
    uint64_t fb_addr;
    uint32_t fb_width, fb_height;

    /* From the command line. */
    bool test_mode;                     /* "test" or "test=PATTERN" */
    char test_filter[64];               /* run only tests whose name contains this */
    char init_path[128];                /* "init=PATH", default /sbin/init */
    char init_cmd[CMDLINE_MAX];         /* everything after " -- " */
    bool quiet;                         /* "quiet": no banner */
    bool fork_eager;                    /* "fork=copy": fork copies pages at once (no COW) */
    char unknown[MAX_UNKNOWN_OPTS][32]; /* words we did not understand */
    int nunknown;
};

extern struct boot_info boot_info;

/*
 * Parse the multiboot2 information at 'info' (virtual address) whose
 * physical address is 'info_phys'. Returns 0, or -1 with *err set to a
 * sentence saying what is wrong (bad magic, garbled tag, no usable RAM).
 */
int multiboot2_parse(uint32_t magic, const void *info, uint64_t info_phys, struct boot_info *bi,
                     const char **err);

/* Fill the command-line fields of bi from bi->cmdline. */
void cmdline_parse(struct boot_info *bi);

#endif
