/*
 * trap.c: what happens after trapentry.S has saved the registers.
 *
 * Three kinds of event arrive here, told apart by the vector number:
 *   - device interrupts (vector 32 and up): call the driver's handler;
 *   - page faults: let the memory manager resolve them (demand paging,
 *     copy-on-write, stack growth) before calling them errors;
 *   - other exceptions: from user mode they become a signal to the
 *     process; in the kernel they are a bug, unless the faulting
 *     instruction is listed in the exception table (extable.h).
 */
#include "interrupt.h"
#include "extable.h"
#include "kprintf.h"
#include "mm.h"
#include "signal.h"
#include "percpu.h"
#include "x86.h"

static const char *const exception_names[32] = {
    "divide error", "debug", "NMI", "breakpoint", "overflow", "bound range exceeded",
    "invalid opcode", "device not available", "double fault", "coprocessor segment overrun",
    "invalid TSS", "segment not present", "stack-segment fault", "general protection fault",
    "page fault", "reserved", "x87 floating-point error", "alignment check", "machine check",
    "SIMD floating-point error", "virtualization exception", "control protection exception",
};

static irq_handler_t irq_handlers[NIRQS];

const char *trap_name(uint64_t trapno)
{
    if (trapno < 32)
        return exception_names[trapno] ? exception_names[trapno] : "reserved";
    if (trapno == T_SYSCALL)
        return "system call";
    if (trapno >= T_IRQ0 && trapno < T_IRQ0 + NIRQS)
        return "device interrupt";
    return "unknown";
}

void irq_register(int irq, irq_handler_t handler)
{
    irq_handlers[irq] = handler;
    pic_unmask(irq);
}

void dump_registers(const struct trapframe *tf)
{
    kprintf("RIP: %04lx:%p RFLAGS: %08lx  %s mode\n", (unsigned long)tf->cs, (void *)tf->rip,
            (unsigned long)tf->rflags, tf_from_user(tf) ? "user" : "kernel");
    kprintf("RSP: %04lx:%p ERR: %#lx CR2: %p CR3: %p\n", (unsigned long)tf->ss,
            (void *)tf->rsp, (unsigned long)tf->errcode, (void *)read_cr2(),
            (void *)read_cr3());
    kprintf("RAX: %016lx RBX: %016lx RCX: %016lx\n", tf->rax, tf->rbx, tf->rcx);
    kprintf("RDX: %016lx RSI: %016lx RDI: %016lx\n", tf->rdx, tf->rsi, tf->rdi);
    kprintf("RBP: %016lx R08: %016lx R09: %016lx\n", tf->rbp, tf->r8, tf->r9);
    kprintf("R10: %016lx R11: %016lx R12: %016lx\n", tf->r10, tf->r11, tf->r12);
    kprintf("R13: %016lx R14: %016lx R15: %016lx\n", tf->r13, tf->r14, tf->r15);
}

static void handle_irq(struct trapframe *tf)
{
    int irq = (int)(tf->trapno - T_IRQ0);
    struct cpu *c = this_cpu();

    c->stats.interrupts++;
    if (tf->trapno == T_SPURIOUS)
        return;                     /* the PIC's spurious IRQ 7: no EOI, no handler */
    c->in_irq++;
    c->irq_from_user = tf_from_user(tf);
    pic_eoi(irq);                   /* before the handler: it may switch threads */
    if (irq_handlers[irq])
        irq_handlers[irq]();
    c->in_irq--;
}

/* A fault in kernel code. Either the instruction is allowed to fault
 * (copy_from_user and friends) or the kernel has a bug. */
static void kernel_fault(struct trapframe *tf)
{
    uint64_t fixup = extable_search(tf->rip);
    if (fixup) {
        tf->rip = fixup;            /* resume at the fixup: it returns -EFAULT */
        return;
    }
    if (tf->trapno == T_PGFLT)
        panic_with_frame(tf, "kernel page fault at %p (%s %s, %s)", (void *)read_cr2(),
                         tf->errcode & PF_INSTR ? "executing" :
                         tf->errcode & PF_WRITE ? "writing" : "reading",
                         tf->errcode & PF_USER ? "user" : "kernel",
                         tf->errcode & PF_PRESENT ? "protection violation" : "not present");
    panic_with_frame(tf, "%s (vector %lu) in kernel mode", trap_name(tf->trapno),
                     (unsigned long)tf->trapno);
}

void trap(struct trapframe *tf)
{
    if (tf->trapno >= T_IRQ0 && tf->trapno < T_IRQ0 + NIRQS) {
        handle_irq(tf);
        if (tf_from_user(tf))
            trap_exit(tf);
        return;
    }

    cpu_count(exceptions);
    if (tf->trapno == T_PGFLT) {
        cpu_count(page_faults);
        if (page_fault(tf, read_cr2()) == 0) {
            if (tf_from_user(tf))
                trap_exit(tf);
            return;             /* resolved: the instruction runs again */
        }
    }
    if (!tf_from_user(tf)) {
        kernel_fault(tf);
        return;
    }
    user_exception(tf);         /* becomes a signal (proc/signal.c) */
    trap_exit(tf);
}
