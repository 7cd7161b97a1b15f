/*
 * test_paging.c: mm/paging.c, four-level page tables, with mm/frame.c
 * giving out the table frames from the host arena.
 *
 * Page tables here are only data: the tests build them with pt_map and
 * pt_map_range, read them back with pt_translate and by looking at the
 * entries, and count table frames through frame_free_count(). Leaf
 * physical addresses are just numbers (1 GiB pages at 2 GiB are fine);
 * only the table frames must lie in the arena.
 */
#include "unit.h"
#include "errno.h"
#include "frame.h"
#include "paging.h"
#include <string.h>

#define MiB (1ull << 20)
#define ARENA (64 * MiB)

static size_t baseline;     /* free frames before the PML4 was made */

/* 64 MiB of RAM, nothing reserved; a fresh, empty PML4. */
static pte_t *setup(void)
{
    unit_frames_init(ARENA);
    pt_allow_1g = false;
    pte_nx = PTE_NX;
    baseline = frame_free_count();
    paddr_t pa = frame_alloc_zeroed();
    return pa ? phys_to_virt(pa) : NULL;
}

/* Table frames in use now, the PML4 included. */
static size_t tables(void)
{
    return baseline - frame_free_count();
}

/* The entry at 'level' (4 = PML4 ... 1 = PT) on the way to va, or 0. */
static pte_t entry(pte_t *pml4, uint64_t va, int level)
{
    static const int shift[] = { 0, 12, 21, 30, 39 };
    pte_t *t = pml4;
    for (int l = 4; l >= level; l--) {
        pte_t e = t[(va >> shift[l]) & 511];
        if (l == level)
            return e;
        if (!(e & PTE_P) || (e & PTE_PS))
            return 0;
        t = phys_to_virt(PTE_ADDR(e));
    }
    return 0;
}

TEST(index_arithmetic)
{
    EXPECT_EQ(PML4_INDEX(0), 0);
    EXPECT_EQ(PDPT_INDEX(0), 0);
    EXPECT_EQ(PD_INDEX(0), 0);
    EXPECT_EQ(PT_INDEX(0), 0);

    EXPECT_EQ(PT_INDEX(0x1000), 1);
    EXPECT_EQ(PD_INDEX(0x1000), 0);
    EXPECT_EQ(PT_INDEX(0xfff), 0);

    EXPECT_EQ(PD_INDEX(0x200000), 1);
    EXPECT_EQ(PT_INDEX(0x200000), 0);
    EXPECT_EQ(PT_INDEX(0x1ff000), 511);
    EXPECT_EQ(PD_INDEX(0x1ff000), 0);

    EXPECT_EQ(PDPT_INDEX(0x40000000), 1);
    EXPECT_EQ(PD_INDEX(0x40000000), 0);
    EXPECT_EQ(PD_INDEX(0x3fffffff), 511);

    EXPECT_EQ(PML4_INDEX(0x8000000000), 1);
    EXPECT_EQ(PDPT_INDEX(0x8000000000), 0);
    EXPECT_EQ(PDPT_INDEX(0x7fffffffff), 511);

    EXPECT_EQ(PML4_INDEX(0xffffffff80000000), 511);
    EXPECT_EQ(PDPT_INDEX(0xffffffff80000000), 510);
    EXPECT_EQ(PD_INDEX(0xffffffff80000000), 0);
    EXPECT_EQ(PT_INDEX(0xffffffff80000000), 0);

    EXPECT_EQ(PML4_INDEX(0xffff888000000000), 273);
    EXPECT_EQ(PDPT_INDEX(0xffff888000000000), 0);
    EXPECT_EQ(PD_INDEX(0xffff888000000000), 0);
    EXPECT_EQ(PT_INDEX(0xffff888000000000), 0);

    EXPECT_EQ(PML4_INDEX(0x00007fffffffffff), 255);
    EXPECT_EQ(PDPT_INDEX(0x00007fffffffffff), 511);
    EXPECT_EQ(PD_INDEX(0x00007fffffffffff), 511);
    EXPECT_EQ(PT_INDEX(0x00007fffffffffff), 511);
    EXPECT_EQ(PML4_INDEX(0xffff800000000000), 256);

    uint64_t va = (3ull << 39) | (5ull << 30) | (7ull << 21) | (9ull << 12) | 0x123;
    EXPECT_EQ(PML4_INDEX(va), 3);
    EXPECT_EQ(PDPT_INDEX(va), 5);
    EXPECT_EQ(PD_INDEX(va), 7);
    EXPECT_EQ(PT_INDEX(va), 9);

    EXPECT_EQ(PTE_ADDR(0x8000000012345067ull), 0x12345000);
    EXPECT_EQ(PTE_ADDR(0xfff0000000000fffull), 0);
}

TEST(canonical_addresses)
{
    EXPECT(is_canonical(0));
    EXPECT(is_canonical(0x1000));
    EXPECT(is_canonical(0x00007fffffffffff));
    EXPECT(is_canonical(USER_TOP));
    EXPECT(!is_canonical(0x0000800000000000));
    EXPECT(!is_canonical(0x0001000000000000));
    EXPECT(!is_canonical(0x8000000000000000));
    EXPECT(!is_canonical(0xffff7fffffffffff));
    EXPECT(!is_canonical(0x7fffffffffffffff));
    EXPECT(is_canonical(0xffff800000000000));
    EXPECT(is_canonical(DIRECT_MAP_BASE));
    EXPECT(is_canonical(VMALLOC_BASE));
    EXPECT(is_canonical(KERNEL_BASE));
    EXPECT(is_canonical(0xffffffffffffffff));
}

TEST(map_then_translate)
{
    pte_t *pml4 = setup();
    pte_t f = 0;
    EXPECT_EQ(pt_map(pml4, 0x400000, 0x123000, PTE_W | PTE_U), 0);
    EXPECT_EQ(pt_translate(pml4, 0x400000, &f), 0x123000);
    EXPECT_EQ(f, PTE_P | PTE_W | PTE_U);
    EXPECT_EQ(pt_translate(pml4, 0x400abc, NULL), 0x123abc);
    EXPECT_EQ(pt_translate(pml4, 0x400fff, NULL), 0x123fff);
    EXPECT_EQ(pt_translate(pml4, 0x401000, NULL), 0);       /* neighbours unmapped */
    EXPECT_EQ(pt_translate(pml4, 0x3ff000, NULL), 0);
    EXPECT_EQ(pt_translate(pml4, 0x400000 + (1ull << 39), NULL), 0);

    /* The offset bits of pa are not flags. */
    EXPECT_EQ(pt_map(pml4, 0x402000, 0x555fff, 0), 0);
    EXPECT_EQ(pt_translate(pml4, 0x402010, &f), 0x555010);
    EXPECT_EQ(f, PTE_P);

    /* A kernel address, no-execute and global: NX comes back in the flags. */
    uint64_t kva = VMALLOC_BASE + 0x5000;
    EXPECT_EQ(pt_map(pml4, kva, 0x777000, PTE_W | PTE_G | pte_nx), 0);
    EXPECT_EQ(pt_translate(pml4, kva + 8, &f), 0x777008);
    EXPECT_EQ(f, PTE_P | PTE_W | PTE_G | PTE_NX);

    /* The highest physical address an entry can hold. */
    EXPECT_EQ(pt_map(pml4, 0x403000, 0x000ffffffffff000, PTE_W), 0);
    EXPECT_EQ(pt_translate(pml4, 0x403123, NULL), 0x000ffffffffff123);

    /* Mapping again replaces the entry. */
    EXPECT_EQ(pt_map(pml4, 0x400000, 0x999000, PTE_U | PTE_COW), 0);
    EXPECT_EQ(pt_translate(pml4, 0x400001, &f), 0x999001);
    EXPECT_EQ(f, PTE_P | PTE_U | PTE_COW);
}

/* Intermediate entries are present and writable, and user-accessible only
 * on the way to a user address: the leaf decides. */
TEST(intermediate_entries)
{
    pte_t *pml4 = setup();
    uint64_t uva = 0x7fffdead0000, kva = VMALLOC_BASE + 0x200000;
    EXPECT_EQ(pt_map(pml4, uva, 0x1000, 0), 0);                 /* read-only leaf */
    EXPECT_EQ(pt_map(pml4, kva, 0x2000, PTE_W), 0);
    for (int level = 4; level >= 2; level--) {
        pte_t u = entry(pml4, uva, level), k = entry(pml4, kva, level);
        EXPECT_EQ(u & (PTE_P | PTE_W | PTE_U | PTE_PS), PTE_P | PTE_W | PTE_U);
        EXPECT_EQ(k & (PTE_P | PTE_W | PTE_U | PTE_PS), PTE_P | PTE_W);
        EXPECT_EQ(u & PTE_NX, 0);
    }
    EXPECT_EQ(entry(pml4, uva, 1), 0x1000 | PTE_P);
    EXPECT_EQ(entry(pml4, kva, 1), 0x2000 | PTE_P | PTE_W);
}

TEST(walk_creates_tables_on_demand)
{
    pte_t *pml4 = setup();
    uint64_t va = 0x400000;
    EXPECT(pt_walk(pml4, va, false) == NULL);
    EXPECT_EQ(tables(), 1);
    pte_t *e = pt_walk(pml4, va, true);
    EXPECT(e != NULL);
    EXPECT_EQ(tables(), 4);                 /* PDPT, PD, PT */
    if (!e)
        return;
    EXPECT_EQ(*e, 0);                       /* new tables are zeroed */
    EXPECT(pt_walk(pml4, va, false) == e);
    EXPECT(pt_walk(pml4, va + 0x1000, true) == e + 1);          /* same PT */
    EXPECT(pt_walk(pml4, va + 0xfff, false) == e);
    EXPECT_EQ(tables(), 4);
    EXPECT(pt_walk(pml4, va + SIZE_2M, true) != NULL);          /* a new PT */
    EXPECT_EQ(tables(), 5);
    EXPECT(pt_walk(pml4, va + SIZE_1G, true) != NULL);          /* PD and PT */
    EXPECT_EQ(tables(), 7);
    EXPECT(pt_walk(pml4, va + (1ull << 39), true) != NULL);     /* all three */
    EXPECT_EQ(tables(), 10);
    EXPECT(pt_walk(pml4, va + (2ull << 39), false) == NULL);
    EXPECT_EQ(tables(), 10);
    pt_free_user(pml4);
    EXPECT_EQ(frame_free_count(), baseline);
}

TEST(unmap_returns_the_old_entry)
{
    pte_t *pml4 = setup();
    uint64_t va = 0x600000;
    EXPECT_EQ(pt_map(pml4, va, 0xabc000, PTE_W | PTE_U | pte_nx), 0);
    EXPECT_EQ(pt_map(pml4, va + 0x1000, 0xdef000, PTE_W), 0);
    size_t t = tables();
    pte_t old = pt_unmap(pml4, va);
    EXPECT_EQ(old, 0xabc000 | PTE_P | PTE_W | PTE_U | PTE_NX);
    EXPECT_EQ(pt_translate(pml4, va, NULL), 0);
    EXPECT_EQ(pt_translate(pml4, va + 0x10, NULL), 0);
    EXPECT_EQ(pt_translate(pml4, va + 0x1000, NULL), 0xdef000);  /* the neighbour stays */
    EXPECT_EQ(pt_unmap(pml4, va), 0);                           /* already gone */
    EXPECT_EQ(tables(), t);                                     /* tables stay */
    /* Nothing there, not even tables: 0, and no table is made. */
    EXPECT_EQ(pt_unmap(pml4, 0x7f0000000000), 0);
    EXPECT_EQ(pt_unmap(pml4, va + SIZE_1G), 0);
    EXPECT_EQ(tables(), t);
}

TEST(map_range_4k_only_when_not_large)
{
    pte_t *pml4 = setup();
    pt_allow_1g = true;
    uint64_t va = 0x200000, pa = 0x40000000, len = 4 * MiB + 0x2000;
    EXPECT_EQ(pt_map_range(pml4, va, pa, len, PTE_W, false), 0);
    for (uint64_t off = 0; off < len; off += 0x1000) {
        pte_t f = 0;
        if (pt_translate(pml4, va + off + 0x42, &f) != pa + off + 0x42 ||
            f != (PTE_P | PTE_W)) {
            unit_fail(__FILE__, __LINE__, "offset %#llx", (unsigned long long)off);
            break;
        }
    }
    EXPECT_EQ(pt_translate(pml4, va + len, NULL), 0);
    EXPECT_EQ(pt_translate(pml4, va - 1, NULL), 0);
    EXPECT_EQ(tables(), 1 + 1 + 1 + 3);     /* PML4, PDPT, PD, PTs for 1, 2, 3 */
}

/* 2 MiB pages where va and pa are both aligned and 2 MiB remain; 4 KiB
 * pages at the unaligned edges. */
TEST(map_range_2m_pages)
{
    pte_t *pml4 = setup();
    uint64_t va = 0x1ff000, pa = 0x5ff000;
    uint64_t len = 0x1000 + 2 * SIZE_2M + 0x3000;
    EXPECT_EQ(pt_map_range(pml4, va, pa, len, PTE_W | PTE_U, true), 0);
    pte_t f = 0;
    EXPECT_EQ(pt_translate(pml4, 0x1ff000, &f), 0x5ff000);      /* 4 KiB head */
    EXPECT_EQ(f, PTE_P | PTE_W | PTE_U);
    EXPECT_EQ(pt_translate(pml4, 0x200000, &f), 0x600000);      /* 2 MiB */
    EXPECT_EQ(f, PTE_P | PTE_W | PTE_U | PTE_PS);
    EXPECT_EQ(pt_translate(pml4, 0x212345, NULL), 0x612345);
    EXPECT_EQ(pt_translate(pml4, 0x5fffff, &f), 0x9fffff);      /* end of the 2nd */
    EXPECT_EQ(f, PTE_P | PTE_W | PTE_U | PTE_PS);
    for (int i = 0; i < 3; i++) {                               /* 4 KiB tail */
        EXPECT_EQ(pt_translate(pml4, 0x600000 + i * 0x1000 + 7, &f), 0xa00000 + i * 0x1000 + 7);
        EXPECT_EQ(f, PTE_P | PTE_W | PTE_U);
    }
    EXPECT_EQ(pt_translate(pml4, 0x603000, NULL), 0);
    EXPECT_EQ(pt_translate(pml4, 0x1fe000, NULL), 0);
    EXPECT_EQ(entry(pml4, 0x200000, 2), 0x600000 | PTE_P | PTE_W | PTE_U | PTE_PS);
    EXPECT_EQ(entry(pml4, 0x400000, 2), 0x800000 | PTE_P | PTE_W | PTE_U | PTE_PS);
    EXPECT(pt_walk(pml4, 0x300000, false) == NULL);             /* inside a large page */
    EXPECT_EQ(tables(), 1 + 1 + 1 + 2);     /* PML4, PDPT, PD, two PTs for the edges */
}

/* va and pa aligned differently: no large page can be used. */
TEST(map_range_misaligned_pa_uses_4k)
{
    pte_t *pml4 = setup();
    pt_allow_1g = true;
    EXPECT_EQ(pt_map_range(pml4, SIZE_1G, SIZE_1G + 0x1000, SIZE_1G, PTE_W, true), 0);
    pte_t f = 0;
    EXPECT_EQ(pt_translate(pml4, SIZE_1G + 0x345678, &f), SIZE_1G + 0x346678);
    EXPECT_EQ(f & PTE_PS, 0);
    EXPECT_EQ(pt_translate(pml4, 2 * SIZE_1G - 1, &f), 2 * SIZE_1G + 0xfff);
    EXPECT_EQ(tables(), 1 + 1 + 1 + 512);
}

static void check_1g_range(pte_t *pml4, bool one_gig)
{
    /* va and pa both 2 MiB short of a 1 GiB boundary. */
    uint64_t va = SIZE_1G - SIZE_2M, pa = 2 * SIZE_1G - SIZE_2M;
    uint64_t len = SIZE_2M + SIZE_1G + SIZE_2M + 0x1000;
    EXPECT_EQ(pt_map_range(pml4, va, pa, len, PTE_W | PTE_G | pte_nx, true), 0);
    const pte_t big = PTE_P | PTE_W | PTE_G | PTE_NX | PTE_PS;
    pte_t f = 0;
    EXPECT_EQ(pt_translate(pml4, va + 0x1234, &f), pa + 0x1234);        /* 2 MiB head */
    EXPECT_EQ(f, big);
    EXPECT_EQ(pt_translate(pml4, SIZE_1G, &f), 2 * SIZE_1G);            /* the 1 GiB */
    EXPECT_EQ(f, big);
    EXPECT_EQ(pt_translate(pml4, SIZE_1G + 0x12345678, NULL), 2 * SIZE_1G + 0x12345678);
    EXPECT_EQ(pt_translate(pml4, 2 * SIZE_1G - 1, NULL), 3 * SIZE_1G - 1);
    EXPECT_EQ(pt_translate(pml4, 2 * SIZE_1G + 5, &f), 3 * SIZE_1G + 5); /* 2 MiB tail */
    EXPECT_EQ(f, big);
    EXPECT_EQ(pt_translate(pml4, 2 * SIZE_1G + SIZE_2M, &f), 3 * SIZE_1G + SIZE_2M);
    EXPECT_EQ(f, big & ~PTE_PS);                                        /* 4 KiB */
    EXPECT_EQ(pt_translate(pml4, 2 * SIZE_1G + SIZE_2M + 0x1000, NULL), 0);
    EXPECT_EQ(pt_translate(pml4, va - 1, NULL), 0);

    pte_t pdpt1 = entry(pml4, SIZE_1G, 3);
    if (one_gig) {
        EXPECT_EQ(pdpt1, 2 * SIZE_1G | big);
        EXPECT_EQ(tables(), 1 + 1 + 2 + 1);     /* PML4, PDPT, 2 PDs, 1 PT */
    } else {
        EXPECT((pdpt1 & PTE_P) && !(pdpt1 & PTE_PS));
        EXPECT_EQ(entry(pml4, SIZE_1G + 511 * SIZE_2M, 2), (3 * SIZE_1G - SIZE_2M) | big);
        EXPECT_EQ(tables(), 1 + 1 + 3 + 1);     /* PML4, PDPT, 3 PDs, 1 PT */
    }
}

TEST(map_range_1g_pages)
{
    pte_t *pml4 = setup();
    pt_allow_1g = true;
    check_1g_range(pml4, true);
}

TEST(map_range_no_1g_pages_without_cpu_support)
{
    pte_t *pml4 = setup();
    pt_allow_1g = false;
    check_1g_range(pml4, false);
}

/* The direct map as kpagetable_init builds it: the kernel half, no U. */
TEST(map_range_direct_map)
{
    pte_t *pml4 = setup();
    pt_allow_1g = true;
    EXPECT_EQ(pt_map_range(pml4, DIRECT_MAP_BASE + 0x100000, 0x100000, 63 * MiB,
                           PTE_W | PTE_G | pte_nx, true), 0);
    pte_t f = 0;
    EXPECT_EQ(pt_translate(pml4, DIRECT_MAP_BASE + 0x100000, &f), 0x100000);
    EXPECT_EQ(f, PTE_P | PTE_W | PTE_G | PTE_NX);
    EXPECT_EQ(pt_translate(pml4, DIRECT_MAP_BASE + 0x3456789, &f), 0x3456789);
    EXPECT_EQ(f, PTE_P | PTE_W | PTE_G | PTE_NX | PTE_PS);
    EXPECT_EQ(pt_translate(pml4, DIRECT_MAP_BASE + 64 * MiB - 1, NULL), 64 * MiB - 1);
    EXPECT_EQ(pt_translate(pml4, DIRECT_MAP_BASE + 64 * MiB, NULL), 0);
    EXPECT_EQ(pt_translate(pml4, DIRECT_MAP_BASE + 0xff000, NULL), 0);
    EXPECT_EQ(entry(pml4, DIRECT_MAP_BASE, 4) & PTE_U, 0);
    EXPECT_EQ(tables(), 1 + 1 + 1 + 1);     /* one PT for the first 2 MiB */
}

/* pt_map cannot put a 4 KiB page inside a large page: it fails and the
 * large page stays. */
TEST(map_inside_large_page_fails)
{
    pte_t *pml4 = setup();
    EXPECT_EQ(pt_map_range(pml4, 0x400000, 0x800000, SIZE_2M, PTE_W, true), 0);
    EXPECT(pt_map(pml4, 0x401000, 0x5000, PTE_W) < 0);
    EXPECT_EQ(pt_translate(pml4, 0x401000, NULL), 0x801000);
    EXPECT_EQ(pt_unmap(pml4, 0x401000), 0);                 /* not a 4 KiB mapping */
    EXPECT_EQ(pt_translate(pml4, 0x401000, NULL), 0x801000);
}

TEST(out_of_memory)
{
    pte_t *pml4 = setup();
    EXPECT_EQ(pt_map(pml4, 0x1000, 0x1000, 0), 0);           /* some tables exist */
    static paddr_t got[ARENA / PAGE_SIZE];
    size_t n = 0;
    for (paddr_t pa; (pa = frame_alloc()) != 0;)
        got[n++] = pa;
    EXPECT_EQ(frame_free_count(), 0);
    /* Where the tables exist, mapping still works. */
    EXPECT_EQ(pt_map(pml4, 0x2000, 0x2000, 0), 0);
    /* Elsewhere: -ENOMEM, from pt_map and pt_map_range. */
    EXPECT_EQ(pt_map(pml4, SIZE_2M, 0x3000, 0), -ENOMEM);
    EXPECT_EQ(pt_map(pml4, 1ull << 39, 0x3000, 0), -ENOMEM);
    EXPECT_EQ(pt_map_range(pml4, 1ull << 39, 0, 3 * SIZE_2M, PTE_W, true), -ENOMEM);
    EXPECT_EQ(pt_map_range(pml4, SIZE_2M, 0, 0x3000, PTE_W, false), -ENOMEM);
    EXPECT(pt_walk(pml4, SIZE_2M, true) == NULL);
    /* One frame back: enough for a PT, not for PDPT + PD + PT. */
    frame_put(got[--n]);
    EXPECT_EQ(pt_map(pml4, 2ull << 39, 0x3000, 0), -ENOMEM);
    EXPECT_EQ(pt_translate(pml4, 2ull << 39, NULL), 0);
    for (size_t i = 0; i < n; i++)
        frame_put(got[i]);
    /* Memory is back: so is mapping. */
    EXPECT_EQ(pt_map(pml4, 1ull << 39, 0x3000, 0), 0);
    EXPECT_EQ(pt_translate(pml4, 1ull << 39, NULL), 0x3000);
    pt_free_user(pml4);
    EXPECT_EQ(frame_free_count(), baseline);
}

/* pt_free_user returns every table of the user half and the PML4; the
 * leaf frames stay with their owner. */
TEST(free_user_returns_every_table)
{
    pte_t *pml4 = setup();
    pt_allow_1g = true;
    paddr_t leaves[40];
    int nleaves = 0;
    static const uint64_t vas[] = {
        0x1000, 0x2000, 0x400000, 0x40000000, 0x8000000000, 0x7fffffffe000,
        0x7fff00000000, 0x123456789000, 0x1ff000, 0x200000,
    };
    for (size_t i = 0; i < sizeof vas / sizeof vas[0]; i++) {
        paddr_t pa = frame_alloc();
        leaves[nleaves++] = pa;
        EXPECT_EQ(pt_map(pml4, vas[i], pa, PTE_W | PTE_U), 0);
    }
    /* Large pages too (their "frames" are not real: just addresses). */
    EXPECT_EQ(pt_map_range(pml4, 0x10000000000, 0x80000000, 3 * SIZE_1G + SIZE_2M + 0x1000,
                           PTE_U, true), 0);
    EXPECT(tables() > 15);
    pt_free_user(pml4);
    EXPECT_EQ(frame_free_count(), baseline - (size_t)nleaves);
    for (int i = 0; i < nleaves; i++) {
        EXPECT_EQ(pa_to_page(leaves[i])->refcount, 1);      /* untouched */
        frame_put(leaves[i]);
    }
    EXPECT_EQ(frame_free_count(), baseline);
}

/* The kernel half (PML4 entries 256..511) is shared by every address
 * space: pt_free_user leaves its tables alone. */
TEST(free_user_leaves_the_kernel_half)
{
    pte_t *pml4 = setup();
    EXPECT_EQ(pt_map(pml4, 0x400000, 0x1000, PTE_U), 0);
    size_t user_tables = tables() - 1;
    EXPECT_EQ(pt_map(pml4, KERNEL_BASE + 0x1000, 0x2000, PTE_W), 0);
    EXPECT_EQ(pt_map(pml4, DIRECT_MAP_BASE, 0x0, PTE_W), 0);
    size_t kernel_tables = tables() - 1 - user_tables;
    EXPECT_EQ(user_tables, 3);
    EXPECT_EQ(kernel_tables, 6);
    paddr_t kpdpt = PTE_ADDR(pml4[511]);
    pt_free_user(pml4);
    EXPECT_EQ(frame_free_count(), baseline - kernel_tables);
    EXPECT_EQ(pa_to_page(kpdpt)->refcount, 1);
}
