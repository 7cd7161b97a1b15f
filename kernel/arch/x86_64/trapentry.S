/*
 * trapentry.S: the first instructions of every interrupt and exception.
 *
 * When an interrupt or exception arrives the CPU (SDM vol. 3, 6.14):
 *   - switches to the kernel stack from TSS.rsp0 if it came from user mode
 *     (or to an IST stack if the IDT entry asks for one),
 *   - pushes ss, rsp, rflags, cs, rip, and for some exceptions an error
 *     code, then jumps to the handler in the IDT.
 *
 * Each vector has a tiny stub here that makes the stack look the same for
 * all of them (a 0 error code where the CPU pushes none, then the vector
 * number) and jumps to trap_common, which saves the general registers,
 * completing a struct trapframe (trapframe.h), and calls trap() in C.
 * trap_return undoes it all and leaves with iretq.
 */
#include "trapframe.h"

/* A stub for a vector where the CPU pushes no error code. */
.macro VECTOR_NOERR num
    .align 16
vector\num:
    pushq $0                    /* fake error code */
    pushq $\num                 /* vector number -> trapframe.trapno */
    jmp trap_common
.endm

/* A stub for a vector where the CPU pushes an error code. */
.macro VECTOR_ERR num
    .align 16
vector\num:
    pushq $\num
    jmp trap_common
.endm

.text
VECTOR_NOERR 0      /* #DE divide error */
VECTOR_NOERR 1      /* #DB debug */
VECTOR_NOERR 2      /* NMI */
VECTOR_NOERR 3      /* #BP breakpoint */
VECTOR_NOERR 4      /* #OF overflow */
VECTOR_NOERR 5      /* #BR bound range */
VECTOR_NOERR 6      /* #UD invalid opcode */
VECTOR_NOERR 7      /* #NM device not available */
VECTOR_ERR   8      /* #DF double fault */
VECTOR_NOERR 9      /* coprocessor segment overrun (old) */
VECTOR_ERR   10     /* #TS invalid TSS */
VECTOR_ERR   11     /* #NP segment not present */
VECTOR_ERR   12     /* #SS stack fault */
VECTOR_ERR   13     /* #GP general protection */
VECTOR_ERR   14     /* #PF page fault */
VECTOR_NOERR 15     /* reserved */
VECTOR_NOERR 16     /* #MF x87 floating point */
VECTOR_ERR   17     /* #AC alignment check */
VECTOR_NOERR 18     /* #MC machine check */
VECTOR_NOERR 19     /* #XM SIMD floating point */
VECTOR_NOERR 20     /* #VE virtualization */
VECTOR_ERR   21     /* #CP control protection */
.irp n, 22,23,24,25,26,27,28,29,30,31
VECTOR_NOERR \n     /* reserved */
.endr
.irp n, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
VECTOR_NOERR \n     /* device IRQs 0-15 */
.endr

trap_common:
    /* Came from user mode (CS's low bits = 3)? Then GS still holds the
     * user's base: swap in the kernel's per-CPU base. 24(%rsp) is cs:
     * above it lie trapno (0), errcode (8) and rip (16). */
    testb $3, 24(%rsp)
    jz 1f
    swapgs
1:
    SAVE_GPRS                   /* completes the struct trapframe (trapframe.h) */

    cld                         /* the C ABI expects the direction flag clear */
    movq %rsp, %rdi             /* argument: struct trapframe * */
    call trap

/* Also where a new thread starts its way to user mode (proc/fork.c):
 * rsp must point at a complete trapframe. */
.global trap_return
trap_return:
    cli                         /* no interrupts from here to iretq: between
                                 * swapgs and iretq GS would be the user's */
    RESTORE_GPRS                /* every general register as it was */
    addq $16, %rsp              /* drop trapno and errcode */

    /* Going back to user mode? Give GS back to the user first. 8(%rsp) is
     * cs now (rip is at 0). */
    testb $3, 8(%rsp)
    jz 2f
    swapgs
2:
    iretq                       /* pops rip, cs, rflags, rsp, ss */

/* The stubs' addresses, for idt.c to put into the IDT. */
.section .rodata
.align 8
.global trap_vectors
trap_vectors:
.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    .quad vector\n
.endr
.irp n, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
    .quad vector\n
.endr
