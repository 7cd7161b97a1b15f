/*
 * setjmp.h: non-local jumps (arch/x86_64/setjmp.S).
 *
 * setjmp saves what the ABI says a function call preserves: rbx, rbp,
 * r12-r15, the stack pointer and the return address. longjmp puts them
 * back, so setjmp seems to return a second time. sigsetjmp(env, 1)
 * also saves the signal mask, and siglongjmp restores it: the way out of
 * a signal handler (which runs with its signal blocked).
 */
#ifndef _SETJMP_H
#define _SETJMP_H

#include <signal.h>

typedef struct __jmp_buf_tag {
    unsigned long __regs[8];            /* rbx rbp r12 r13 r14 r15 rsp rip */
    int __mask_saved;                   /* sigsetjmp: is __mask valid? */
    sigset_t __mask;
} jmp_buf[1], sigjmp_buf[1];

int setjmp(jmp_buf env) __attribute__((returns_twice));
_Noreturn void longjmp(jmp_buf env, int val);
int _setjmp(jmp_buf env) __attribute__((returns_twice));
_Noreturn void _longjmp(jmp_buf env, int val);
int sigsetjmp(sigjmp_buf env, int savemask) __attribute__((returns_twice));
_Noreturn void siglongjmp(sigjmp_buf env, int val);

#endif
