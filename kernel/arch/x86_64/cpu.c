/*
 * cpu.c: detect CPU features with CPUID and enable the protections weft
 * relies on:
 *
 *   NX    data, stacks and heap are not executable (EFER.NXE, set in
 *         boot/entry.S; here we just record it for the page-table code)
 *   SMEP  the kernel faults if it ever jumps into a user page
 *   SMAP  the kernel faults if it touches a user page outside the
 *         copy_from_user/copy_to_user helpers (which set RFLAGS.AC)
 *   PGE   kernel pages are global: they survive CR3 reloads
 *   UMIP  user code cannot read the GDT/IDT addresses (sgdt, sidt)
 *
 * `-cpu max` in QEMU has all of them; on a CPU without one, weft runs
 * without it and says so in the banner.
 */
#include "cpu.h"
#include "paging.h"
#include "string.h"
#include "x86.h"

struct cpu_features cpu_features;

/* Is bit 'bit' of CPUID register value 'reg' set? */
#define HAS(reg, bit) (((reg) >> (bit)) & 1)

void cpu_init(void)
{
    uint32_t a, b, c, d, max, max_ext;

    cpuid(0, 0, &max, &b, &c, &d);
    memcpy(cpu_features.vendor + 0, &b, 4);     /* "GenuineIntel": ebx, edx, ecx */
    memcpy(cpu_features.vendor + 4, &d, 4);
    memcpy(cpu_features.vendor + 8, &c, 4);

    cpuid(1, 0, &a, &b, &c, &d);
    cpu_features.pge = HAS(d, 13);
    if (max >= 7) {
        cpuid(7, 0, &a, &b, &c, &d);
        cpu_features.fsgsbase = HAS(b, 0);
        cpu_features.smep = HAS(b, 7);
        cpu_features.smap = HAS(b, 20);
        cpu_features.umip = HAS(c, 2);
    }
    cpuid(0x80000000, 0, &max_ext, &b, &c, &d);
    if (max_ext >= 0x80000001) {
        cpuid(0x80000001, 0, &a, &b, &c, &d);
        cpu_features.nx = HAS(d, 20);
        cpu_features.pdpe1gb = HAS(d, 26);
    }
    if (max_ext >= 0x80000004) {                /* the brand string, 48 bytes */
        uint32_t *s = (uint32_t *)cpu_features.brand;
        for (uint32_t leaf = 0; leaf < 3; leaf++)
            cpuid(0x80000002 + leaf, 0, &s[leaf * 4], &s[leaf * 4 + 1], &s[leaf * 4 + 2],
                  &s[leaf * 4 + 3]);
    }

    pte_nx = cpu_features.nx ? PTE_NX : 0;
    pt_allow_1g = cpu_features.pdpe1gb;

    /* SSE for user programs: CR0.EM off, CR0.MP on, CR4.OSFXSR and
     * OSXMMEXCPT on. The kernel itself never touches these registers
     * (-mgeneral-regs-only); context switches save them per thread. */
    write_cr0((read_cr0() & ~(1ul << 2)) | (1ul << 1));
    uint64_t cr4 = read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT;
    if (cpu_features.pge)
        cr4 |= CR4_PGE;
    if (cpu_features.smep)
        cr4 |= CR4_SMEP;
    if (cpu_features.smap)
        cr4 |= CR4_SMAP;
    if (cpu_features.umip)
        cr4 |= CR4_UMIP;
    write_cr4(cr4);
}
