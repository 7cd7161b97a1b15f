/*
 * setjmp.S: setjmp/longjmp and sigsetjmp (see setjmp.h).
 *
 * jmp_buf layout (8-byte slots): 0 rbx, 1 rbp, 2 r12, 3 r13, 4 r14, 5 r15,
 * 6 rsp (as it will be after setjmp returns), 7 rip (where setjmp returns
 * to); then int __mask_saved at 64 and the saved sigset_t at 72.
 * These are the callee-saved registers of the x86-64 ABI: everything else
 * the caller of setjmp already assumes a call may destroy.
 */
    .text

    .globl setjmp, _setjmp
    .type setjmp, @function
    .type _setjmp, @function
setjmp:
_setjmp:
    mov %rbx, 0(%rdi)           /* the callee-saved registers */
    mov %rbp, 8(%rdi)
    mov %r12, 16(%rdi)
    mov %r13, 24(%rdi)
    mov %r14, 32(%rdi)
    mov %r15, 40(%rdi)
    lea 8(%rsp), %rdx           /* the caller's rsp: ours minus the return address */
    mov %rdx, 48(%rdi)
    mov (%rsp), %rdx            /* the return address: where longjmp will go */
    mov %rdx, 56(%rdi)
    movl $0, 64(%rdi)           /* __mask_saved = 0: plain setjmp keeps no mask */
    xor %eax, %eax              /* the first return gives 0 */
    ret
    .size setjmp, . - setjmp

    .globl longjmp, _longjmp
    .type longjmp, @function
    .type _longjmp, @function
longjmp:
_longjmp:
    mov %esi, %eax              /* setjmp's second return value: val... */
    test %eax, %eax
    jnz 1f
    inc %eax                    /* ...but never 0 (C says 0 becomes 1) */
1:  mov 0(%rdi), %rbx           /* put the saved registers back */
    mov 8(%rdi), %rbp
    mov 16(%rdi), %r12
    mov 24(%rdi), %r13
    mov 32(%rdi), %r14
    mov 40(%rdi), %r15
    mov 48(%rdi), %rsp          /* back on the stack setjmp was called on */
    jmp *56(%rdi)               /* and "return" from setjmp a second time */
    .size longjmp, . - longjmp

/*
 * sigsetjmp(env, savemask): save the registers exactly as setjmp does, then
 * jump (not call) to __sigsetjmp_save(env, savemask) in C, which saves the
 * mask if asked and returns 0 straight to our caller: the return address on
 * the stack is still the caller's.
 */
    .globl sigsetjmp
    .type sigsetjmp, @function
sigsetjmp:
    mov %rbx, 0(%rdi)
    mov %rbp, 8(%rdi)
    mov %r12, 16(%rdi)
    mov %r13, 24(%rdi)
    mov %r14, 32(%rdi)
    mov %r15, 40(%rdi)
    lea 8(%rsp), %rdx
    mov %rdx, 48(%rdi)
    mov (%rsp), %rdx
    mov %rdx, 56(%rdi)
    jmp __sigsetjmp_save        /* rdi = env, esi = savemask, still */
    .size sigsetjmp, . - sigsetjmp

    .section .note.GNU-stack, "", @progbits
