/*
 * coro_switch.S: the whole of a coroutine switch.
 *
 *   void __coro_switch(void **save_sp, void *next_sp);
 *
 * Saves the caller's state on its own stack, stores the stack pointer in
 * *save_sp, loads next_sp and restores the state found there. The `ret`
 * at the end then returns into whatever called __coro_switch on the
 * *other* stack (or, the first time, into __coro_trampoline below).
 *
 * Which state? Only what the x86-64 System V ABI says a function must
 * preserve for its caller, because to each side this is an ordinary call
 * that returns later:
 *   - rbx, rbp, r12, r13, r14, r15 (callee-saved registers) and rsp;
 *   - the control bits of MXCSR (SSE rounding, exception masks) and the
 *     x87 control word: also callee-saved in the ABI.
 * Everything else (rax, rcx, rdx, rsi, rdi, r8-r11, the xmm registers)
 * the caller already assumes any call destroys, so it is not saved.
 *
 * What is NOT done, and why a kernel thread switch costs far more:
 *   - no system call: we never enter the kernel (no syscall/sysret, no
 *     kernel stack, no scheduler, no page-table or FS-base change);
 *   - no signal mask save/restore: the mask belongs to the kernel thread,
 *     and all of a thread's coroutines share it. Saving it (as
 *     swapcontext() does) would cost an rt_sigprocmask system call per
 *     switch, which is most of swapcontext's price.
 * So: 21 instructions, a few nanoseconds (tens of nanoseconds under
 * QEMU's emulation).
 *
 * The frame this leaves on a suspended coroutine's stack, from its saved
 * stack pointer upward (coro.c builds the same one for a new coroutine):
 *
 *      sp ->   mxcsr (4 bytes), x87 control word (2 bytes), padding
 *              r15, r14, r13, r12, rbx, rbp
 *              return address
 */
    .text
    .globl __coro_switch
    .hidden __coro_switch
    .type __coro_switch, @function
__coro_switch:
    push %rbp                   /* the callee-saved registers ... */
    push %rbx
    push %r12
    push %r13
    push %r14
    push %r15                   /* ... six of them */
    sub $8, %rsp                /* one more slot, for the two control words */
    stmxcsr (%rsp)              /* SSE control/status: rounding, masks */
    fnstcw 4(%rsp)              /* x87 control word: precision, rounding */
    mov %rsp, (%rdi)            /* *save_sp = our stack pointer: we are saved */

    mov %rsi, %rsp              /* switch: now on the other coroutine's stack */
    ldmxcsr (%rsp)              /* and restore what it saved, in reverse */
    fldcw 4(%rsp)
    add $8, %rsp
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %rbx
    pop %rbp
    ret                         /* into the other side's __coro_switch caller */
    .size __coro_switch, . - __coro_switch

/*
 * A new coroutine's first "return" lands here (coro.c put this address in
 * its initial frame and the struct coro pointer in the r12 slot). We call
 * __coro_main(c), which runs the coroutine's function and never returns:
 * when the function is done it switches away for the last time.
 */
    .globl __coro_trampoline
    .hidden __coro_trampoline
    .type __coro_trampoline, @function
__coro_trampoline:
    mov %r12, %rdi              /* argument 1: the struct coro */
    call __coro_main            /* rsp is 16-byte aligned here (coro.c) */
    ud2                         /* unreachable */
    .size __coro_trampoline, . - __coro_trampoline

    .section .note.GNU-stack, "", @progbits
