/* mman.c: memory mappings. */
#include <errno.h>
#include <stdarg.h>
#include <sys/mman.h>

#include "syscall.h"

/* Failure is MAP_FAILED ((void *)-1), which __syscall_ret's -1 is. */
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    if (off & 4095) {                   /* must be page-aligned */
        errno = EINVAL;
        return MAP_FAILED;
    }
    return (void *)__syscall_ret(__syscall6(__NR_mmap, (long)addr, (long)len, prot,
                                            flags, fd, off));
}

int munmap(void *addr, size_t len)
{
    return (int)__syscall_ret(__syscall2(__NR_munmap, addr, len));
}

int mprotect(void *addr, size_t len, int prot)
{
    return (int)__syscall_ret(__syscall3(__NR_mprotect, addr, len, prot));
}

int madvise(void *addr, size_t len, int advice)
{
    return (int)__syscall_ret(__syscall3(__NR_madvise, addr, len, advice));
}

int msync(void *addr, size_t len, int flags)
{
    return (int)__syscall_ret(__syscall3(__NR_msync, addr, len, flags));
}

/* The fifth argument (the new address) only exists with MREMAP_FIXED. */
void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    void *new_addr = va_arg(ap, void *);
    va_end(ap);
    return (void *)__syscall_ret(__syscall5(__NR_mremap, old, old_len, new_len,
                                            flags, new_addr));
}
