/*
 * sigframe.c: running a signal handler in user mode, and coming back.
 *
 * To run a handler the kernel builds a signal frame on the user stack,
 * exactly as Linux x86-64 lays it out (arch/x86/kernel/signal_64.c), so
 * that handlers compiled for Linux (musl's, glibc's) can read it:
 *
 *      higher addresses
 *      [ the interrupted code's stack and red zone (128 bytes)   ]
 *      [ x87/SSE state (fxsave, 512 bytes, 64-byte aligned)       ]
 *      [ siginfo_t     (what, who, where)                         ]
 *      [ ucontext_t    (every register, the old signal mask)      ]
 *      [ return address: sa_restorer, which calls rt_sigreturn    ]  <- rsp
 *
 * and points the trapframe at the handler: rip = handler, rdi = signal,
 * rsi = &siginfo, rdx = &ucontext. When the handler returns it "returns"
 * into the restorer, whose rt_sigreturn system call hands the saved
 * registers back: the interrupted code continues as if nothing happened.
 */
#include "signal.h"
#include "errno.h"
#include "interrupt.h"
#include "kprintf.h"
#include "proc.h"
#include "segment.h"
#include "string.h"
#include "trapframe.h"
#include "uaccess.h"
#include "x86.h"

struct k_sigcontext {               /* Linux's struct sigcontext (x86-64) */
    uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
    uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
    uint16_t cs, gs, fs, ss;
    uint64_t err, trapno, oldmask, cr2;
    uint64_t fpstate;               /* user address of the fxsave area */
    uint64_t reserved[8];
};

struct k_ucontext {
    uint64_t uc_flags;
    uint64_t uc_link;
    struct k_stack uc_stack;
    struct k_sigcontext uc_mcontext;
    uint64_t uc_sigmask;            /* the kernel's 64-bit mask */
};

struct k_siginfo {                  /* siginfo_t: 128 bytes */
    int32_t si_signo, si_errno, si_code, pad;
    union {
        struct { int32_t pid; uint32_t uid; } kill;
        struct { int32_t pid; uint32_t uid; int32_t status; int32_t pad; int64_t utime, stime; } chld;
        struct { uint64_t addr; } fault;
        uint8_t bytes[112];
    };
};

struct rt_sigframe {
    uint64_t pretcode;              /* where the handler returns to */
    struct k_ucontext uc;
    struct k_siginfo info;
};

_Static_assert(sizeof(struct k_sigcontext) == 256, "sigcontext layout");
_Static_assert(sizeof(struct k_siginfo) == 128, "siginfo layout");
_Static_assert(__builtin_offsetof(struct rt_sigframe, info) == 8 + 40 + 256 + 8, "frame layout");

#define FXSAVE_SIZE 512
/* The rflags bits a handler (or a forged frame) may change (Linux's
 * FIX_EFLAGS): the arithmetic flags, direction, trap, resume, AC. */
#define FIX_EFLAGS 0x50dd5ul

bool on_sigaltstack(const struct thread *t, uint64_t sp)
{
    return sp > t->sigaltstack_sp && sp - t->sigaltstack_sp <= t->sigaltstack_size;
}

static void regs_to_sigcontext(const struct trapframe *tf, const struct ksiginfo *info,
                               struct k_sigcontext *sc)
{
    sc->r8 = tf->r8, sc->r9 = tf->r9, sc->r10 = tf->r10, sc->r11 = tf->r11;
    sc->r12 = tf->r12, sc->r13 = tf->r13, sc->r14 = tf->r14, sc->r15 = tf->r15;
    sc->rdi = tf->rdi, sc->rsi = tf->rsi, sc->rbp = tf->rbp, sc->rbx = tf->rbx;
    sc->rdx = tf->rdx, sc->rax = tf->rax, sc->rcx = tf->rcx, sc->rsp = tf->rsp;
    sc->rip = tf->rip, sc->eflags = tf->rflags;
    sc->cs = (uint16_t)tf->cs, sc->ss = (uint16_t)tf->ss;
    sc->err = tf->errcode, sc->trapno = tf->trapno;
    sc->cr2 = tf->trapno == T_PGFLT ? info->addr : 0;  /* the fault's address, saved then */
}

int setup_rt_frame(struct trapframe *tf, int sig, const struct kernel_sigaction *ka,
                   const struct ksiginfo *info)
{
    struct thread *t = current;
    if (!(ka->flags & SA_RESTORER))
        return -EFAULT;             /* x86-64 handlers must say where to return */
    /* A handler outside user space would reach iretq with a rip the CPU
     * refuses in ring 0 (a #GP with the user's GS loaded): never try. */
    if (ka->handler >= USER_TOP)
        return -EFAULT;

    uint64_t sp = tf->rsp;
    if ((ka->flags & SA_ONSTACK) && !(t->sigaltstack_flags & SS_DISABLE) && !on_sigaltstack(t, sp))
        sp = t->sigaltstack_sp + t->sigaltstack_size;   /* the alternate stack */
    else
        sp -= 128;                  /* skip the red zone the code may be using */

    sp = (sp - FXSAVE_SIZE) & ~63ul;
    uint64_t fpstate = sp;
    sp -= sizeof(struct rt_sigframe);
    sp = ((sp + 8) & ~15ul) - 8;    /* as if called: rsp + 8 is 16-byte aligned */

    struct rt_sigframe frame;       /* 440 bytes: fine on a 16 KiB stack */
    uint8_t fx[FXSAVE_SIZE] __attribute__((aligned(16)));
    memset(&frame, 0, sizeof frame);
    frame.pretcode = ka->restorer;
    frame.uc.uc_stack.ss_sp = t->sigaltstack_sp;
    frame.uc.uc_stack.ss_size = t->sigaltstack_size;
    frame.uc.uc_stack.ss_flags =
        t->sigaltstack_flags | (on_sigaltstack(t, tf->rsp) ? SS_ONSTACK : 0);
    regs_to_sigcontext(tf, info, &frame.uc.uc_mcontext);
    /* The mask to restore after the handler: the one before
     * rt_sigsuspend swapped in its temporary mask, if it did. */
    uint64_t oldmask = t->restore_sigmask ? t->saved_sigmask : t->sigmask;
    frame.uc.uc_mcontext.oldmask = oldmask;
    frame.uc.uc_mcontext.fpstate = fpstate;
    frame.uc.uc_sigmask = oldmask;
    frame.info.si_signo = sig;
    frame.info.si_code = info->code;
    if (sig == SIGCHLD) {
        frame.info.chld.pid = info->pid;
        frame.info.chld.status = info->status;
    } else if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP) {
        frame.info.fault.addr = info->addr;
    } else {
        frame.info.kill.pid = info->pid;
        frame.info.kill.uid = (uint32_t)info->uid;
    }
    __asm__ volatile("fxsave64 %0" : "=m"(fx));     /* the live user FPU state */
    int err = copy_to_user((void *)fpstate, fx, FXSAVE_SIZE);
    if (!err)
        err = copy_to_user((void *)sp, &frame, sizeof frame);
    if (err)
        return -EFAULT;

    /* Into the handler. */
    tf->rip = ka->handler;
    tf->rsp = sp;
    tf->rdi = (uint64_t)sig;
    tf->rsi = sp + __builtin_offsetof(struct rt_sigframe, info);
    tf->rdx = sp + __builtin_offsetof(struct rt_sigframe, uc);
    tf->rax = 0;
    tf->cs = USER_CS;
    tf->ss = USER_DS;
    tf->rflags &= ~(RFLAGS_DF | RFLAGS_TF);     /* the ABI wants DF clear */

    uint64_t block = ka->mask | ((ka->flags & SA_NODEFER) ? 0 : sigmask_of(sig));
    t->sigmask = (t->sigmask | block) & ~SIG_UNBLOCKABLE;
    t->restore_sigmask = false;     /* the frame carries the old mask now */
    return 0;
}

long sys_rt_sigreturn(void)
{
    struct thread *t = current;
    struct trapframe *tf = t->tf;
    /* The handler's ret popped pretcode: the frame starts 8 bytes below. */
    uint64_t frame_addr = tf->rsp - 8;
    struct rt_sigframe frame;
    uint8_t fx[FXSAVE_SIZE] __attribute__((aligned(16)));

    int err = copy_from_user(&frame, (void *)frame_addr, sizeof frame);
    struct k_sigcontext sc = frame.uc.uc_mcontext;
    uint64_t mask = frame.uc.uc_sigmask;
    struct k_stack ss = frame.uc.uc_stack;
    if (!err && sc.fpstate) {
        err = copy_from_user(fx, (void *)sc.fpstate, FXSAVE_SIZE);
        /* MXCSR bits 16-31 are reserved: loading them would #GP in the
         * kernel. A forged frame gets SIGSEGV instead. */
        if (!err && (*(uint32_t *)&fx[24] & 0xffff0000u))
            err = -EFAULT;
    }
    if (!err && sc.rip >= USER_TOP)
        err = -EFAULT;              /* see setup_rt_frame: no such rip for iretq */
    if (err) {
        force_sigsegv();
        return 0;
    }
    if (sc.fpstate)
        __asm__ volatile("fxrstor64 %0" : : "m"(fx));

    tf->r8 = sc.r8, tf->r9 = sc.r9, tf->r10 = sc.r10, tf->r11 = sc.r11;
    tf->r12 = sc.r12, tf->r13 = sc.r13, tf->r14 = sc.r14, tf->r15 = sc.r15;
    tf->rdi = sc.rdi, tf->rsi = sc.rsi, tf->rbp = sc.rbp, tf->rbx = sc.rbx;
    tf->rdx = sc.rdx, tf->rax = sc.rax, tf->rcx = sc.rcx, tf->rsp = sc.rsp;
    tf->rip = sc.rip;
    tf->rflags = (tf->rflags & ~FIX_EFLAGS) | (sc.eflags & FIX_EFLAGS);
    tf->cs = USER_CS;               /* never trust segment values from user memory */
    tf->ss = USER_DS;
    tf->errcode = (uint64_t)-1;     /* orig_rax: the interrupted call is not restarted again */
    t->sigmask = mask & ~SIG_UNBLOCKABLE;
    if (!(ss.ss_flags & SS_ONSTACK)) {
        t->sigaltstack_sp = ss.ss_sp;
        t->sigaltstack_size = ss.ss_size;
        t->sigaltstack_flags = ss.ss_flags & SS_DISABLE;
    }
    return (long)tf->rax;           /* the syscall path stores this back: unchanged */
}
