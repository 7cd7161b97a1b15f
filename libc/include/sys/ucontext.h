/*
 * sys/ucontext.h: the third argument of an SA_SIGINFO handler, a pointer to
 * the frame the kernel saved on the signal stack. The prefix up to
 * uc_sigmask is what Linux x86-64 writes (struct ucontext + struct
 * sigcontext); the handler may read and change the saved registers, and
 * rt_sigreturn restores them.
 */
#ifndef _SYS_UCONTEXT_H
#define _SYS_UCONTEXT_H

#include <signal.h>                 /* stack_t, sigset_t */

/* Index into gregs[] (the order of struct sigcontext). */
enum {
    REG_R8 = 0, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15,
    REG_RDI, REG_RSI, REG_RBP, REG_RBX, REG_RDX, REG_RAX, REG_RCX, REG_RSP,
    REG_RIP, REG_EFL, REG_CSGSFS, REG_ERR, REG_TRAPNO, REG_OLDMASK, REG_CR2
};
#define NGREG 23

typedef long long greg_t;
typedef greg_t gregset_t[NGREG];

typedef struct {
    gregset_t gregs;                    /* offset 0 (ucontext offset 40) */
    void *fpregs;                       /* the saved FPU/SSE state, elsewhere
                                         * on the signal stack */
    unsigned long long __reserved1[8];
} mcontext_t;                           /* 256 bytes */

typedef struct ucontext {
    unsigned long uc_flags;             /* offset 0 */
    struct ucontext *uc_link;           /* 8 */
    stack_t uc_stack;                   /* 16: the signal stack in use */
    mcontext_t uc_mcontext;             /* 40: the interrupted registers */
    sigset_t uc_sigmask;                /* 296: the mask to restore (the
                                         * kernel uses its first 8 bytes) */
    unsigned long __fpregs_mem[64];     /* room, as in musl; unused */
} ucontext_t;

#endif
