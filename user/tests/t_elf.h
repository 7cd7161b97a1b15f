/*
 * t_elf.h: a minimal ELF executable written by hand: one PT_LOAD R+X
 * segment at 0x400000 holding the whole file, whose code is exit(42).
 * The proc_exec and proc_loader cases change a field or two of it to
 * make a hostile (or a special) program.
 */
#ifndef WEFT_T_ELF_H
#define WEFT_T_ELF_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    unsigned char e_ident[16];
    uint16_t e_type, e_machine;
    uint32_t e_version;
    uint64_t e_entry, e_phoff, e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
} Elf64_Ehdr;

typedef struct {
    uint32_t p_type, p_flags;
    uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
} Elf64_Phdr;

struct tiny_elf {
    Elf64_Ehdr eh;
    Elf64_Phdr ph;
    unsigned char code[32];
} __attribute__((packed));

#define TINY_BASE 0x400000ul
#define PT_LOAD 1
#define PT_NOTE 4
#define PF_X 1
#define PF_W 2
#define PF_R 4

/* The unbroken program. */
static inline struct tiny_elf tiny_elf(void)
{
    struct tiny_elf e;
    memset(&e, 0, sizeof e);
    memcpy(e.eh.e_ident, "\177ELF\2\1\1", 7);  /* 64-bit, little-endian, version 1 */
    e.eh.e_type = 2;                            /* ET_EXEC */
    e.eh.e_machine = 62;                        /* EM_X86_64 */
    e.eh.e_version = 1;
    e.eh.e_entry = TINY_BASE + offsetof(struct tiny_elf, code);
    e.eh.e_phoff = sizeof e.eh;
    e.eh.e_ehsize = sizeof e.eh;
    e.eh.e_phentsize = sizeof e.ph;
    e.eh.e_phnum = 1;
    e.ph.p_type = PT_LOAD;
    e.ph.p_flags = PF_R | PF_X;
    e.ph.p_offset = 0;
    e.ph.p_vaddr = e.ph.p_paddr = TINY_BASE;
    e.ph.p_filesz = e.ph.p_memsz = sizeof e;
    e.ph.p_align = 0x1000;
    /* mov $42, %edi; mov $60, %eax (exit); syscall */
    static const unsigned char code[] = { 0xbf, 42, 0, 0, 0, 0xb8, 60, 0, 0, 0, 0x0f, 0x05 };
    memcpy(e.code, code, sizeof code);
    return e;
}

#endif
