/*
 * percpu.c: set up this CPU's struct cpu and point GS at it (percpu.h).
 */
#include "percpu.h"
#include "x86.h"
#include <stddef.h>

struct cpu cpus[MAX_CPUS];
int ncpus = 1;

/* The assembly in syscall.S uses these offsets. */
_Static_assert(offsetof(struct cpu, self) == CPU_SELF, "CPU_SELF");
_Static_assert(offsetof(struct cpu, kernel_rsp) == CPU_KERNEL_RSP, "CPU_KERNEL_RSP");
_Static_assert(offsetof(struct cpu, user_rsp) == CPU_USER_RSP, "CPU_USER_RSP");

void percpu_init(int id)
{
    struct cpu *c = &cpus[id];
    c->self = c;
    c->id = id;
    wrmsr(MSR_GS_BASE, (uint64_t)c);        /* active now, in the kernel */
    wrmsr(MSR_KERNEL_GS_BASE, 0);           /* what user mode will get after swapgs */
}
