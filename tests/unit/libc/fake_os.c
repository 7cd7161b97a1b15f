/*
 * fake_os.c: the system calls weft's malloc makes (sbrk, mmap, munmap),
 * imitated in the host process, so the allocator runs unmodified:
 *  - sbrk moves a "break" inside a 256 MiB arena reserved with the host's
 *    mmap; pages past the break are inaccessible (PROT_NONE), as they are
 *    on a real kernel, so writing beyond the heap crashes the test;
 *  - mmap and munmap are the host's, counted, so a test can check that
 *    every large block is given back.
 * fake_sbrk_gap makes the next sbrk skip some bytes first, as if someone
 * else had moved the break: the allocator must start a new heap segment.
 */
#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>

#include "fake_os.h"
#include "weft.h"

#define ARENA_SIZE (256ul << 20)

static char *arena;
static size_t brk_off;
long fake_sbrk_calls, fake_mmap_live, fake_munmap_bad;
size_t fake_sbrk_gap;

void *weft_sbrk(long inc)
{
    if (!arena) {
        arena = mmap(NULL, ARENA_SIZE, PROT_NONE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (arena == MAP_FAILED)
            return (void *)-1;
    }
    fake_sbrk_calls++;
    if (inc != 0 && fake_sbrk_gap) {
        brk_off += fake_sbrk_gap;
        fake_sbrk_gap = 0;
    }
    if ((inc < 0 && (size_t)-inc > brk_off) || brk_off + inc > ARENA_SIZE) {
        errno = ENOMEM;
        return (void *)-1;
    }
    char *old = arena + brk_off;
    brk_off += inc;
    /* Open the pages up to the new break (rounded up to a page). */
    mprotect(arena, (brk_off + 4095) & ~4095ul, PROT_READ | PROT_WRITE);
    return old;
}

int fake_in_arena(const void *p)
{
    return arena && (const char *)p >= arena && (const char *)p < arena + brk_off;
}

void *weft_mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    void *p = mmap(addr, len, prot, flags, fd, off);
    if (p != MAP_FAILED)
        fake_mmap_live++;
    return p;
}

int weft_munmap(void *addr, size_t len)
{
    if ((uintptr_t)addr % 4096)
        fake_munmap_bad++;              /* weft's kernel would refuse it */
    fake_mmap_live--;
    return munmap(addr, len);
}
