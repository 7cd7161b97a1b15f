/*
 * tls.c: thread-local storage for the main thread.
 *
 * `__thread int x;` compiles to an access at a fixed (negative) offset
 * from the thread pointer, the FS base: `mov %fs:-4, %eax`. The linker
 * collects every such variable into the PT_TLS segment: .tdata (initial
 * values, filesz bytes) followed by .tbss (zeros, up to memsz). Each
 * thread needs its own copy, laid out as x86-64's "variant II" says:
 *
 *        block (tls_size bytes)        TCB
 *      [ .tdata copy | .tbss zeros ] [ self | ... ]
 *                                    ^
 *                                    thread pointer = FS base
 *
 * The TLS block ends exactly at the thread pointer, and the TCB's first
 * word points to itself (so `mov %fs:0, %rax` yields the thread pointer).
 * Static linking means the offsets are fixed at link time: tls_size is
 * memsz rounded up so that the thread pointer keeps the segment's
 * alignment, which is what the linker assumed.
 */
#include <stdint.h>
#include <string.h>
#include <weft/misc.h>
#include <weft/mman.h>

#include "libc.h"
#include "syscall.h"

/* An ELF64 program header (there is no elf.h in weft's libc). */
struct elf_phdr {
    uint32_t p_type;
    uint32_t p_flags;
    uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
};
#define PT_PHDR 6                       /* the program headers themselves */
#define PT_TLS  7                       /* the TLS template */

/* Room for the main thread's TLS when it is small (the usual case): no
 * allocator is available yet. Bigger TLS gets an mmap. */
static unsigned char main_tls[1024] __attribute__((aligned(64)));

static _Noreturn void fail(const char *msg, size_t len)
{
    __syscall3(__NR_write, 2, msg, len);
    for (;;)
        __syscall1(__NR_exit_group, 127);
}

void __init_tls(void)
{
    const struct elf_phdr *ph = __libc.phdr;
    uintptr_t bias = 0;                 /* load address - link address: 0 unless PIE */
    const struct elf_phdr *tls = NULL;
    for (size_t i = 0; ph && i < __libc.phnum; i++) {
        if (ph[i].p_type == PT_PHDR)
            bias = (uintptr_t)ph - ph[i].p_vaddr;
        else if (ph[i].p_type == PT_TLS)
            tls = &ph[i];
    }

    size_t align = _Alignof(struct tcb);
    if (tls) {
        __libc.tls_image = (const void *)(bias + tls->p_vaddr);
        __libc.tls_filesz = tls->p_filesz;
        __libc.tls_memsz = tls->p_memsz;
        if (tls->p_align > align)
            align = tls->p_align;
    }
    __libc.tls_align = align;
    /* Round memsz up so that (template address + size) is aligned: then
     * the thread pointer, tls_size bytes above the block, is too. */
    __libc.tls_size = __libc.tls_memsz +
        ((-__libc.tls_memsz - (uintptr_t)__libc.tls_image) & (align - 1));

    /* block + TCB + slack to align the thread pointer */
    size_t need = __libc.tls_size + sizeof(struct tcb) + align;
    unsigned char *mem = main_tls;
    if (need > sizeof main_tls) {
        long r = __syscall6(__NR_mmap, 0, need, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (r < 0 && r > -4096)
            fail("libc: no memory for TLS\n", 23);
        mem = (unsigned char *)r;
    }
    uintptr_t tp = ((uintptr_t)mem + __libc.tls_size + align - 1) & ~(uintptr_t)(align - 1);
    unsigned char *block = (unsigned char *)tp - __libc.tls_size;
    if (__libc.tls_filesz)
        memcpy(block, __libc.tls_image, __libc.tls_filesz);
    memset(block + __libc.tls_filesz, 0, __libc.tls_size - __libc.tls_filesz);

    struct tcb *tcb = (struct tcb *)tp;
    tcb->self = tcb;
    if (__syscall2(__NR_arch_prctl, ARCH_SET_FS, tp) < 0)
        fail("libc: arch_prctl(ARCH_SET_FS) failed\n", 37);
}
