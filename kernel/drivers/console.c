/*
 * console.c: kprintf() and panic().
 *
 * Every line goes to the serial port (what `make qemu` shows in your
 * terminal and what the tests read) and to the VGA screen. A spinlock keeps
 * lines from two CPUs or from an interrupt handler from interleaving
 * mid-character; panic() skips it, since the panicking CPU may hold it.
 */
#include "kprintf.h"
#include "backtrace.h"
#include "bootinfo.h"
#include "drivers.h"
#include "format.h"
#include "interrupt.h"
#include "spinlock.h"
#include "x86.h"

static struct spinlock console_lock = SPINLOCK_INIT("console");
static volatile int panicking;

/* Set by the tty layer when it exists; until then typed characters are
 * dropped. */
void (*console_input_hook)(char c);

static void put_both(void *arg, char c)
{
    (void)arg;
    serial_putc(c);
    vga_putc(c);
}

void console_write(const char *buf, size_t len)
{
    if (!panicking)
        spin_lock(&console_lock);
    for (size_t i = 0; i < len; i++)
        put_both(0, buf[i]);
    if (!panicking)
        spin_unlock(&console_lock);
}

int vkprintf(const char *fmt, va_list ap)
{
    if (!panicking)
        spin_lock(&console_lock);
    int n = vformat(put_both, 0, fmt, ap);
    if (!panicking)
        spin_unlock(&console_lock);
    return n;
}

int kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vkprintf(fmt, ap);
    va_end(ap);
    return n;
}

void console_input(char c)
{
    if (console_input_hook)
        console_input_hook(c);
}

static __attribute__((noreturn)) void vpanic(struct trapframe *tf, const char *fmt, va_list ap)
{
    cli();
    panicking = 1;
    kprintf("\npanic: ");
    vformat(put_both, 0, fmt, ap);
    kprintf("\n");
    if (tf)
        dump_registers(tf);
    if (tf && !tf_from_user(tf))
        backtrace_from(tf->rbp, tf->rip);   /* the stack where it went wrong */
    else
        backtrace_here();
    if (boot_info.test_mode) {
        kprintf("TESTS ABORTED: kernel panic\n");
        qemu_exit(1);
    }
    kprintf("System halted.\n");
    for (;;)
        hlt();
}

void panic(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vpanic(0, fmt, ap);
}

void panic_with_frame(struct trapframe *tf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vpanic(tf, fmt, ap);
}
