/*
 * boot/header.S: the multiboot2 header.
 *
 * GRUB scans the first 32 KiB of the kernel file for this structure
 * (multiboot2 specification, section 3.1). It must be 8-byte aligned; the
 * linker script puts it first in the file. We ask for nothing special: no
 * framebuffer tag, so GRUB leaves the VGA card in 80x25 text mode.
 */
#define MB2_MAGIC       0xe85250d6
#define MB2_ARCH_I386   0               /* 32-bit protected mode entry */

.section .multiboot2, "a"
.align 8
mb2_header:
    .long MB2_MAGIC
    .long MB2_ARCH_I386
    .long mb2_header_end - mb2_header                  /* header length */
    /* checksum: magic + arch + length + checksum must be 0 (mod 2^32) */
    .long 0x100000000 - (MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))

    /* End tag: type 0, flags 0, size 8. */
    .align 8
    .short 0
    .short 0
    .long 8
mb2_header_end:
