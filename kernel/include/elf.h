/*
 * elf.h: the parts of the ELF-64 format the program loader reads (System V
 * ABI, "ELF-64 Object File Format"), and the checked summary elf_parse()
 * makes of an executable (proc/elf.c).
 */
#ifndef WEFT_ELF_H
#define WEFT_ELF_H

#include <stddef.h>
#include <stdint.h>

#define EI_NIDENT   16
#define ELFCLASS64  2
#define ELFDATA2LSB 1
#define EV_CURRENT  1
#define ET_EXEC     2       /* fixed addresses */
#define ET_DYN      3       /* position independent (static-pie) */
#define EM_X86_64   62

#define PT_NULL     0
#define PT_LOAD     1
#define PT_DYNAMIC  2
#define PT_INTERP   3
#define PT_NOTE     4
#define PT_PHDR     6
#define PT_TLS      7
#define PT_GNU_STACK 0x6474e551

#define PF_X        1
#define PF_W        2
#define PF_R        4

typedef struct {
    unsigned char e_ident[EI_NIDENT];   /* "\177ELF", class, data, version ... */
    uint16_t e_type;
    uint16_t e_machine;
    uint32_t e_version;
    uint64_t e_entry;                   /* where execution starts */
    uint64_t e_phoff;                   /* program header table offset */
    uint64_t e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize;
    uint16_t e_phentsize;               /* size of one program header */
    uint16_t e_phnum;
    uint16_t e_shentsize;
    uint16_t e_shnum;
    uint16_t e_shstrndx;
} Elf64_Ehdr;

typedef struct {
    uint32_t p_type;
    uint32_t p_flags;                   /* PF_R | PF_W | PF_X */
    uint64_t p_offset;                  /* where the bytes are in the file */
    uint64_t p_vaddr;                   /* where they go in memory */
    uint64_t p_paddr;
    uint64_t p_filesz;                  /* bytes from the file ... */
    uint64_t p_memsz;                   /* ... then zeros up to this size (bss) */
    uint64_t p_align;
} Elf64_Phdr;

#define ELF_MAX_PHDRS   32
#define ELF_ET_DYN_BASE 0x555555554000ul    /* where Linux puts a PIE */

/* What the loader needs, after every check has passed. */
struct elf_info {
    uint64_t entry;                     /* already relocated by 'bias' */
    uint64_t bias;                      /* 0 for ET_EXEC; load base for ET_DYN */
    uint64_t phdr_addr;                 /* program headers in memory (AT_PHDR) */
    int phnum;
    Elf64_Phdr phdrs[ELF_MAX_PHDRS];
};

/*
 * Check the ELF image whose first 'hlen' bytes are at 'head' and whose
 * whole size is 'filesize': an x86-64 static executable with sane,
 * in-file, user-space segments. Returns 0 and fills *info, or -ENOEXEC.
 */
int elf_parse(const void *head, size_t hlen, uint64_t filesize, uint64_t user_top,
              struct elf_info *info);

#endif
