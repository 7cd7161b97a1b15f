/*
 * uaccess.c: range checks in front of the fault-tolerant copies (see
 * uaccess.h and arch/x86_64/uaccess.S).
 */
#include "uaccess.h"
#include "errno.h"

int copy_from_user(void *dst, const void __user *src, size_t n)
{
    if (!access_ok(src, n))
        return -EFAULT;
    return (int)__copy_user(dst, src, n);
}

int copy_to_user(void __user *dst, const void *src, size_t n)
{
    if (!access_ok(dst, n))
        return -EFAULT;
    return (int)__copy_user(dst, src, n);
}

int clear_user(void __user *dst, size_t n)
{
    if (!access_ok(dst, n))
        return -EFAULT;
    return (int)__clear_user(dst, n);
}

long strncpy_from_user(char *dst, const char __user *src, size_t max)
{
    if (max == 0)
        return -ENAMETOOLONG;
    /* Only the part below USER_TOP may be read. */
    uint64_t a = (uint64_t)src;
    if (a >= USER_TOP)
        return -EFAULT;
    if (max > USER_TOP - a)
        max = USER_TOP - a;
    long n = __strncpy_user(dst, src, max);
    if (n < 0)
        return n;
    if ((size_t)n == max) {
        dst[max - 1] = '\0';
        return (uint64_t)src + max >= USER_TOP ? -EFAULT : -ENAMETOOLONG;
    }
    return n;
}

int copy_nofault(void *dst, const void *src, size_t n)
{
    return (int)__copy_user(dst, src, n);
}
