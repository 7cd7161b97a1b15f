/*
 * syscall.S: the way into the kernel for system calls.
 *
 * A user program puts the call number in rax and up to six arguments in
 * rdi, rsi, rdx, r10, r8, r9 (Linux's x86-64 convention), and executes
 * `syscall`. The CPU then (SDM vol. 2, SYSCALL):
 *   - saves rip in rcx and rflags in r11,
 *   - loads cs/ss from MSR_STAR and rip from MSR_LSTAR (this code),
 *   - clears the rflags bits in MSR_SFMASK (we clear IF, DF, TF, AC),
 * and nothing else: we are in ring 0 but still on the user's stack, with
 * the user's GS. So the first instructions find the kernel stack through
 * the per-CPU area, and build a struct trapframe exactly like an
 * interrupt's, so the rest of the kernel (fork, signals, ptrace-like
 * debugging) sees one kind of saved state.
 *
 * Return: sysretq is faster than iretq but restores rip from rcx and
 * rflags from r11. It is used only when the frame allows it: rcx == rip,
 * r11 == rflags and rip canonical (a non-canonical rcx would make sysret
 * fault in ring 0 on Intel CPUs, a famous security hole). execve,
 * rt_sigreturn and signal delivery change the frame, and so take iretq.
 */
#include "percpu.h"
#include "segment.h"
#include "interrupt.h"
#include "trapframe.h"

.text
.global syscall_entry
syscall_entry:
    swapgs                              /* GS base := this CPU's struct cpu */
    movq %rsp, %gs:CPU_USER_RSP         /* park the user rsp ... */
    movq %gs:CPU_KERNEL_RSP, %rsp       /* ... and take this thread's kernel stack */

    /* What the CPU would have pushed for an interrupt. */
    pushq $USER_DS                      /* ss */
    pushq %gs:CPU_USER_RSP              /* rsp */
    pushq %r11                          /* rflags (syscall saved them in r11) */
    pushq $USER_CS                      /* cs */
    pushq %rcx                          /* rip (syscall saved it in rcx) */
    pushq %rax                          /* errcode slot: the call number (orig_rax) */
    pushq $T_SYSCALL                    /* trapno: "this frame is a system call" */

    SAVE_GPRS                           /* the general registers (trapframe.h) */

    sti                                 /* the frame is safe: interrupts may come */
    movq %rsp, %rdi                     /* syscall_dispatch(struct trapframe *) */
    call syscall_dispatch

    cli                                 /* no interrupts from here to user mode */
    /* Can we leave with sysret? Only if rcx/r11 hold rip/rflags and rip
     * is a user address below USER_TOP (memlayout.h), as Linux checks.
     * Otherwise take the general way out, iretq (trapentry.S). */
    movq TF_RCX(%rsp), %rcx             /* trapframe.rcx */
    cmpq TF_RIP(%rsp), %rcx             /* == trapframe.rip ? */
    jne trap_return
    movq TF_R11(%rsp), %r11             /* trapframe.r11 */
    cmpq TF_RFLAGS(%rsp), %r11          /* == trapframe.rflags ? */
    jne trap_return
    movabsq $0x00007ffffffff000, %rax   /* USER_TOP */
    cmpq %rax, %rcx                     /* rip below it? */
    jae trap_return

    RESTORE_GPRS                        /* r11 = user rflags, rcx = user rip, rax = result */
    movq TF_RSP-TF_TRAPNO(%rsp), %rsp   /* the user's rsp (RESTORE_GPRS left rsp at trapno) */
    swapgs                              /* give GS back to the user */
    sysretq                             /* rip := rcx, rflags := r11, ring 3 */
