/*
 * uaccess.S: copies that may fault (see uaccess.h).
 *
 * Each instruction that touches the caller-supplied address gets an entry
 * in the exception table: if it faults, trap() resumes at uaccess_fault,
 * which returns -EFAULT. stac/clac open and close the SMAP window: with
 * SMAP on, a kernel access to a user page faults unless RFLAGS.AC is set.
 *
 * A page fault in here on a valid user address is not an error: the page
 * fault handler first tries to bring the page in (demand paging,
 * copy-on-write), and only if that fails does the fixup run.
 */
#include "weft/errno.h"

/* Record "if the instruction at label 'insn' faults, go to 'fixup'". */
.macro EXTABLE insn, fixup
    .pushsection .extable, "a"
    .balign 8
    .quad \insn, \fixup
    .popsection
.endm

.text

/* long __copy_user(void *dst, const void *src, size_t n)
 * rdi = dst, rsi = src, rdx = n. Returns 0 or -EFAULT. */
.global __copy_user
__copy_user:
    stac                        /* open the SMAP window */
    movq %rdx, %rcx
    shrq $3, %rcx               /* rcx = n / 8: whole words first */
1:  rep movsq                   /* may fault: see the table entry below */
    movq %rdx, %rcx
    andq $7, %rcx               /* then the 0-7 bytes left */
2:  rep movsb
    clac                        /* close the window */
    xorl %eax, %eax             /* return 0 */
    ret
EXTABLE 1b, uaccess_fault
EXTABLE 2b, uaccess_fault

/* long __clear_user(void *dst, size_t n): zero n bytes. */
.global __clear_user
__clear_user:
    stac
    xorl %eax, %eax             /* the value to store */
    movq %rsi, %rcx
    shrq $3, %rcx
3:  rep stosq
    movq %rsi, %rcx
    andq $7, %rcx
4:  rep stosb
    clac
    ret                         /* eax is still 0 */
EXTABLE 3b, uaccess_fault
EXTABLE 4b, uaccess_fault

/* long __strncpy_user(char *dst, const char *src, size_t max)
 * Copy bytes up to and including a NUL, at most max of them.
 * Returns the string's length (without the NUL), or max if no NUL came. */
.global __strncpy_user
__strncpy_user:
    stac
    xorl %eax, %eax             /* rax = bytes copied so far */
5:  cmpq %rdx, %rax
    je 7f                       /* max reached without a NUL */
6:  movb (%rsi, %rax), %cl      /* may fault */
    movb %cl, (%rdi, %rax)
    testb %cl, %cl
    jz 7f                       /* copied the NUL: done */
    incq %rax
    jmp 5b
7:  clac
    ret
EXTABLE 6b, uaccess_fault

uaccess_fault:
    clac
    movq $-EFAULT, %rax
    ret
