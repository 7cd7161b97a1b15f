/*
 * libc_malloc.c: the allocator on the real heap (brk) and real mappings
 * (mmap): small blocks come from below the break, large ones are mapped
 * and unmapped; random use keeps every block's contents intact.
 */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "libc_check.h"

/* The end of the program's data (.bss), from the linker: the heap comes
 * after it, up to the break. */
extern char end[];

static int in_heap(const void *p)
{
    return (const char *)p >= end && (const char *)p < (char *)sbrk(0);
}

/* Is the page holding p mapped? mprotect fails with ENOMEM if not. */
static int mapped(void *p)
{
    void *page = (void *)((uintptr_t)p & ~(uintptr_t)4095);
    return mprotect(page, 4096, PROT_READ | PROT_WRITE) == 0;
}

static void small_from_heap(void)
{
    char *p = malloc(100);
    CHECK(p != NULL);
    CHECK((uintptr_t)p % 16 == 0);
    CHECK(in_heap(p));                        /* between .bss and the break */
    memset(p, 0xcd, 100);
    char *q = malloc(100);
    CHECK(q >= p + 100 || q + 100 <= p);
    free(p);
    free(q);
    CHECK_EQ(__malloc_check(), 0);
}

static void large_from_mmap(void)
{
    size_t n = 8 << 20;
    char *big = malloc(n);
    CHECK(big != NULL);
    CHECK(!in_heap(big));                     /* a mapping of its own */
    memset(big, 0x11, n);                     /* every page usable */
    CHECK(big[n - 1] == 0x11);
    CHECK(mapped(big + n / 2));
    free(big);
    CHECK(!mapped(big + n / 2));              /* given back to the kernel */
    CHECK_EQ(errno, ENOMEM);

    char *z = calloc(1, 1 << 20);             /* fresh mapping: zero */
    int zero = 1;
    for (size_t i = 0; i < (1 << 20); i += 4096)
        zero &= z[i] == 0;
    CHECK(zero);
    free(z);
}

static void grow_the_heap(void)
{
    char *start = sbrk(0);
    void *blocks[2000];
    for (int i = 0; i < 2000; i++) {          /* 2000 * 1000 bytes: several sbrks */
        blocks[i] = malloc(1000);
        memset(blocks[i], i & 0xff, 1000);
    }
    CHECK((char *)sbrk(0) > start);
    int ok = 1;
    for (int i = 0; i < 2000; i++) {
        unsigned char *b = blocks[i];
        ok &= b[0] == (i & 0xff) && b[999] == (i & 0xff);
        free(b);
    }
    CHECK(ok);
    CHECK_EQ(__malloc_check(), 0);
    char *again = malloc(500000 / 4);        /* fits in the freed space */
    CHECK(in_heap(again));
    free(again);
}

static void random_use(void)
{
    enum { SLOTS = 256, OPS = 20000 };
    static unsigned char *ptr[SLOTS];
    static size_t len[SLOTS];
    unsigned seed = 99;
    int ok = 1;
    for (int op = 0; op < OPS; op++) {
        int s = rand_r(&seed) % SLOTS;
        size_t n = rand_r(&seed) % 50 == 0 ? 200000 : (size_t)(rand_r(&seed) % 3000);
        if (ptr[s]) {
            for (size_t i = 0; i < len[s]; i++)
                ok &= ptr[s][i] == (unsigned char)(s + i);
            if (rand_r(&seed) % 2) {
                free(ptr[s]);
                ptr[s] = NULL;
                continue;
            }
            unsigned char *q = realloc(ptr[s], n + 1);
            if (!q) {
                ok = 0;
                continue;
            }
            ptr[s] = q;
        } else {
            ptr[s] = malloc(n + 1);
        }
        len[s] = n + 1;
        for (size_t i = 0; i < len[s]; i++)
            ptr[s][i] = (unsigned char)(s + i);
    }
    for (int s = 0; s < SLOTS; s++)
        free(ptr[s]);
    CHECK(ok);
    CHECK_EQ(__malloc_check(), 0);
}

static void aligned_and_strings(void)
{
    void *p = NULL;
    CHECK_EQ(posix_memalign(&p, 4096, 10000), 0);
    CHECK((uintptr_t)p % 4096 == 0);
    free(p);
    p = aligned_alloc(64, 64);
    CHECK((uintptr_t)p % 64 == 0);
    free(p);
    char *s = strdup("a string on the heap");
    CHECK_STREQ(s, "a string on the heap");
    s = realloc(s, 4);
    CHECK_EQ(memcmp(s, "a st", 4), 0);
    free(s);
    errno = 0;
    CHECK(malloc((size_t)-1 / 2) == NULL);   /* absurd: ENOMEM, no crash */
    CHECK_EQ(errno, ENOMEM);
}

static const struct check_case cases[] = {
    CASE(small_from_heap), CASE(large_from_mmap), CASE(grow_the_heap), CASE(random_use),
    CASE(aligned_and_strings),
};

int main(int argc, char **argv)
{
    return RUN("malloc", cases);
}
