/*
 * test_kmalloc.c: mm/kmalloc.c, the kernel heap, on top of mm/frame.c.
 *
 * The heap's size-class lists are static and outlive frame_init(), so
 * every test frees everything it allocated (and checks that the frames all
 * came back, which is the property the kernel's leak tests rely on).
 */
#include "unit.h"
#include "frame.h"
#include "kmalloc.h"
#include <stdlib.h>
#include <string.h>

#define MiB (1ull << 20)
#define ARENA (64 * MiB)

static size_t baseline;

static void setup(void)
{
    unit_frames_init(ARENA);
    baseline = frame_free_count();
}

static bool in_arena(const void *p, size_t size)
{
    return (const uint8_t *)p >= host_phys_base + MiB &&
           (const uint8_t *)p + size <= host_phys_base + host_phys_size;
}

TEST(class_sizes)
{
    static const struct { size_t req, cls; } cases[] = {
        { 0, 16 }, { 1, 16 }, { 15, 16 }, { 16, 16 }, { 17, 32 }, { 32, 32 }, { 33, 64 },
        { 64, 64 }, { 65, 128 }, { 100, 128 }, { 128, 128 }, { 129, 256 }, { 256, 256 },
        { 257, 512 }, { 512, 512 }, { 513, 1024 }, { 1000, 1024 }, { 1024, 1024 },
        { 1025, 2048 }, { 2047, 2048 }, { 2048, 2048 }, { 2049, 0 }, { 4096, 0 },
        { 1u << 20, 0 }, { SIZE_MAX, 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (kmalloc_class_size(cases[i].req) != cases[i].cls)
            unit_fail(__FILE__, __LINE__, "kmalloc_class_size(%zu) = %zu, want %zu",
                      cases[i].req, kmalloc_class_size(cases[i].req), cases[i].cls);
    /* Every class is a power of two and fits its request. */
    for (size_t n = 1; n <= KMALLOC_MAX_SMALL; n++) {
        size_t c = kmalloc_class_size(n);
        if (c < n || (c & (c - 1)) != 0 || (c > 16 && c / 2 >= n)) {
            unit_fail(__FILE__, __LINE__, "kmalloc_class_size(%zu) = %zu", n, c);
            break;
        }
    }
}

/* Small objects: 16-byte aligned, inside one frame, distinct; big ones
 * page-aligned; all of it comes back. */
TEST(alignment_and_placement)
{
    setup();
    static const size_t sizes[] = {
        0, 1, 8, 15, 16, 17, 31, 32, 33, 100, 255, 256, 257, 1000, 1024, 1025, 2047, 2048,
        2049, 3000, 4095, 4096, 4097, 8192, 10000, 100000,
    };
    enum { N = sizeof sizes / sizeof sizes[0] };
    void *p[N];
    for (int i = 0; i < N; i++) {
        p[i] = kmalloc(sizes[i]);
        EXPECT(p[i] != NULL);
        if (!p[i])
            continue;
        EXPECT(in_arena(p[i], sizes[i]));
        EXPECT_EQ((uintptr_t)p[i] & 15, 0);
        if (sizes[i] > KMALLOC_MAX_SMALL) {
            EXPECT_EQ((uintptr_t)p[i] & (PAGE_SIZE - 1), 0);
        } else {
            /* The whole object lies in one frame, at a multiple of its class. */
            size_t c = kmalloc_class_size(sizes[i]);
            size_t off = (size_t)((uintptr_t)p[i] & (PAGE_SIZE - 1));
            EXPECT_EQ(off % c, 0);
            EXPECT(off + c <= PAGE_SIZE);
        }
        memset(p[i], i, sizes[i]);
    }
    for (int i = 0; i < N; i++)
        for (int j = i + 1; j < N; j++)
            EXPECT(p[i] != p[j]);
    for (int i = 0; i < N; i++)
        kfree(p[i]);
    EXPECT_EQ(frame_free_count(), baseline);
}

/* A slab takes whole frames: 4096 / class objects from each. */
TEST(objects_per_frame)
{
    setup();
    static void *objs[600];
    for (size_t c = 16; c <= KMALLOC_MAX_SMALL; c *= 2) {
        size_t per = PAGE_SIZE / c, n = per + 1 < 600 ? per + 1 : 600;
        for (size_t i = 0; i < n; i++) {
            objs[i] = kmalloc(c);
            if (i < per)        /* the first frame holds 'per' of them */
                EXPECT_EQ(frame_free_count(), baseline - 1);
        }
        EXPECT_EQ(frame_free_count(), baseline - 2);       /* one more: a new frame */
        /* The first frame's objects tile it exactly. */
        uintptr_t frame = (uintptr_t)objs[0] & ~(uintptr_t)(PAGE_SIZE - 1);
        size_t in_first = 0;
        for (size_t i = 0; i < n; i++)
            in_first += ((uintptr_t)objs[i] & ~(uintptr_t)(PAGE_SIZE - 1)) == frame;
        EXPECT_EQ(in_first, per);
        for (size_t i = 0; i < n; i++)
            kfree(objs[i]);
        EXPECT_EQ(frame_free_count(), baseline);
    }
}

TEST(big_blocks_take_contiguous_frames)
{
    setup();
    static const struct { size_t size, frames; } cases[] = {
        { 2049, 1 }, { 4096, 1 }, { 4097, 2 }, { 3 * 4096 + 5, 4 }, { 10000, 3 },
        { 1 << 20, 256 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint8_t *p = kmalloc(cases[i].size);
        EXPECT(p != NULL);
        if (!p)
            continue;
        EXPECT_EQ(frame_free_count(), baseline - cases[i].frames);
        EXPECT(in_arena(p, cases[i].size));
        memset(p, 0x5c, cases[i].size);         /* all of it is ours */
        struct page *pg = virt_to_page(p);
        EXPECT(pg->flags & PG_HEAD);
        EXPECT_EQ(pg->npages, cases[i].frames);
        kfree(p);
        EXPECT_EQ(frame_free_count(), baseline);
    }
}

TEST(kzalloc_zeroes)
{
    setup();
    /* Dirty an object, free it, get it back zeroed. */
    uint8_t *p = kmalloc(200);
    memset(p, 0xff, 200);
    kfree(p);
    uint8_t *q = kzalloc(200);
    EXPECT(q == p);                 /* reused from the same slab */
    size_t nonzero = 0;
    for (int i = 0; i < 200; i++)
        nonzero += q[i] != 0;
    EXPECT_EQ(nonzero, 0);
    uint8_t *big = kzalloc(3 * PAGE_SIZE + 5);   /* the arena is 0xa5 garbage */
    nonzero = 0;
    for (size_t i = 0; i < 3 * PAGE_SIZE + 5; i++)
        nonzero += big[i] != 0;
    EXPECT_EQ(nonzero, 0);
    kfree(q);
    kfree(big);
    EXPECT_EQ(frame_free_count(), baseline);
}

/* A freed object is used again before any new frame is taken, also from a
 * slab that was full. */
TEST(free_objects_reused_first)
{
    setup();
    void *a = kmalloc(2048), *b = kmalloc(2048);        /* one full frame */
    EXPECT_EQ(frame_free_count(), baseline - 1);
    kfree(a);
    void *c = kmalloc(2000);
    EXPECT(c == a);
    EXPECT_EQ(frame_free_count(), baseline - 1);
    kfree(b);
    kfree(c);
    EXPECT_EQ(frame_free_count(), baseline);            /* empty slab returned */
    kfree(NULL);                                        /* a no-op */
    EXPECT_EQ(frame_free_count(), baseline);
}

/* --- Random stress ------------------------------------------------------------ */

static uint64_t rng;

static uint64_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

struct block {
    uint8_t *p;
    size_t size;
    uint32_t tag;
};

static uint8_t pattern(uint32_t tag, size_t i)
{
    return (uint8_t)(tag * 31 + i * 7 + (i >> 8));
}

static bool intact(const struct block *b)
{
    for (size_t i = 0; i < b->size; i++)
        if (b->p[i] != pattern(b->tag, i))
            return false;
    return true;
}

static bool overlaps(const struct block *a, const struct block *b)
{
    return a->p < b->p + b->size && b->p < a->p + a->size;
}

/*
 * Thousands of allocations and frees in random order, sizes 1..10000
 * (mostly small). Each block is filled with its own pattern, which must
 * still be there when it is freed: no two live blocks may overlap, and the
 * allocator must not scribble on a block it handed out.
 */
static void stress(uint64_t seed, int ops, int max_live)
{
    static struct block live[1024];
    int nlive = 0, corrupt = 0, overlap = 0, misaligned = 0, failed = 0;
    uint32_t tag = 0;
    rng = seed;
    for (int op = 0; op < ops; op++) {
        bool do_alloc = nlive == 0 || (nlive < max_live && next_random() % 100 < 55);
        if (do_alloc) {
            uint64_t r = next_random();
            size_t size = r % 4 == 0 ? 1 + (size_t)(r >> 8) % 10000 : 1 + (size_t)(r >> 8) % 600;
            struct block b = { kmalloc(size), size, ++tag };
            if (!b.p) {
                failed++;
                continue;
            }
            if ((uintptr_t)b.p & 15 ||
                (size > KMALLOC_MAX_SMALL && ((uintptr_t)b.p & (PAGE_SIZE - 1))))
                misaligned++;
            for (int i = 0; i < nlive; i++)
                overlap += overlaps(&b, &live[i]);
            for (size_t i = 0; i < size; i++)
                b.p[i] = pattern(b.tag, i);
            live[nlive++] = b;
        } else {
            int i = (int)(next_random() % (uint64_t)nlive);
            corrupt += !intact(&live[i]);
            kfree(live[i].p);
            live[i] = live[--nlive];
        }
    }
    while (nlive > 0) {
        corrupt += !intact(&live[nlive - 1]);
        kfree(live[--nlive].p);
    }
    EXPECT_EQ(failed, 0);
    EXPECT_EQ(misaligned, 0);
    EXPECT_EQ(overlap, 0);
    EXPECT_EQ(corrupt, 0);
    EXPECT_EQ(frame_free_count(), baseline);
}

TEST(random_stress_seed_1)
{
    setup();
    stress(1, 20000, 300);
}

TEST(random_stress_seed_2)
{
    setup();
    stress(0x9e3779b97f4a7c15ull, 20000, 1000);
}

TEST(random_stress_seed_3)
{
    setup();
    stress(12345, 50000, 50);
}

/* --- Running out ------------------------------------------------------------- */

/* Fill the heap with small objects until kmalloc says no; free them all and
 * the frames and the heap come back. The objects are chained through
 * themselves, so the test needs no memory of its own. */
TEST(exhaustion_returns_null_and_recovers)
{
    setup();
    void *head = NULL;
    size_t n = 0;
    for (void *p; (p = kmalloc(2048)) != NULL; n++) {
        *(void **)p = head;
        head = p;
    }
    EXPECT_EQ(n, 2 * baseline);         /* two per frame, every frame */
    EXPECT_EQ(frame_free_count(), 0);
    EXPECT(kmalloc(2048) == NULL);
    EXPECT(kmalloc(16) == NULL);        /* no partial slab of another class */
    EXPECT(kmalloc(5000) == NULL);
    EXPECT(kzalloc(1) == NULL);
    while (head) {
        void *next = *(void **)head;
        kfree(head);
        head = next;
    }
    EXPECT_EQ(frame_free_count(), baseline);
    void *again = kmalloc(64);
    EXPECT(again != NULL);
    kfree(again);
    EXPECT_EQ(frame_free_count(), baseline);
}

/* When only a few frames are left, a small class with a partial slab still
 * works while a new slab or a big block cannot be had. */
TEST(partial_slab_outlives_frames)
{
    setup();
    void *small = kmalloc(32);                  /* a slab of 32-byte objects */
    static paddr_t got[ARENA / PAGE_SIZE];
    size_t n = 0;
    for (paddr_t pa; (pa = frame_alloc()) != 0;)
        got[n++] = pa;
    void *more = kmalloc(20);
    EXPECT(more != NULL);                       /* from the same slab */
    EXPECT(kmalloc(100) == NULL);               /* a new class needs a frame */
    EXPECT(kmalloc(3000) == NULL);
    frame_put(got[--n]);
    frame_put(got[--n]);
    void *two = kmalloc(2 * PAGE_SIZE);         /* two frames: fits only if contiguous */
    bool contiguous = got[n + 1] == got[n] + PAGE_SIZE;
    EXPECT_EQ(two != NULL, contiguous);
    kfree(two);
    for (size_t i = 0; i < n; i++)
        frame_put(got[i]);
    kfree(small);
    kfree(more);
    EXPECT_EQ(frame_free_count(), baseline);
}

TEST(absurd_sizes_fail)
{
    setup();
    EXPECT(kmalloc(SIZE_MAX) == NULL);
    EXPECT(kmalloc(SIZE_MAX - PAGE_SIZE) == NULL);
    EXPECT(kmalloc((size_t)1 << 40) == NULL);
    EXPECT(kmalloc(ARENA) == NULL);             /* more than there is */
    EXPECT_EQ(frame_free_count(), baseline);
}

TEST(kfree_of_a_foreign_pointer_panics)
{
    setup();
    paddr_t pa = frame_alloc();
    EXPECT_PANIC(kfree(phys_to_virt(pa)), "not allocated by kmalloc");
    uint8_t *big = kmalloc(3 * PAGE_SIZE);
    EXPECT_PANIC(kfree(big + PAGE_SIZE), "not allocated by kmalloc");   /* not the head */
    kfree(big);
    frame_put(pa);
    EXPECT_EQ(frame_free_count(), baseline);
}
