/*
 * elf.c: check an ELF executable before anything of it is loaded.
 *
 * A program file is untrusted input: a truncated, corrupt or hostile file
 * must give ENOEXEC and leave the caller running, never crash or confuse
 * the kernel. So every number is checked against the file size and the
 * user address space, and every sum is checked for overflow, before
 * exec.c maps a single page. Pure logic, tested on the host
 * (tests/unit/test_elf.c).
 */
#include "elf.h"
#include "errno.h"
#include "string.h"
#include <stdbool.h>

#define PAGE 4096ul

/* a + b without wrapping past 2^64 into *sum; false if it would wrap. */
static int add_ok(uint64_t a, uint64_t b, uint64_t *sum)
{
    return !__builtin_add_overflow(a, b, sum);
}

static int check_load(const Elf64_Phdr *ph, uint64_t filesize, uint64_t bias, uint64_t top)
{
    uint64_t file_end, mem_end;
    if (!add_ok(ph->p_offset, ph->p_filesz, &file_end) || file_end > filesize)
        return -ENOEXEC;                    /* segment bytes beyond the file */
    if (ph->p_filesz > ph->p_memsz)
        return -ENOEXEC;
    if (!add_ok(bias, ph->p_vaddr, &mem_end) || !add_ok(mem_end, ph->p_memsz, &mem_end) ||
        mem_end > top)
        return -ENOEXEC;                    /* reaches into the kernel half */
    if ((ph->p_vaddr % PAGE) != (ph->p_offset % PAGE))
        return -ENOEXEC;                    /* cannot be mapped page by page */
    /* The NULL guard area stays unmapped: 0x10000 is MMAP_MIN_ADDR (mm.h),
     * written out because this pure file includes no memory headers. */
    if (bias + ph->p_vaddr < 0x10000)
        return -ENOEXEC;
    return 0;
}

int elf_parse(const void *head, size_t hlen, uint64_t filesize, uint64_t top,
              struct elf_info *info)
{
    const Elf64_Ehdr *eh = head;
    if (hlen < sizeof *eh || memcmp(eh->e_ident, "\177ELF", 4) != 0)
        return -ENOEXEC;
    if (eh->e_ident[4] != ELFCLASS64 || eh->e_ident[5] != ELFDATA2LSB ||
        eh->e_ident[6] != EV_CURRENT || eh->e_machine != EM_X86_64)
        return -ENOEXEC;                    /* not a 64-bit x86 little-endian ELF */
    if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
        return -ENOEXEC;
    if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 ||
        eh->e_phnum > ELF_MAX_PHDRS)
        return -ENOEXEC;                    /* absurd program header counts */
    uint64_t ph_end = eh->e_phoff + (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr);
    if (ph_end < eh->e_phoff || ph_end > hlen || ph_end > filesize)
        return -ENOEXEC;                    /* headers beyond what we have */

    memset(info, 0, sizeof *info);
    info->bias = eh->e_type == ET_DYN ? ELF_ET_DYN_BASE : 0;
    info->phnum = eh->e_phnum;
    memcpy(info->phdrs, (const char *)head + eh->e_phoff, eh->e_phnum * sizeof(Elf64_Phdr));

    int loads = 0;
    bool entry_ok = false;
    for (int i = 0; i < info->phnum; i++) {
        const Elf64_Phdr *ph = &info->phdrs[i];
        if (ph->p_type == PT_INTERP)
            return -ENOEXEC;                /* dynamically linked: no ld.so here */
        if (ph->p_type != PT_LOAD)
            continue;
        if (check_load(ph, filesize, info->bias, top) < 0)
            return -ENOEXEC;
        loads++;
        /* The program headers must be visible in memory for AT_PHDR:
         * find the segment that contains them. */
        if (eh->e_phoff >= ph->p_offset && ph_end <= ph->p_offset + ph->p_filesz)
            info->phdr_addr = info->bias + ph->p_vaddr + (eh->e_phoff - ph->p_offset);
        if ((ph->p_flags & PF_X) && eh->e_entry >= ph->p_vaddr &&
            eh->e_entry < ph->p_vaddr + ph->p_memsz)
            entry_ok = true;
    }
    if (loads == 0 || !entry_ok)
        return -ENOEXEC;                    /* nothing to run, or entry outside code */
    info->entry = info->bias + eh->e_entry;
    return 0;
}
