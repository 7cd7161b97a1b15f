/*
 * backtrace.c: print the kernel call stack (see backtrace.h).
 */
#include "backtrace.h"
#include "kprintf.h"
#include "memlayout.h"

static void print_frame(uint64_t rip)
{
    char name[64];
    uint64_t off;
    if (ksym_lookup(rip, name, sizeof name, &off) == 0)
        kprintf("  [<%p>] %s+%#lx\n", (void *)rip, name, (unsigned long)off);
    else
        kprintf("  [<%p>] ?\n", (void *)rip);
}

/* Is p a kernel address we may read 16 bytes at? Stacks live in the kernel
 * image (the boot stack), the direct map or the vmalloc area. */
static int plausible_frame(uint64_t p)
{
    return (p & 7) == 0 && p >= DIRECT_MAP_BASE && p < 0xfffffffffffff000ull;
}

void backtrace_from(uint64_t rbp, uint64_t rip)
{
    kprintf("Backtrace:\n");
    if (rip)
        print_frame(rip);
    for (int depth = 0; depth < 32 && plausible_frame(rbp); depth++) {
        uint64_t *frame = (uint64_t *)rbp;
        uint64_t ret = frame[1];        /* the return address above saved rbp */
        if (ret < KERNEL_BASE)
            break;                      /* left the kernel: user code or junk */
        print_frame(ret - 1);           /* -1: name the call, not what follows it */
        if (frame[0] <= rbp)
            break;                      /* stacks grow down: the chain must go up */
        rbp = frame[0];
    }
}

void backtrace_here(void)
{
    uint64_t rbp;
    __asm__ volatile("movq %%rbp, %0" : "=r"(rbp));
    backtrace_from(rbp, 0);     /* our caller is the first frame of the chain */
}
