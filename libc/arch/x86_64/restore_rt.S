/*
 * restore_rt.S: the signal return trampoline.
 *
 * When the kernel delivers a signal it builds a frame on the user stack
 * (the saved registers, the old signal mask: a ucontext_t) and pushes
 * sa_restorer as the handler's return address. So when the handler
 * returns, it "returns" here, and we ask the kernel to restore the frame
 * with rt_sigreturn: the interrupted code resumes as if nothing happened.
 * sigaction() always sets SA_RESTORER with this function.
 */
    .text
    .globl __restore_rt
    .type __restore_rt, @function
    nop                         /* debuggers look one byte before a return
                                   address for the call; keep it in here */
__restore_rt:
    mov $15, %eax               /* rax = __NR_rt_sigreturn */
    syscall                     /* does not return here: the kernel resumes
                                   the interrupted code */
    hlt                         /* unreachable */
    .size __restore_rt, . - __restore_rt

    .section .note.GNU-stack, "", @progbits
