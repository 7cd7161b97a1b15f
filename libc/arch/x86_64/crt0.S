/*
 * crt0.S: where every program starts. The kernel jumps to _start (the ELF
 * entry point) with nothing set up but the stack, which holds, from the
 * stack pointer up (System V x86-64 ABI, 3.4.1):
 *
 *      rsp ->  argc                    8 bytes
 *              argv[0] ... argv[argc-1]
 *              NULL
 *              envp[0] ... envp[n-1]
 *              NULL
 *              auxv: (type, value) pairs, ending with (AT_NULL, 0)
 *              ... the strings themselves, higher up
 *
 * We pass these to __libc_start_main (start/start.c) as C arguments and
 * never come back: it calls main, then exit.
 */
    .text
    .globl _start
    .type _start, @function
_start:
    xor %ebp, %ebp              /* rbp = 0: the outermost frame, so a debugger's
                                   backtrace stops here */
    mov (%rsp), %rsi            /* argument 2: argc, the word at the stack top */
    lea 8(%rsp), %rdx           /* argument 3: argv, the array right above it */
    lea 16(%rsp,%rsi,8), %rcx   /* argument 4: envp = argv + argc + 1 (skip the
                                   NULL): rsp + 8 + 8*argc + 8 */
    lea main(%rip), %rdi        /* argument 1: the address of the program's main */
    and $-16, %rsp              /* align the stack to 16 bytes, as the ABI
                                   requires at every call */
    call __libc_start_main      /* never returns (it calls exit) */
    hlt                         /* unreachable; a privileged instruction, so
                                   it would fault (SIGSEGV) if we got here */
    .size _start, . - _start

    /* No executable stack, please (otherwise ld warns and marks it so). */
    .section .note.GNU-stack, "", @progbits
