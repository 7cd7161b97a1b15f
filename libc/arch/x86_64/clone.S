/*
 * clone.S: start a thread.
 *
 *   int __clone(int (*fn)(void *arg), void *stack, unsigned long flags,
 *               void *arg, int *ptid, void *tls, int *ctid);
 *
 * Why assembly: after clone(2) two threads return from the same `syscall`
 * instruction with the same registers, except rax (0 in the child) and
 * rsp (the child's is `stack`). A C function cannot survive that: its
 * frame, locals and return address are in the parent's stack, which the
 * child does not have. So the child must never return from here: it
 * takes fn and arg from its new stack, where we put them before the call,
 * calls fn, and ends the thread with exit(2) if fn ever returns.
 *
 * C arguments come in rdi, rsi, rdx, rcx, r8, r9, then the stack; clone(2)
 * wants flags, stack, ptid, ctid, tls in rdi, rsi, rdx, r10, r8.
 */
    .text
    .globl __clone
    .hidden __clone
    .type __clone, @function
__clone:
    and $-16, %rsi              /* the new stack, 16-byte aligned (the ABI's
                                   alignment at a call) */
    sub $16, %rsi               /* two words on it for the child: */
    mov %rdi, 0(%rsi)           /*   fn  */
    mov %rcx, 8(%rsi)           /*   arg */
    mov %rdx, %rdi              /* syscall arg 1: flags */
                                /* syscall arg 2: rsi = the new stack, ready */
    mov %r8, %rdx               /* syscall arg 3: ptid */
    mov 8(%rsp), %r10           /* syscall arg 4: ctid, our 7th argument, on the
                                   stack above our return address */
    mov %r9, %r8                /* syscall arg 5: tls, the new FS base */
    mov $56, %eax               /* __NR_clone */
    syscall
    test %eax, %eax
    jnz 1f                      /* the parent (a tid) or an error (-errno) */

    /* The child, on the new stack, its FS base already set (CLONE_SETTLS). */
    xor %ebp, %ebp              /* the outermost frame: backtraces stop here */
    pop %rax                    /* fn */
    pop %rdi                    /* arg, as fn's first argument; rsp is 16-byte
                                   aligned again, as a call wants */
    call *%rax
    mov %eax, %edi              /* fn returned (it should call pthread_exit):
                                   end this thread with its return value */
    mov $60, %eax               /* __NR_exit: this thread only */
    syscall
    hlt                         /* unreachable */

1:  ret                         /* the parent: return clone's result */
    .size __clone, . - __clone

    .section .note.GNU-stack, "", @progbits
