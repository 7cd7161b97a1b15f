/*
 * test_frame.c: mm/frame.c, the physical frame allocator.
 *
 * Every test builds a fake boot_info with a memory map shaped like a real
 * PC's (RAM below 640 KiB, the BIOS area, holes, reserved and ACPI regions,
 * regions with unaligned edges), runs frame_init() on it with some reserved
 * ranges, and checks the allocator against a model computed here
 * independently: a frame may be handed out iff it lies wholly inside a
 * usable region, at or above 1 MiB, and touches no reserved range and not
 * the allocator's own metadata.
 */
#include "unit.h"
#include "bootinfo.h"
#include "frame.h"
#include <stdlib.h>
#include <string.h>

#define MiB (1ull << 20)
#define ARENA (64 * MiB)
#define NPFN (ARENA / PAGE_SIZE)

static struct boot_info bi;

static void add_region(uint64_t base, uint64_t len, uint32_t type)
{
    bi.mem[bi.nmem++] = (struct mem_region){ base, len, type };
}

/* A PC-like map of 64 MiB. */
static void pc_map(void)
{
    memset(&bi, 0, sizeof bi);
    add_region(0x0, 0x9fc00, MEM_USABLE);               /* low RAM, unaligned end */
    add_region(0x9fc00, 0x400, 2);                      /* EBDA */
    add_region(0xf0000, 0x10000, 2);                    /* BIOS ROM */
    add_region(0x100000, 15 * MiB - 0x200, MEM_USABLE); /* 1 .. 16 MiB, unaligned end */
    /* 16 .. 20 MiB: a hole, in no region at all */
    add_region(20 * MiB, MiB, 2);                       /* 20 .. 21 MiB reserved */
    add_region(21 * MiB + 0x800, 11 * MiB - 0x800, MEM_USABLE);  /* unaligned start */
    add_region(32 * MiB, MiB, 3);                       /* ACPI reclaimable */
    add_region(33 * MiB, 31 * MiB - 0x100, MEM_USABLE); /* unaligned end */
    add_region(64 * MiB - 0x100, 0x100, 2);
}

/* Reserved ranges as kmain passes them: kernel image, a module that
 * starts and ends mid-frame, the boot information, and one that overlaps
 * the kernel's end (the boot information often follows it closely). */
static const struct range pc_reserve[] = {
    { 0x100000, 2 * MiB },
    { 8 * MiB + 0x123, 0x10000 },
    { 34 * MiB + 0x100, 0xe00 },
    { 3 * MiB - 0x1000, 0x1800 },
};
#define NPC_RESERVE 4

static bool expected_free[NPFN];    /* the model */
static size_t expected_count;

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
    return a < b + blen && b < a + alen;
}

static uint64_t meta_base(void) { return virt_to_phys(mem_map); }

/* What frame_init() takes for itself: mem_map, then the bitmap. */
static uint64_t meta_len(void)
{
    return PAGE_ROUND_UP(max_pfn * sizeof(struct page)) + PAGE_ROUND_UP((max_pfn + 63) / 64 * 8);
}

static void build_model(const struct range *res, int nres)
{
    memset(expected_free, 0, sizeof expected_free);
    expected_count = 0;
    for (uint64_t pfn = 0; pfn < NPFN; pfn++) {
        uint64_t pa = pfn * PAGE_SIZE;
        bool usable = false;
        for (int i = 0; i < bi.nmem; i++)
            if (bi.mem[i].type == MEM_USABLE && pa >= bi.mem[i].base &&
                pa + PAGE_SIZE <= bi.mem[i].base + bi.mem[i].len)
                usable = true;
        if (!usable || pa < MiB || overlaps(pa, PAGE_SIZE, meta_base(), meta_len()))
            continue;
        bool reserved = false;
        for (int j = 0; j < nres; j++)
            if (overlaps(pa, PAGE_SIZE, res[j].base, res[j].len))
                reserved = true;
        if (reserved)
            continue;
        expected_free[pfn] = true;
        expected_count++;
    }
}

static void init_with(const struct range *res, int nres)
{
    unit_phys_init(ARENA);
    frame_init(&bi, res, nres);
    build_model(res, nres);
}

static void init_pc(void)
{
    pc_map();
    init_with(pc_reserve, NPC_RESERVE);
}

/* Allocate every frame there is; returns how many (in 'out'). */
static size_t alloc_all(paddr_t *out, size_t max)
{
    size_t n = 0;
    for (paddr_t pa; n < max && (pa = frame_alloc()) != 0;)
        out[n++] = pa;
    return n;
}

static paddr_t all[NPFN];

/* --- Initialization ------------------------------------------------------- */

TEST(init_counts_match_the_model)
{
    init_pc();
    EXPECT_EQ(max_pfn, (64 * MiB - 0x100) / PAGE_SIZE);
    EXPECT(expected_count > 10000);          /* the model is not empty */
    EXPECT_EQ(frame_free_count(), expected_count);
    EXPECT_EQ(frame_total_count(), expected_count);
}

TEST(metadata_in_usable_ram_clear_of_reservations)
{
    init_pc();
    uint64_t m = meta_base(), len = meta_len();
    EXPECT_EQ(m & (PAGE_SIZE - 1), 0);
    EXPECT(m >= MiB);
    bool inside = false;
    for (int i = 0; i < bi.nmem; i++)
        if (bi.mem[i].type == MEM_USABLE && m >= bi.mem[i].base &&
            m + len <= bi.mem[i].base + bi.mem[i].len)
            inside = true;
    EXPECT(inside);
    for (int j = 0; j < NPC_RESERVE; j++)
        EXPECT(!overlaps(m, len, pc_reserve[j].base, pc_reserve[j].len));
}

/* Frames that can never be handed out are marked PG_RESERVED, the others
 * are not, and every free frame has refcount 0. */
TEST(reserved_flags_follow_the_map)
{
    init_pc();
    size_t wrong = 0;
    for (uint64_t pfn = 0; pfn < max_pfn; pfn++) {
        bool reserved = mem_map[pfn].flags & PG_RESERVED;
        if (reserved == expected_free[pfn] || mem_map[pfn].refcount != 0)
            wrong++;
    }
    EXPECT_EQ(wrong, 0);
}

/* --- Handing frames out --------------------------------------------------- */

/* Run the allocator dry: exactly the model's frames come out, each once. */
TEST(every_frame_handed_out_is_allowed_and_unique)
{
    init_pc();
    static bool seen[NPFN];
    memset(seen, 0, sizeof seen);
    size_t n = alloc_all(all, NPFN), bad = 0, dup = 0;
    for (size_t i = 0; i < n; i++) {
        paddr_t pa = all[i];
        if ((pa & (PAGE_SIZE - 1)) != 0 || pa / PAGE_SIZE >= NPFN ||
            !expected_free[pa / PAGE_SIZE]) {
            if (bad++ < 5)
                unit_fail(__FILE__, __LINE__, "frame %#llx should never be handed out",
                          (unsigned long long)pa);
            continue;
        }
        if (seen[pa / PAGE_SIZE])
            dup++;
        seen[pa / PAGE_SIZE] = true;
    }
    EXPECT_EQ(bad, 0);
    EXPECT_EQ(dup, 0);
    EXPECT_EQ(n, expected_count);
    EXPECT_EQ(frame_free_count(), 0);
    for (size_t i = 0; i < n; i++)
        frame_put(all[i]);
    EXPECT_EQ(frame_free_count(), expected_count);
}

TEST(frame_zero_and_low_megabyte_never_handed_out)
{
    /* All of the first MiB is usable RAM in this map, and nothing is reserved. */
    memset(&bi, 0, sizeof bi);
    add_region(0, 16 * MiB, MEM_USABLE);
    init_with(NULL, 0);
    EXPECT_EQ(frame_free_count(), expected_count);
    size_t n = alloc_all(all, NPFN), low = 0;
    for (size_t i = 0; i < n; i++)
        if (all[i] < MiB)
            low++;
    EXPECT_EQ(low, 0);
    EXPECT_EQ(n, expected_count);
    EXPECT_EQ(frame_alloc(), 0);
}

TEST(reserved_ranges_never_handed_out)
{
    init_pc();
    size_t n = alloc_all(all, NPFN), hits = 0;
    for (size_t i = 0; i < n; i++) {
        for (int j = 0; j < NPC_RESERVE; j++)
            if (overlaps(all[i], PAGE_SIZE, pc_reserve[j].base, pc_reserve[j].len))
                hits++;
        if (overlaps(all[i], PAGE_SIZE, meta_base(), meta_len()))
            hits++;
        if (all[i] >= 16 * MiB && all[i] < 21 * MiB + 0x1000)   /* hole, reserved, partial */
            hits++;
        if (all[i] >= 32 * MiB && all[i] < 33 * MiB)            /* ACPI */
            hits++;
    }
    EXPECT_EQ(hits, 0);
    EXPECT(n > 0);
}

/* The frames at the unaligned edges of regions are partly outside: skipped. */
TEST(partial_frames_at_region_edges_skipped)
{
    init_pc();
    size_t n = alloc_all(all, NPFN);
    bool got_21m = false, got_21m_next = false, got_last = false, got_past = false;
    bool got_16m_last = false, got_16m_before = false;
    for (size_t i = 0; i < n; i++) {
        got_16m_last |= all[i] == 16 * MiB - 0x1000;            /* partly in the hole */
        got_16m_before |= all[i] == 16 * MiB - 0x2000;
        got_21m |= all[i] == 21 * MiB;                          /* partly reserved */
        got_21m_next |= all[i] == 21 * MiB + 0x1000;            /* first whole frame */
        got_last |= all[i] == 64 * MiB - 0x2000;                /* last whole frame */
        got_past |= all[i] >= 64 * MiB - 0x1000;                /* partly reserved */
    }
    EXPECT(!got_16m_last);
    EXPECT(got_16m_before);
    EXPECT(!got_21m);
    EXPECT(got_21m_next);
    EXPECT(got_last);
    EXPECT(!got_past);
}

TEST(free_count_moves_by_exactly_one)
{
    init_pc();
    size_t before = frame_free_count();
    paddr_t a = frame_alloc();
    EXPECT(a != 0);
    EXPECT_EQ(frame_free_count(), before - 1);
    paddr_t b = frame_alloc();
    EXPECT(b != 0 && b != a);
    EXPECT_EQ(frame_free_count(), before - 2);
    frame_put(a);
    EXPECT_EQ(frame_free_count(), before - 1);
    frame_put(b);
    EXPECT_EQ(frame_free_count(), before);
    EXPECT_EQ(frame_total_count(), expected_count);     /* never changes */
}

TEST(alloc_zeroed_is_zero)
{
    init_pc();              /* the arena starts out full of 0xa5 */
    paddr_t pa = frame_alloc_zeroed();
    EXPECT(pa != 0);
    const uint8_t *p = phys_to_virt(pa);
    size_t nonzero = 0;
    for (size_t i = 0; i < PAGE_SIZE; i++)
        nonzero += p[i] != 0;
    EXPECT_EQ(nonzero, 0);
    EXPECT_EQ(mem_map[pa / PAGE_SIZE].refcount, 1);
    frame_put(pa);
}

TEST(refcounts)
{
    init_pc();
    size_t before = frame_free_count();
    paddr_t pa = frame_alloc();
    struct page *pg = pa_to_page(pa);
    EXPECT_EQ(pg->refcount, 1);
    EXPECT_EQ(page_to_pa(pg), pa);
    frame_get(pa);
    frame_get(pa);
    EXPECT_EQ(pg->refcount, 3);
    frame_put(pa);
    frame_put(pa);
    EXPECT_EQ(pg->refcount, 1);
    EXPECT_EQ(frame_free_count(), before - 1);          /* still in use */
    frame_put(pa);
    EXPECT_EQ(pg->refcount, 0);
    EXPECT_EQ(frame_free_count(), before);
}

/* A frame given back is handed out again (also below the search hint). */
TEST(freed_frames_are_reused)
{
    init_pc();
    size_t n = alloc_all(all, NPFN);
    EXPECT_EQ(frame_alloc(), 0);
    paddr_t low = all[3], mid = all[n / 2], high = all[n - 1];
    frame_put(mid);
    EXPECT_EQ(frame_alloc(), mid);
    frame_put(high);
    frame_put(low);
    EXPECT_EQ(frame_free_count(), 2);
    paddr_t x = frame_alloc(), y = frame_alloc();
    EXPECT((x == low && y == high) || (x == high && y == low));
    EXPECT_EQ(frame_alloc(), 0);
    for (size_t i = 0; i < n; i++)
        frame_put(all[i]);
    EXPECT_EQ(frame_free_count(), expected_count);
}

TEST(exhaustion_returns_zero_and_recovers)
{
    init_pc();
    size_t n = alloc_all(all, NPFN);
    EXPECT_EQ(n, expected_count);
    EXPECT_EQ(frame_free_count(), 0);
    EXPECT_EQ(frame_alloc(), 0);
    EXPECT_EQ(frame_alloc(), 0);
    EXPECT_EQ(frame_alloc_zeroed(), 0);
    EXPECT_EQ(frame_alloc_contig(1), 0);
    EXPECT_EQ(frame_free_count(), 0);
    for (size_t i = 0; i < n; i++)
        frame_put(all[i]);
    EXPECT_EQ(frame_free_count(), expected_count);
    /* ... and all of them can be had again. */
    EXPECT_EQ(alloc_all(all, NPFN), expected_count);
    for (size_t i = 0; i < expected_count; i++)
        frame_put(all[i]);
    EXPECT_EQ(frame_free_count(), expected_count);
}

/* --- Contiguous runs -------------------------------------------------------- */

/* The longest run of free frames in the model. */
static size_t longest_run(void)
{
    size_t best = 0, run = 0;
    for (uint64_t pfn = 0; pfn < NPFN; pfn++) {
        run = expected_free[pfn] ? run + 1 : 0;
        if (run > best)
            best = run;
    }
    return best;
}

static bool run_is_free_in_model(paddr_t pa, size_t n)
{
    if (pa == 0 || (pa & (PAGE_SIZE - 1)))
        return false;
    for (size_t i = 0; i < n; i++)
        if (pa / PAGE_SIZE + i >= NPFN || !expected_free[pa / PAGE_SIZE + i])
            return false;
    return true;
}

TEST(contig_gives_n_free_frames)
{
    init_pc();
    size_t before = frame_free_count();
    static const size_t sizes[] = { 1, 2, 8, 100, 512 };
    paddr_t got[5];
    for (int i = 0; i < 5; i++) {
        got[i] = frame_alloc_contig(sizes[i]);
        EXPECT(run_is_free_in_model(got[i], sizes[i]));
        for (size_t k = 0; k < sizes[i]; k++)
            EXPECT_EQ(pa_to_page(got[i] + k * PAGE_SIZE)->refcount, 1);
    }
    EXPECT_EQ(frame_free_count(), before - (1 + 2 + 8 + 100 + 512));
    /* The runs do not overlap each other. */
    for (int i = 0; i < 5; i++)
        for (int j = i + 1; j < 5; j++)
            EXPECT(!overlaps(got[i], sizes[i] * PAGE_SIZE, got[j], sizes[j] * PAGE_SIZE));
    /* ... nor anything frame_alloc hands out afterwards. */
    size_t n = alloc_all(all, NPFN), clash = 0;
    for (size_t k = 0; k < n; k++)
        for (int i = 0; i < 5; i++)
            if (overlaps(all[k], PAGE_SIZE, got[i], sizes[i] * PAGE_SIZE))
                clash++;
    EXPECT_EQ(clash, 0);
    for (size_t k = 0; k < n; k++)
        frame_put(all[k]);
    for (int i = 0; i < 5; i++)
        frame_free_contig(got[i], sizes[i]);
    EXPECT_EQ(frame_free_count(), before);
}

TEST(contig_longest_run_and_one_more)
{
    init_pc();
    size_t longest = longest_run(), before = frame_free_count();
    EXPECT(longest > 512);
    paddr_t pa = frame_alloc_contig(longest);
    EXPECT(run_is_free_in_model(pa, longest));
    EXPECT_EQ(frame_free_count(), before - longest);
    if (pa)
        frame_free_contig(pa, longest);
    EXPECT_EQ(frame_alloc_contig(longest + 1), 0);
    EXPECT_EQ(frame_alloc_contig(NPFN), 0);
    EXPECT_EQ(frame_free_count(), before);
}

/* A run never bridges a hole, a reserved range or a region boundary. */
TEST(contig_does_not_bridge_gaps)
{
    memset(&bi, 0, sizeof bi);
    add_region(0x100000, 0x3000, MEM_USABLE);   /* 3 frames */
    add_region(0x103000, 0x1000, 2);
    add_region(0x104000, 0x3000, MEM_USABLE);   /* 3 more, after a reserved one */
    add_region(0x200000, 0x3000, MEM_USABLE);   /* 3 after a hole */
    add_region(0x400000, 0x400000, MEM_USABLE); /* the metadata, then 4 frames */
    /* The metadata for 8 MiB (0x800 frames) goes first in the last region;
     * reserve everything after it but the last 4 frames. */
    uint64_t meta = PAGE_ROUND_UP(0x800 * sizeof(struct page)) + PAGE_SIZE;
    const struct range res[] = { { 0x400000 + meta, 0x800000 - 0x4000 - (0x400000 + meta) } };
    init_with(res, 1);
    EXPECT_EQ(meta_base(), 0x400000);
    EXPECT_EQ(meta_len(), meta);
    EXPECT_EQ(longest_run(), 4);
    EXPECT_EQ(frame_alloc_contig(5), 0);
    paddr_t four = frame_alloc_contig(4);
    EXPECT_EQ(four, 0x800000 - 0x4000);
    EXPECT_EQ(frame_alloc_contig(4), 0);
    paddr_t a = frame_alloc_contig(3), b = frame_alloc_contig(3), c = frame_alloc_contig(3);
    EXPECT(run_is_free_in_model(a, 3) && run_is_free_in_model(b, 3) &&
           run_is_free_in_model(c, 3));
    EXPECT(a != b && b != c && a != c);
    EXPECT_EQ(frame_alloc_contig(2), 0);
    EXPECT_EQ(frame_free_count(), 0);
    frame_free_contig(a, 3);
    frame_free_contig(b, 3);
    frame_free_contig(c, 3);
    frame_free_contig(four, 4);
    EXPECT_EQ(frame_free_count(), expected_count);
}

/* With memory in single-frame pieces, a run of 2 cannot be found until two
 * neighbours are free again. */
TEST(contig_in_fragmented_memory)
{
    init_pc();
    size_t n = alloc_all(all, NPFN);
    /* all[] ascends (frame_alloc hands out the lowest free frame); free
     * every other frame of a stretch. */
    size_t start = n / 3;
    for (size_t i = start; i < start + 200; i += 2)
        frame_put(all[i]);
    EXPECT_EQ(frame_free_count(), 100);
    EXPECT_EQ(frame_alloc_contig(2), 0);
    EXPECT_EQ(frame_free_count(), 100);
    /* Free a neighbour: now exactly one run of 3 exists. */
    EXPECT_EQ(all[start + 1], all[start] + PAGE_SIZE);
    frame_put(all[start + 1]);
    EXPECT_EQ(frame_alloc_contig(2), all[start]);
    EXPECT_EQ(frame_alloc_contig(2), 0);
    frame_free_contig(all[start], 2);
    EXPECT_EQ(frame_alloc_contig(3), all[start]);
    frame_free_contig(all[start], 3);
    for (size_t i = 0; i < n; i++)
        if (i < start || i >= start + 200 || (i - start) % 2 == 1)
            if (i != start + 1)
                frame_put(all[i]);
    EXPECT_EQ(frame_free_count(), expected_count);
}

TEST(contig_zero_frames)
{
    init_pc();
    size_t before = frame_free_count();
    EXPECT_EQ(frame_alloc_contig(0), 0);
    EXPECT_EQ(frame_free_count(), before);
}

/* --- Misuse panics ---------------------------------------------------------- */

TEST(double_free_panics)
{
    init_pc();
    paddr_t pa = frame_alloc();
    frame_put(pa);
    size_t before = frame_free_count();
    EXPECT_PANIC(frame_put(pa), "frame_put");
    EXPECT_EQ(frame_free_count(), before);
    paddr_t run = frame_alloc_contig(4);
    frame_free_contig(run, 4);
    EXPECT_PANIC(frame_free_contig(run, 4), "free or reserved");
}

TEST(freeing_reserved_or_bogus_frames_panics)
{
    init_pc();
    EXPECT_PANIC(frame_put(0), "frame_put");                    /* frame 0 */
    EXPECT_PANIC(frame_put(0x100000), "frame_put");             /* the kernel */
    EXPECT_PANIC(frame_put(meta_base()), "frame_put");          /* the metadata */
    EXPECT_PANIC(frame_put(max_pfn * PAGE_SIZE), "frame_put");  /* beyond RAM */
    EXPECT_PANIC(frame_put(1ull << 40), "frame_put");
    EXPECT_PANIC(frame_get(0x100000), "frame_get");
    paddr_t pa = frame_alloc();
    frame_put(pa);
    EXPECT_PANIC(frame_get(pa), "frame_get");                   /* free */
    EXPECT_PANIC(frame_free_contig(0x100000, 1), "free or reserved");
    EXPECT_EQ(frame_free_count(), expected_count);
}

/* --- Other maps -------------------------------------------------------------- */

/* The metadata slides past reserved ranges that sit where it would go. */
TEST(metadata_slides_past_reservations)
{
    memset(&bi, 0, sizeof bi);
    add_region(0, 0xa0000, MEM_USABLE);
    add_region(0x100000, 0x200000, MEM_USABLE);         /* too small once reserved */
    add_region(0x400000, 60 * MiB, MEM_USABLE);
    static const struct range res[] = {
        { 0x100000, 0x180000 },
        { 0x400000, 0x1000 },
        { 0x402000, 0x800 },
        { 0x405000, 0x10 },
    };
    init_with(res, 4);
    uint64_t m = meta_base();
    EXPECT(m >= 0x405000 + PAGE_SIZE);
    for (int j = 0; j < 4; j++)
        EXPECT(!overlaps(m, meta_len(), res[j].base, res[j].len));
    EXPECT_EQ(frame_free_count(), expected_count);
    EXPECT_EQ(alloc_all(all, NPFN), expected_count);
}

/* Regions in any order; a usable region listed before the low ones. */
TEST(unsorted_map)
{
    memset(&bi, 0, sizeof bi);
    add_region(32 * MiB, 32 * MiB, MEM_USABLE);
    add_region(0x9fc00, 0x60400, 2);
    add_region(0x100000, 16 * MiB, MEM_USABLE);
    add_region(0, 0x9fc00, MEM_USABLE);
    init_with(pc_reserve, NPC_RESERVE);
    EXPECT_EQ(max_pfn, NPFN);
    EXPECT_EQ(frame_free_count(), expected_count);
    size_t n = alloc_all(all, NPFN), bad = 0;
    for (size_t i = 0; i < n; i++)
        bad += !expected_free[all[i] / PAGE_SIZE];
    EXPECT_EQ(bad, 0);
    EXPECT_EQ(n, expected_count);
}

TEST(no_room_for_metadata_panics)
{
    memset(&bi, 0, sizeof bi);
    add_region(0, 0xa0000, MEM_USABLE);                 /* below 1 MiB only ... */
    add_region(0x100000, 0x10000, MEM_USABLE);          /* ... and 64 KiB */
    add_region(63 * MiB, MiB, MEM_USABLE);              /* wholly reserved below */
    static const struct range res[] = { { 63 * MiB, MiB } };
    unit_phys_init(ARENA);
    EXPECT_PANIC(frame_init(&bi, res, 1), "no room");
}

/* frame_init can run again (each test does it) and starts from scratch. */
TEST(init_twice)
{
    init_pc();
    for (int i = 0; i < 1000; i++)
        frame_alloc();
    init_pc();
    EXPECT_EQ(frame_free_count(), expected_count);
    EXPECT_EQ(alloc_all(all, NPFN), expected_count);
}
