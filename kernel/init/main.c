/*
 * main.c: kmain(), where the kernel starts in C.
 *
 * boot/entry.S gets here in 64-bit mode, on the boot stack, with the boot
 * page tables (the first GiB mapped three ways). kmain brings the machine
 * up one layer at a time, each layer using only the ones before it:
 *
 *   per-CPU data  -> console -> boot info -> CPU features -> frames
 *   -> kernel page tables -> GDT/TSS, IDT -> heap -> interrupts, clock
 *
 * and then either runs the self tests or starts the first process.
 */
#include "bootinfo.h"
#include "backtrace.h"
#include "clock.h"
#include "cpu.h"
#include "drivers.h"
#include "frame.h"
#include "interrupt.h"
#include "kmalloc.h"
#include "kprintf.h"
#include "ktest.h"
#include "fs.h"
#include "proc.h"
#include "sched.h"
#include "syscall.h"
#include "paging.h"
#include "percpu.h"
#include "segment.h"
#include "string.h"
#include "version.h"
#include "x86.h"

struct boot_info boot_info;

extern char _kernel_end[];

static void reserve_boot_memory(void)
{
    struct range reserve[2 + MAX_MODULES];
    int n = 0;

    /* The kernel image, from its load address to the end of bss. */
    reserve[n++] = (struct range){ 0x100000, virt_to_phys(_kernel_end) - 0x100000 };
    /* The multiboot2 information: we copied what we need, but keep it. */
    reserve[n++] = (struct range){ boot_info.info_start,
                                   boot_info.info_end - boot_info.info_start };
    /* The modules: the initramfs and the symbol table live there. */
    for (int i = 0; i < boot_info.nmodules; i++)
        reserve[n++] = (struct range){ boot_info.modules[i].start,
                                       boot_info.modules[i].end - boot_info.modules[i].start };
    frame_init(&boot_info, reserve, n);
}

static const struct boot_module *find_module(const char *name)
{
    for (int i = 0; i < boot_info.nmodules; i++)
        if (strcmp(boot_info.modules[i].name, name) == 0)
            return &boot_info.modules[i];
    return NULL;
}

static void banner(void)
{
    uint64_t usable = frame_total_count() * PAGE_SIZE;
    if (boot_info.quiet)
        return;                 /* make run: only the command's output */
    kprintf("weft %s (x86-64), built %s\n", WEFT_VERSION, WEFT_BUILD_DATE);
    kprintf("cpu: %s %s\n", cpu_features.vendor, cpu_features.brand);
    kprintf("cpu: NX %s, SMEP %s, SMAP %s, 1 GiB pages %s, global pages %s, UMIP %s\n",
            cpu_features.nx ? "on" : "absent", cpu_features.smep ? "on" : "absent",
            cpu_features.smap ? "on" : "absent", cpu_features.pdpe1gb ? "available" : "absent",
            cpu_features.pge ? "on" : "absent", cpu_features.umip ? "on" : "absent");
    kprintf("memory: %lu MiB usable, %lu KiB free after the kernel, TSC %lu.%03lu MHz\n",
            (unsigned long)(usable >> 20), (unsigned long)(frame_free_count() * 4),
            (unsigned long)(tsc_khz / 1000), (unsigned long)(tsc_khz % 1000));
    kprintf("boot: loader \"%s\", command line \"%s\", %d module(s)\n", boot_info.loader,
            boot_info.cmdline, boot_info.nmodules);
}

void kmain(uint32_t magic, uint64_t info_phys)
{
    percpu_init(0);         /* first: spinlocks (and so kprintf) use it */
    serial_init();
    vga_init();

    const char *err;
    if (multiboot2_parse(magic, phys_to_virt(info_phys), info_phys, &boot_info, &err) < 0)
        panic("%s", err);
    cmdline_parse(&boot_info);
    for (int i = 0; i < boot_info.nunknown; i++)
        kprintf("weft: warning: unknown kernel option \"%s\" ignored\n", boot_info.unknown[i]);

    cpu_init();
    reserve_boot_memory();
    kpagetable_init();      /* from here on, address 0 faults */
    gdt_init(0);
    idt_init();

    const struct boot_module *sym = find_module("symbols");
    if (sym)
        ksyms_init(phys_to_virt(sym->start), sym->end - sym->start);

    pic_init();
    clock_init();
    serial_enable_irq();
    keyboard_init();
    sti();

    banner();

    syscall_init();
    vfs_init();
    sched_init();
    if (boot_info.test_mode)
        ktest_run_all(boot_info.test_filter);
    start_init();
    sched_start();          /* this thread becomes the idle thread */
}
