/*
 * boot/entry.S: from GRUB's 32-bit protected mode to 64-bit C in the
 * higher half.
 *
 * GRUB jumps to _start with (multiboot2 spec, section 3.3):
 *      eax = 0x36d76289 (the magic that says "a multiboot2 loader ran me")
 *      ebx = physical address of the multiboot2 information structure
 *      paging off, interrupts off, flat 32-bit segments, no stack.
 *
 * Long mode needs paging, so we build a tiny set of boot page tables here.
 * They map the first 1 GiB of physical memory three times, with 2 MiB pages:
 *
 *      0x0000000000000000  identity: this code keeps running after paging is on
 *      0xffff888000000000  the direct map (DIRECT_MAP_BASE in memlayout.h)
 *      0xffffffff80000000  the kernel image (KERNEL_BASE in linker.ld)
 *
 * kmain() soon replaces them with the kernel's real page tables
 * (mm/kpagetable.c), which drop the identity map.
 *
 * This code is linked at its physical address (section .boot), so its own
 * symbols need no adjustment; symbols of the higher-half kernel do.
 */
#define KERNEL_BASE     0xffffffff80000000
#define PTE_P           0x001       /* present */
#define PTE_W           0x002       /* writable */
#define PTE_PS          0x080       /* 2 MiB page (in a page directory entry) */
#define CR0_PG          0x80000000  /* paging */
#define CR0_WP          0x00010000  /* write protect applies to the kernel too */
#define CR4_PAE         0x00000020  /* physical address extension: needed for long mode */
#define MSR_EFER        0xc0000080
#define EFER_LME        0x00000100  /* long mode enable */
#define EFER_NXE        0x00000800  /* allow the no-execute bit in page tables */

.section .boot.text, "ax"
.code32
.global _start
_start:
    cli                                 /* no interrupts until we have an IDT */
    movl $(boot_stack_top - KERNEL_BASE), %esp  /* stack, by physical address */
    movl %eax, %edi                     /* keep the magic: kmain's 1st argument */
    movl %ebx, %esi                     /* keep the info pointer: 2nd argument */

    /* Does this CPU have long mode? CPUID leaf 0x80000001, EDX bit 29. */
    movl $0x80000000, %eax
    cpuid
    cmpl $0x80000001, %eax              /* is the extended leaf there at all? */
    jb no_long_mode
    movl $0x80000001, %eax
    cpuid
    btl $29, %edx
    jnc no_long_mode
    movl %edx, %ebp                     /* keep the feature bits for NX below */

    /* Fill the boot page directory: 512 entries of 2 MiB = the first 1 GiB. */
    movl $boot_pd, %ebx
    xorl %ecx, %ecx                     /* ecx = entry index */
1:  movl %ecx, %eax
    shll $21, %eax                      /* physical address = index * 2 MiB */
    orl $(PTE_P | PTE_W | PTE_PS), %eax
    movl %eax, (%ebx, %ecx, 8)          /* low half of the 8-byte entry */
    movl $0, 4(%ebx, %ecx, 8)           /* high half: address bits 32+ are 0 */
    incl %ecx
    cmpl $512, %ecx
    jne 1b

    /* One PDPT entry covers 1 GiB: point both PDPTs at the directory. */
    movl $(boot_pd + PTE_P + PTE_W), boot_pdpt_low         /* entry 0 */
    movl $(boot_pd + PTE_P + PTE_W), boot_pdpt_high + 510*8 /* -2 GiB */

    /* The top level: which 512 GiB slot goes where. */
    movl $(boot_pdpt_low + PTE_P + PTE_W), boot_pml4            /* identity */
    movl $(boot_pdpt_low + PTE_P + PTE_W), boot_pml4 + 273*8    /* direct map */
    movl $(boot_pdpt_high + PTE_P + PTE_W), boot_pml4 + 511*8   /* kernel */

    movl $boot_pml4, %eax
    movl %eax, %cr3                     /* the top-level table's physical address */

    movl %cr4, %eax
    orl $CR4_PAE, %eax                  /* 64-bit page table entries */
    movl %eax, %cr4

    movl $MSR_EFER, %ecx
    rdmsr                               /* edx:eax = EFER */
    orl $EFER_LME, %eax                 /* ask for long mode ... */
    btl $20, %ebp                       /* ... and NX, if the CPU has it */
    jnc 2f
    orl $EFER_NXE, %eax
2:  wrmsr

    movl %cr0, %eax
    orl $(CR0_PG | CR0_WP), %eax        /* paging on: long mode becomes active */
    movl %eax, %cr0

    /* We are in compatibility mode. Load a GDT with a 64-bit code segment and
     * far-jump into it to start executing 64-bit instructions. */
    lgdt boot_gdt_ptr
    ljmp $0x08, $long_mode_start

no_long_mode:
    /* Say so on the VGA screen (white on red) and on COM1, then stop. */
    movl $no_lm_msg, %esi
    movl $0xb8000, %edi
3:  lodsb
    testb %al, %al
    jz 4f
    movb $0x4f, %ah
    stosw
    movw $0x3f8, %dx                    /* COM1 data port; the BIOS set it up */
    outb %al, %dx
    jmp 3b
4:  hlt
    jmp 4b

.code64
long_mode_start:
    movl %edi, %edi                     /* a 32-bit move clears bits 63:32: */
    movl %esi, %esi                     /* the arguments must be zero-extended */
    xorl %eax, %eax                     /* data segments are ignored in long */
    movl %eax, %ds                      /* mode; load null so no stale 32-bit */
    movl %eax, %es                      /* selector lingers */
    movl %eax, %ss
    movl %eax, %fs
    movl %eax, %gs
    movabsq $higher_half, %rax          /* jump from the identity map ... */
    jmp *%rax                           /* ... to the kernel's real address */

.section .boot.data, "aw"
no_lm_msg:
    .asciz "weft: this CPU has no 64-bit long mode; cannot boot."

.align 8
boot_gdt:
    .quad 0                             /* null descriptor */
    .quad 0x00209a0000000000            /* 0x08: 64-bit code, present, ring 0 */
boot_gdt_ptr:
    .short boot_gdt_ptr - boot_gdt - 1  /* limit */
    .long boot_gdt                      /* base (32 bits is enough here) */

.align 4096
boot_pml4:      .fill 512, 8, 0
boot_pdpt_low:  .fill 512, 8, 0
boot_pdpt_high: .fill 512, 8, 0
boot_pd:        .fill 512, 8, 0

/* From here on we run at the kernel's link address. */
.text
higher_half:
    movabsq $boot_stack_top, %rsp       /* the same stack, by virtual address */
    xorl %ebp, %ebp                     /* end of the frame-pointer chain for backtraces */
    /* rdi = magic, rsi = physical address of the info: the two arguments. */
    call kmain
5:  hlt                                 /* kmain never returns */
    jmp 5b

.bss
.align 16
.global boot_stack, boot_stack_top
boot_stack:
    .skip 16384
boot_stack_top:
