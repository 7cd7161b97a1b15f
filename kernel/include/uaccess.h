/*
 * uaccess.h: the only way the kernel touches memory a user program named.
 *
 * A system call's pointer arguments come from user space and may be
 * anything: NULL, unmapped, a kernel address, non-canonical, or a length
 * that runs off the end of the address space. These helpers check the
 * range (access_ok) and then copy with instructions listed in the exception
 * table (extable.h), so a fault ends the copy with -EFAULT instead of a
 * kernel panic. With SMAP on, they are also the only code that opens the
 * user-access window (stac ... clac).
 *
 * All return 0 on success or -EFAULT.
 */
#ifndef WEFT_UACCESS_H
#define WEFT_UACCESS_H

#include "memlayout.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Marks a pointer as a user address: never dereference it directly. */
#define __user

/* [p, p+n) lies entirely in user space (and does not wrap around). */
static inline bool access_ok(const void __user *p, size_t n)
{
    uint64_t a = (uint64_t)p;
    return a + n >= a && a + n <= USER_TOP;
}

int copy_from_user(void *dst, const void __user *src, size_t n);
int copy_to_user(void __user *dst, const void *src, size_t n);
int clear_user(void __user *dst, size_t n);

/* Copy a NUL-terminated string of at most max-1 characters. Returns its
 * length, -EFAULT, or -ENAMETOOLONG if no NUL came within max bytes. */
long strncpy_from_user(char *dst, const char __user *src, size_t max);

/* Read or write kernel memory that may not be mapped (tests, debugging):
 * 0 or -EFAULT, never a fault. */
int copy_nofault(void *dst, const void *src, size_t n);

/* The assembly routines behind the above (arch/x86_64/uaccess.S). */
long __copy_user(void *dst, const void *src, size_t n);
long __clear_user(void *dst, size_t n);
long __strncpy_user(char *dst, const char *src, size_t max);

#endif
