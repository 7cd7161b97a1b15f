/*
 * test_malloc.c: weft's allocator on a fake heap (fake_os.c).
 *
 * Every live block is filled with a pattern derived from its id; before a
 * block is freed or resized, its pattern must be intact (no other block
 * overlapped it, no free-list pointer was written into it). After every
 * operation the heap's own consistency check (__malloc_check) must pass,
 * and at the end, with everything freed, the large blocks' mmaps must all
 * have been unmapped.
 */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "fake_os.h"
#include "weft.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

struct live {
    unsigned char *p;
    size_t n;
    unsigned id;
};

static void fill(struct live *b)
{
    for (size_t i = 0; i < b->n; i++)
        b->p[i] = (unsigned char)(b->id * 31 + i * 7);
}

static int intact(const struct live *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (b->p[i] != (unsigned char)(b->id * 31 + i * 7))
            return 0;
    return 1;
}

static void basics(void)
{
    void *p = weft_malloc(1);
    CHECK(p != NULL);
    CHECK((uintptr_t)p % 16 == 0);
    CHECK(weft_malloc_usable_size(p) >= 1);
    void *q = weft_malloc(100);
    CHECK(q != p);
    CHECK((char *)q >= (char *)p + 1 || (char *)q + 100 <= (char *)p);
    weft_free(p);
    void *r = weft_malloc(1);           /* the freed block is reused */
    CHECK(r == p);
    weft_free(r);
    weft_free(q);
    weft_free(NULL);                    /* allowed, does nothing */
    CHECK_EQ(weft___malloc_check(), 0);
}

static void zero_and_overflow(void)
{
    unsigned char *z = weft_calloc(1000, 3);
    CHECK(z != NULL);
    for (int i = 0; i < 3000; i++)
        CHECK_EQ(z[i], 0);
    weft_free(z);
    CHECK(weft_calloc(SIZE_MAX / 2, 3) == NULL);   /* n * size overflows */
    CHECK(weft_malloc(SIZE_MAX - 8) == NULL);
    /* Dirty a block, free it, calloc the same size: must be zero again. */
    unsigned char *d = weft_malloc(256);
    memset(d, 0xab, 256);
    weft_free(d);
    z = weft_calloc(256, 1);
    for (int i = 0; i < 256; i++)
        CHECK_EQ(z[i], 0);
    weft_free(z);
    CHECK_EQ(weft___malloc_check(), 0);
}

static void large_blocks_use_mmap(void)
{
    long live = fake_mmap_live;
    unsigned char *big = weft_malloc(1 << 20);
    CHECK(big != NULL);
    CHECK(!fake_in_arena(big));                /* not from the sbrk heap */
    CHECK_EQ(fake_mmap_live, live + 1);
    memset(big, 0x5a, 1 << 20);
    unsigned char *bigger = weft_realloc(big, 3 << 20);
    CHECK(bigger[0] == 0x5a && bigger[(1 << 20) - 1] == 0x5a);
    CHECK_EQ(fake_mmap_live, live + 1);        /* the old one unmapped */
    unsigned char *small = weft_realloc(bigger, 100);
    CHECK(fake_in_arena(small));               /* back on the heap */
    CHECK(small[99] == 0x5a);
    CHECK_EQ(fake_mmap_live, live);
    weft_free(small);
    CHECK_EQ(fake_munmap_bad, 0);
    CHECK_EQ(weft___malloc_check(), 0);
}

static void realloc_in_place(void)
{
    unsigned char *a = weft_malloc(64), *b = weft_malloc(64), *c = weft_malloc(64);
    memset(a, 1, 64);
    weft_free(b);                              /* a free neighbour after a */
    unsigned char *a2 = weft_realloc(a, 120);
    CHECK(a2 == a);                            /* grew into b's space */
    CHECK(a2[63] == 1);
    unsigned char *a3 = weft_realloc(a2, 16);  /* shrinking never moves */
    CHECK(a3 == a2);
    CHECK(weft_realloc(a3, 0) == NULL);        /* realloc(p, 0) frees */
    weft_free(c);
    CHECK(weft_realloc(NULL, 10) != NULL);     /* realloc(NULL, n) = malloc */
    CHECK_EQ(weft___malloc_check(), 0);
}

static void alignment(void)
{
    static const size_t aligns[] = { 8, 16, 32, 64, 128, 4096, 65536 };
    static const size_t sizes[] = { 1, 24, 100, 5000, 200000 };
    void *p;
    for (size_t a = 0; a < NELEM(aligns); a++)
        for (size_t s = 0; s < NELEM(sizes); s++) {
            CHECK_EQ(weft_posix_memalign(&p, aligns[a], sizes[s]), 0);
            CHECK((uintptr_t)p % aligns[a] == 0);
            memset(p, 0x77, sizes[s]);
            CHECK_EQ(weft___malloc_check(), 0);
            weft_free(p);
            CHECK_EQ(weft___malloc_check(), 0);
        }
    CHECK_EQ(weft_posix_memalign(&p, 24, 10), 22);  /* EINVAL: not a power of 2 */
    p = weft_aligned_alloc(256, 10);
    CHECK((uintptr_t)p % 256 == 0);
    weft_free(p);
}

/* Someone else moved the break: the heap continues in a new segment. */
static void break_gap(void)
{
    fake_sbrk_gap = 4096 + 8;
    long calls = fake_sbrk_calls;
    void *blocks[40];
    for (int i = 0; i < 40; i++)               /* enough to need more heap */
        blocks[i] = weft_malloc(30000);
    CHECK(fake_sbrk_calls > calls);
    for (int i = 0; i < 40; i++) {
        CHECK((uintptr_t)blocks[i] % 16 == 0);
        memset(blocks[i], i, 30000);
    }
    for (int i = 0; i < 40; i++)
        weft_free(blocks[i]);
    CHECK_EQ(weft___malloc_check(), 0);
}

/* The main event: tens of thousands of random operations. */
static void random_operations(void)
{
    enum { SLOTS = 1000, OPS = 60000 };
    static struct live live[SLOTS];
    unsigned next_id = 1;
    long mmaps = fake_mmap_live;
    rng_seed(2024);
    for (int op = 0; op < OPS; op++) {
        struct live *b = &live[rng_below(SLOTS)];
        /* Mostly small sizes, some medium, a few past the mmap threshold. */
        unsigned long r = rng_below(100);
        size_t n = r < 70 ? rng_below(128) : r < 97 ? rng_below(8192) : 100000 + rng_below(300000);
        int kind = (int)rng_below(3);
        if (b->p && kind == 0) {                        /* free */
            CHECK(intact(b, b->n));
            weft_free(b->p);
            b->p = NULL;
        } else if (b->p && kind == 1) {                 /* realloc */
            CHECK(intact(b, b->n));
            unsigned char *q = weft_realloc(b->p, n);
            if (n == 0) {
                b->p = NULL;                            /* realloc(p, 0) freed it */
                continue;
            }
            CHECK(q != NULL);
            b->p = q;
            CHECK(intact(b, b->n < n ? b->n : n));      /* contents kept */
            b->n = n;
            fill(b);
        } else if (!b->p) {                              /* malloc or calloc */
            b->p = kind == 2 ? weft_calloc(1, n) : weft_malloc(n);
            CHECK(b->p != NULL);
            CHECK((uintptr_t)b->p % 16 == 0);
            /* A heap block lies wholly below the break (or is an mmap). */
            size_t usable = weft_malloc_usable_size(b->p);
            CHECK(usable >= n);
            CHECK(fake_in_arena(b->p) == fake_in_arena(b->p + usable - 1));
            if (kind == 2)
                for (size_t i = 0; i < n; i++)
                    if (b->p[i]) {
                        check_fail(__FILE__, __LINE__, "calloc gave non-zero memory");
                        break;
                    }
            b->n = n;
            b->id = next_id++;
            fill(b);
        }
        if (op % 997 == 0)                              /* the full check is slow */
            CHECK_EQ(weft___malloc_check(), 0);
    }
    for (int i = 0; i < SLOTS; i++) {
        if (live[i].p) {
            CHECK(intact(&live[i], live[i].n));
            weft_free(live[i].p);
            live[i].p = NULL;
        }
    }
    CHECK_EQ(weft___malloc_check(), 0);
    CHECK_EQ(fake_mmap_live, mmaps);                    /* every mmap given back */
    CHECK_EQ(fake_munmap_bad, 0);
    /* Everything is free: one big free block should now satisfy a
     * request as large as most of what the heap grew to. */
    long calls = fake_sbrk_calls;
    void *p = weft_malloc(100000);
    CHECK_EQ(fake_sbrk_calls, calls);
    weft_free(p);
}

static const struct test_case cases[] = {
    CASE(basics), CASE(zero_and_overflow), CASE(large_blocks_use_mmap),
    CASE(realloc_in_place), CASE(alignment), CASE(break_gap), CASE(random_operations),
};

int main(int argc, char **argv)
{
    return run_cases("malloc", cases, NELEM(cases), argc, argv);
}
