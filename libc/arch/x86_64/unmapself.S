/*
 * unmapself.S: the last moments of a detached thread.
 *
 *   _Noreturn void __unmapself(void *base, size_t size);
 *
 * A detached thread has nobody to free its stack, so it must do it
 * itself; but it cannot call munmap() and then exit() in C, because the
 * return from munmap() and the call to exit() use the stack it has just
 * unmapped. Here both system calls are made back to back from registers
 * only. The caller has blocked every signal (a handler would need the
 * stack) and cancelled CLONE_CHILD_CLEARTID (the kernel would write the
 * tid word, which is inside the mapping too). musl does the same.
 */
    .text
    .globl __unmapself
    .hidden __unmapself
    .type __unmapself, @function
__unmapself:
    mov $11, %eax               /* __NR_munmap(rdi = base, rsi = size) */
    syscall                     /* from here on there is no stack */
    xor %edi, %edi              /* status 0 */
    mov $60, %eax               /* __NR_exit: this thread only */
    syscall
    hlt                         /* unreachable */
    .size __unmapself, . - __unmapself

    .section .note.GNU-stack, "", @progbits
