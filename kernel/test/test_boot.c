/*
 * test_boot.c: self tests of what boot left behind: the boot information,
 * the command line, the CPU protections, the symbol table.
 */
#include "backtrace.h"
#include "bootinfo.h"
#include "cpu.h"
#include "ktest.h"
#include "string.h"
#include "x86.h"

void kmain(uint32_t magic, uint64_t info_phys);

KTEST(multiboot2_info_parsed)
{
    KEXPECT(boot_info.nmem > 0);
    KEXPECT(boot_info.nmodules >= 2);       /* the symbol table and the initramfs */
    KEXPECT(strncmp(boot_info.loader, "GRUB", 4) == 0);
    KEXPECT(boot_info.info_end > boot_info.info_start);
}

/* The test boot passes "bogus_option" on purpose (tests/run-tests). */
KTEST(unknown_option_warned)
{
    int found = 0;
    for (int i = 0; i < boot_info.nunknown; i++)
        if (strcmp(boot_info.unknown[i], "bogus_option") == 0)
            found = 1;
    KEXPECT(found);
    KEXPECT(boot_info.test_mode);
}

KTEST(cpu_protections_enabled)
{
    uint64_t cr4 = read_cr4();
    KEXPECT(rdmsr(MSR_EFER) & EFER_NXE);    /* QEMU -cpu max has all of these */
    KEXPECT(cpu_features.nx && cpu_features.smep && cpu_features.smap);
    KEXPECT(cr4 & CR4_SMEP);
    KEXPECT(cr4 & CR4_SMAP);
    KEXPECT(cr4 & CR4_PGE);
    KEXPECT(read_cr0() & CR0_WP);
}

KTEST(symbols_name_functions)
{
    char name[64];
    uint64_t off = 99;
    KEXPECT(ksym_lookup((uint64_t)kmain + 5, name, sizeof name, &off) == 0);
    KEXPECT(strcmp(name, "kmain") == 0);
    KEXPECT(off == 5);
}
