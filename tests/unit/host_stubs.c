/*
 * host_stubs.c: what the kernel's pure-logic files need from the rest of
 * the kernel, made for a host program (tests/unit).
 *
 *   - spinlocks and irq_save/irq_restore: no-ops (one thread);
 *   - panic(): fails the running test and aborts, or, inside EXPECT_PANIC,
 *     jumps back to the test;
 *   - kprintf(): the host's printf;
 *   - strlcpy: plain C (the kernel's lib/string.c is not linked: the
 *     host's C library has the rest);
 *   - the "physical memory" arena of memlayout.h.
 */
#include "unit.h"
#include "kprintf.h"
#include "spinlock.h"
#include "memlayout.h"
#include "string.h"         /* the kernel's: strlcpy */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/* --- Spinlocks ------------------------------------------------------------- */
void spin_init(struct spinlock *l, const char *name)
{
    l->locked = 0;
    l->name = name;
    l->owner = NULL;
}

void spin_lock(struct spinlock *l) { (void)l; }
void spin_unlock(struct spinlock *l) { (void)l; }
bool spin_holding(struct spinlock *l) { (void)l; return true; }
void irq_save(void) {}
void irq_restore(void) {}

/* --- panic ----------------------------------------------------------------- */
jmp_buf *unit_panic_jmp;
char unit_panic_msg[512];

static __attribute__((noreturn)) void vpanic(const char *fmt, va_list ap)
{
    vsnprintf(unit_panic_msg, sizeof unit_panic_msg, fmt, ap);
    if (unit_panic_jmp) {                   /* EXPECT_PANIC is waiting for it */
        jmp_buf *j = unit_panic_jmp;
        unit_panic_jmp = NULL;
        longjmp(*j, 1);
    }
    char why[600];
    snprintf(why, sizeof why, "panic: %s", unit_panic_msg);
    printf("%s\n", why);
    unit_fail_fatal(why);
    abort();
}

void panic(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vpanic(fmt, ap);
}

void panic_with_frame(struct trapframe *tf, const char *fmt, ...)
{
    (void)tf;
    va_list ap;
    va_start(ap, fmt);
    vpanic(fmt, ap);
}

/* --- Console --------------------------------------------------------------- */
int vkprintf(const char *fmt, va_list ap)
{
    return vprintf(fmt, ap);
}

int kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vprintf(fmt, ap);
    va_end(ap);
    return n;
}

void console_write(const char *buf, size_t len)
{
    fwrite(buf, 1, len, stdout);
}

/* --- lib/string.c's extras -------------------------------------------------- */
/* glibc has strlcpy only from 2.38 on. */
size_t strlcpy(char *dst, const char *src, size_t size)
{
    size_t len = strlen(src);
    if (size > 0) {
        size_t n = len < size - 1 ? len : size - 1;
        memcpy(dst, src, n);
        dst[n] = '\0';
    }
    return len;
}

/* --- Physical memory ------------------------------------------------------- */
uint8_t *host_phys_base;
size_t host_phys_size;

void unit_phys_init(size_t bytes)
{
    bytes = PAGE_ROUND_UP(bytes);
    if (host_phys_base && host_phys_size != bytes) {
        munmap(host_phys_base - PAGE_SIZE, host_phys_size + 2 * PAGE_SIZE);
        host_phys_base = NULL;
    }
    if (!host_phys_base) {
        /* A guard page on either side: a stray access faults. */
        uint8_t *m = mmap(NULL, bytes + 2 * PAGE_SIZE, PROT_NONE,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (m == MAP_FAILED || mprotect(m + PAGE_SIZE, bytes, PROT_READ | PROT_WRITE) != 0) {
            perror("unit_phys_init: mmap");
            abort();
        }
        host_phys_base = m + PAGE_SIZE;
        host_phys_size = bytes;
    }
    memset(host_phys_base, 0xa5, bytes);
}
