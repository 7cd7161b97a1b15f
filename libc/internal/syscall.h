/*
 * syscall.h (libc-internal): the one way user space enters the kernel.
 *
 * The x86-64 Linux convention, which weft follows exactly:
 *   rax = system call number (weft/unistd.h's __NR_*)
 *   rdi, rsi, rdx, r10, r8, r9 = arguments 1..6 (r10, not rcx: the
 *       `syscall` instruction itself overwrites rcx with the return address
 *       and r11 with rflags, so those two are clobbered)
 *   rax on return = the result, or -errno (a value in -4095..-1).
 *
 * __syscall6() is the only asm; the shorter forms pass zeros, which the
 * kernel ignores. They return the raw result: callers that follow the
 * C-library convention (-1 and errno) wrap it in __syscall_ret().
 */
#ifndef _LIBC_SYSCALL_H
#define _LIBC_SYSCALL_H

#include <weft/unistd.h>

static inline long __syscall6(long n, long a1, long a2, long a3, long a4, long a5,
                              long a6)
{
    /* Arguments 4..6 live in registers that have no constraint letter of
     * their own, so they are named register variables. */
    register long r10 __asm__("r10") = a4;
    register long r8 __asm__("r8") = a5;
    register long r9 __asm__("r9") = a6;
    long ret;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(n), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
                     /* "memory": the kernel may read or write any buffer we
                      * passed, so the compiler must not cache memory in
                      * registers across the call. */
                     : "rcx", "r11", "memory");
    return ret;
}

#define __syscall0(n)             __syscall6((n), 0, 0, 0, 0, 0, 0)
#define __syscall1(n, a)          __syscall6((n), (long)(a), 0, 0, 0, 0, 0)
#define __syscall2(n, a, b)       __syscall6((n), (long)(a), (long)(b), 0, 0, 0, 0)
#define __syscall3(n, a, b, c)    __syscall6((n), (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define __syscall4(n, a, b, c, d) \
    __syscall6((n), (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define __syscall5(n, a, b, c, d, e) \
    __syscall6((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)

/* -4095..-1 means failure: store the error in errno and return -1; any
 * other value (including large "negative" addresses from mmap) is a
 * result. Defined in errno/errno.c. A wrapper reads
 *     return __syscall_ret(__syscall3(__NR_read, fd, buf, n));  */
long __syscall_ret(unsigned long r);

#endif
