/*
 * trapframe.h: the registers of an interrupted context, as saved on the
 * kernel stack by the entry code (arch/x86_64/trapentry.S for interrupts
 * and exceptions, arch/x86_64/syscall.S for system calls).
 *
 * Read it bottom-up: the CPU pushes the last five fields (ss ... rip) when
 * it takes an interrupt, the entry stub pushes errcode and trapno, then the
 * common code pushes the general-purpose registers. Linux calls the same
 * thing struct pt_regs and uses the same order.
 */
#ifndef WEFT_TRAPFRAME_H
#define WEFT_TRAPFRAME_H

#define TF_SIZE (22 * 8)

/* Offsets of the fields the syscall return path reads from assembly
 * (syscall.S); static asserts below keep them honest. */
#define TF_R11    (6 * 8)
#define TF_RCX    (11 * 8)
#define TF_TRAPNO (15 * 8)
#define TF_RIP    (17 * 8)
#define TF_RFLAGS (19 * 8)
#define TF_RSP    (20 * 8)

#ifdef __ASSEMBLER__
/* Push the general registers so that, with what is already on the stack
 * (trapno, errcode and the CPU's five words), they form a struct
 * trapframe: its first field, r15, is pushed last and so lies lowest.
 * Used by both ways into the kernel (trapentry.S, syscall.S). */
.macro SAVE_GPRS
    pushq %rdi
    pushq %rsi
    pushq %rdx
    pushq %rcx
    pushq %rax
    pushq %r8
    pushq %r9
    pushq %r10
    pushq %r11
    pushq %rbx
    pushq %rbp
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
.endm

/* The reverse: afterwards rsp points at trapno. */
.macro RESTORE_GPRS
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %rbp
    popq %rbx
    popq %r11
    popq %r10
    popq %r9
    popq %r8
    popq %rax
    popq %rcx
    popq %rdx
    popq %rsi
    popq %rdi
.endm
#endif

#ifndef __ASSEMBLER__
#include <stdint.h>

struct trapframe {
    uint64_t r15, r14, r13, r12, rbp, rbx;  /* callee-saved in the C ABI */
    uint64_t r11, r10, r9, r8;
    uint64_t rax, rcx, rdx, rsi, rdi;
    uint64_t trapno;    /* vector number; T_SYSCALL for system calls */
    uint64_t errcode;   /* the CPU's error code, or 0 */
    uint64_t rip, cs, rflags, rsp, ss;      /* pushed by the CPU */
};

_Static_assert(sizeof(struct trapframe) == TF_SIZE, "TF_SIZE");
_Static_assert(__builtin_offsetof(struct trapframe, r11) == TF_R11, "TF_R11");
_Static_assert(__builtin_offsetof(struct trapframe, rcx) == TF_RCX, "TF_RCX");
_Static_assert(__builtin_offsetof(struct trapframe, trapno) == TF_TRAPNO, "TF_TRAPNO");
_Static_assert(__builtin_offsetof(struct trapframe, rip) == TF_RIP, "TF_RIP");
_Static_assert(__builtin_offsetof(struct trapframe, rflags) == TF_RFLAGS, "TF_RFLAGS");
_Static_assert(__builtin_offsetof(struct trapframe, rsp) == TF_RSP, "TF_RSP");

static inline int tf_from_user(const struct trapframe *tf)
{
    return (tf->cs & 3) == 3;    /* the privilege level we came from */
}
#endif

#endif
