/*
 * switch.S: the context switch, the moment one thread stops running and
 * another starts.
 *
 *      struct thread *switch_to(struct context **old, struct context *new,
 *                               struct thread *prev);
 *
 * A thread that is not running is a kernel stack with its registers saved
 * on top. switch_to saves the current thread's callee-saved registers on
 * its own stack, records where that stack is (*old = rsp), moves rsp to the
 * new thread's stack and pops that thread's registers. The final ret
 * returns into the new thread, to wherever it called switch_to from (or,
 * for a brand-new thread, to thread_entry below).
 *
 * Only the callee-saved registers (rbx, rbp, r12-r15) need saving: the C
 * calling convention lets the caller assume every other register is
 * clobbered by the call anyway. User registers are not here at all: they
 * were saved in the trapframe when the thread entered the kernel. The
 * address-space switch (CR3) happened just before, in switch.c.
 *
 * The return value is the thread we switched away from, as seen by the
 * thread we switched to (Linux does the same): the new thread needs it to
 * finish the switch (finish_task_switch in sched.c).
 *
 * In GDB (make gdb, then `break switch_to`), step with `si` and watch rsp
 * jump from one kernel stack to another at the `movq %rsi, %rsp`.
 */
.text
.global switch_to
switch_to:
    /* rdi = old (where to store our stack pointer), rsi = new context,
     * rdx = prev (handed to the new thread in rax). */
    pushq %rbp                  /* save the callee-saved registers, in the */
    pushq %rbx                  /* reverse order of struct context's fields */
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, (%rdi)           /* *old = rsp: our context is at the stack top */

    movq %rsi, %rsp             /* THE SWITCH: from here on, the new thread's stack */

    movq %rdx, %rax             /* the return value: who ran before us */
    popq %r15                   /* restore the new thread's registers */
    popq %r14
    popq %r13
    popq %r12
    popq %rbx
    popq %rbp
    ret                         /* pops the new thread's return address: off it goes */

/*
 * A new thread's first instructions. thread_setup_stack() (sched/thread.c)
 * left a struct context whose rip is this label, with r12 = the function
 * to run and rbx = its argument, and a trapframe right above the context,
 * where rsp points once switch_to has popped it (and stays, since the
 * call below returns).
 */
.global thread_entry
thread_entry:
    movq %rax, %rdi             /* the thread switched away from ... */
    call finish_task_switch     /* ... gets its bookkeeping done, rq_lock dropped */
    sti                         /* interrupts on, as in any thread */
    movq %rbx, %rdi             /* fn(arg): the kernel-side start (fork.c, init.c) */
    call *%r12
    jmp trap_return             /* "return" into user mode through the trapframe */
