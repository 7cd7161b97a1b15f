/* stddef.h: our own, so no host header is ever used. The compiler tells us
 * the right types through its predefined macros (__SIZE_TYPE__...). */
#ifndef _STDDEF_H
#define _STDDEF_H

#ifndef __DEFINED_size_t            /* bits/types.h defines it too */
#define __DEFINED_size_t
typedef __SIZE_TYPE__ size_t;
#endif

typedef __PTRDIFF_TYPE__ ptrdiff_t;
typedef __WCHAR_TYPE__ wchar_t;

/* The most strictly aligned scalar type (16 bytes on x86-64): malloc
 * returns memory aligned for it. */
typedef struct {
    long long __ll __attribute__((aligned(__alignof__(long long))));
    long double __ld __attribute__((aligned(__alignof__(long double))));
} max_align_t;

#define NULL ((void *)0)
#define offsetof(type, member) __builtin_offsetof(type, member)

#endif
