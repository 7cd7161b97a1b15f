/*
 * frame.c: the physical frame allocator.
 *
 * Two structures describe physical memory:
 *
 *   - a bitmap with one bit per 4 KiB frame, set when the frame is in use
 *     (or is not RAM at all). Finding a free frame is a scan for a 64-bit
 *     word that is not all ones, starting from the lowest word that might
 *     have a free bit ('hint'); finding n contiguous frames is a scan for
 *     a run of n clear bits.
 *   - mem_map, one struct page per frame, with the reference count that
 *     copy-on-write and the page cache use to share frames.
 *
 * Both live in RAM that frame_init() takes from the memory map itself
 * (like Linux's memblock does for mem_map), and they are marked in use.
 *
 * The allocator never hands out frame 0 (so 0 can mean "no memory"), the
 * first megabyte (the BIOS's), the kernel image, the boot modules or the
 * multiboot2 information: the caller of frame_init() lists those.
 */
#include "frame.h"
#include "bootinfo.h"
#include "kprintf.h"
#include "spinlock.h"
#include "string.h"

struct page *mem_map;
uint64_t max_pfn;

static uint64_t *bitmap;            /* bit set = frame in use */
static uint64_t bitmap_words;
static uint64_t hint;               /* no free frame below word 'hint' */
static size_t nfree, ntotal;
static struct spinlock frame_lock = SPINLOCK_INIT("frame");

#define MAX_PHYS    (64ull << 30)   /* we describe at most 64 GiB */
#define LOW_RESERVE 0x100000ull     /* the first megabyte stays the BIOS's */

static bool test_bit(uint64_t pfn) { return bitmap[pfn / 64] & (1ull << (pfn % 64)); }
static void set_bit(uint64_t pfn) { bitmap[pfn / 64] |= 1ull << (pfn % 64); }
static void clear_bit(uint64_t pfn) { bitmap[pfn / 64] &= ~(1ull << (pfn % 64)); }

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
    return a < b + blen && b < a + alen;
}

/* Find room for the allocator's own metadata: 'size' bytes of usable RAM
 * above 1 MiB that touch no reserved range. Returns a physical address. */
static uint64_t place_metadata(const struct boot_info *bi, const struct range *res, int nres,
                               uint64_t size)
{
    for (int i = 0; i < bi->nmem; i++) {
        const struct mem_region *r = &bi->mem[i];
        if (r->type != MEM_USABLE)
            continue;
        uint64_t start = PAGE_ROUND_UP(r->base < LOW_RESERVE ? LOW_RESERVE : r->base);
        uint64_t end = PAGE_ROUND_DOWN(r->base + r->len);
        /* Slide past every reserved range in the way until it fits. */
        bool moved = true;
        while (moved && start + size <= end) {
            moved = false;
            for (int j = 0; j < nres; j++) {
                if (overlaps(start, size, res[j].base, res[j].len)) {
                    start = PAGE_ROUND_UP(res[j].base + res[j].len);
                    moved = true;
                }
            }
        }
        if (start + size <= end)
            return start;
    }
    return 0;
}

static void mark_used(uint64_t base, uint64_t len)
{
    uint64_t first = base >> PAGE_SHIFT;
    uint64_t last = PAGE_ROUND_UP(base + len) >> PAGE_SHIFT;
    for (uint64_t pfn = first; pfn < last && pfn < max_pfn; pfn++) {
        if (!test_bit(pfn)) {
            set_bit(pfn);
            nfree--;
            ntotal--;
        }
        mem_map[pfn].flags |= PG_RESERVED;
    }
}

void frame_init(const struct boot_info *bi, const struct range *reserve, int nreserve)
{
    /* How many frames must be described: up to the end of the highest
     * usable region. */
    uint64_t top = 0;
    for (int i = 0; i < bi->nmem; i++)
        if (bi->mem[i].type == MEM_USABLE && bi->mem[i].base + bi->mem[i].len > top)
            top = bi->mem[i].base + bi->mem[i].len;
    if (top > MAX_PHYS)
        top = MAX_PHYS;
    max_pfn = top >> PAGE_SHIFT;
    bitmap_words = (max_pfn + 63) / 64;

    uint64_t map_bytes = PAGE_ROUND_UP(max_pfn * sizeof(struct page));
    uint64_t bitmap_bytes = PAGE_ROUND_UP(bitmap_words * 8);
    uint64_t meta = place_metadata(bi, reserve, nreserve, map_bytes + bitmap_bytes);
    if (meta == 0)
        panic("frame_init: no room for %lu KiB of frame metadata",
              (unsigned long)((map_bytes + bitmap_bytes) >> 10));

    mem_map = phys_to_virt(meta);
    bitmap = phys_to_virt(meta + map_bytes);
    memset(mem_map, 0, map_bytes);
    memset(bitmap, 0xff, bitmap_bytes);     /* everything in use ... */
    nfree = ntotal = 0;

    for (int i = 0; i < bi->nmem; i++) {    /* ... except usable RAM */
        const struct mem_region *r = &bi->mem[i];
        if (r->type != MEM_USABLE)
            continue;
        uint64_t first = PAGE_ROUND_UP(r->base) >> PAGE_SHIFT;
        uint64_t last = PAGE_ROUND_DOWN(r->base + r->len) >> PAGE_SHIFT;
        for (uint64_t pfn = first; pfn < last && pfn < max_pfn; pfn++) {
            if (test_bit(pfn)) {
                clear_bit(pfn);
                nfree++;
                ntotal++;
            }
        }
    }
    /* Firmware maps may overlap: a frame any non-usable entry claims is
     * not ours, even if a usable entry lists it too. */
    for (int i = 0; i < bi->nmem; i++)
        if (bi->mem[i].type != MEM_USABLE)
            mark_used(bi->mem[i].base, bi->mem[i].len);
    for (uint64_t pfn = 0; pfn < max_pfn; pfn++)
        if (test_bit(pfn))
            mem_map[pfn].flags |= PG_RESERVED;

    mark_used(0, LOW_RESERVE);
    for (int j = 0; j < nreserve; j++)
        mark_used(reserve[j].base, reserve[j].len);
    mark_used(meta, map_bytes + bitmap_bytes);
    hint = 0;
}

/* Take frame pfn off the free set: refcount 1, no flags. */
static void take(uint64_t pfn)
{
    set_bit(pfn);
    nfree--;
    mem_map[pfn].refcount = 1;
    mem_map[pfn].flags = 0;
}

paddr_t frame_alloc(void)
{
    spin_lock(&frame_lock);
    for (uint64_t w = hint; w < bitmap_words; w++) {
        if (bitmap[w] == ~0ull)
            continue;
        uint64_t pfn = w * 64 + (uint64_t)__builtin_ctzll(~bitmap[w]);
        if (pfn >= max_pfn)
            break;
        hint = w;
        take(pfn);
        spin_unlock(&frame_lock);
        return pfn << PAGE_SHIFT;
    }
    hint = bitmap_words;
    spin_unlock(&frame_lock);
    return 0;
}

paddr_t frame_alloc_zeroed(void)
{
    paddr_t pa = frame_alloc();
    if (pa)
        zero_page(phys_to_virt(pa));
    return pa;
}

paddr_t frame_alloc_contig(size_t n)
{
    if (n == 0)
        return 0;
    spin_lock(&frame_lock);
    uint64_t run = 0;
    for (uint64_t pfn = hint * 64; pfn < max_pfn; pfn++) {
        run = test_bit(pfn) ? 0 : run + 1;
        if (run == n) {
            uint64_t first = pfn + 1 - n;
            for (uint64_t p = first; p <= pfn; p++)
                take(p);
            spin_unlock(&frame_lock);
            return first << PAGE_SHIFT;
        }
    }
    spin_unlock(&frame_lock);
    return 0;
}

static void give_back(uint64_t pfn)
{
    if (test_bit(pfn) == 0 || (mem_map[pfn].flags & PG_RESERVED))
        panic("frame: freeing frame %#lx that is free or reserved", (unsigned long)pfn << 12);
    clear_bit(pfn);
    nfree++;
    mem_map[pfn].flags = 0;
    if (pfn / 64 < hint)
        hint = pfn / 64;
}

void frame_put(paddr_t pa)
{
    uint64_t pfn = pa >> PAGE_SHIFT;
    spin_lock(&frame_lock);
    if (pfn >= max_pfn || mem_map[pfn].refcount == 0)
        panic("frame_put: bad frame %#lx", (unsigned long)pa);
    if (--mem_map[pfn].refcount == 0)
        give_back(pfn);
    spin_unlock(&frame_lock);
}

void frame_get(paddr_t pa)
{
    uint64_t pfn = pa >> PAGE_SHIFT;
    spin_lock(&frame_lock);
    if (pfn >= max_pfn || mem_map[pfn].refcount == 0)
        panic("frame_get: bad frame %#lx", (unsigned long)pa);
    mem_map[pfn].refcount++;
    spin_unlock(&frame_lock);
}

void frame_free_contig(paddr_t pa, size_t n)
{
    spin_lock(&frame_lock);
    for (size_t i = 0; i < n; i++) {
        uint64_t pfn = (pa >> PAGE_SHIFT) + i;
        mem_map[pfn].refcount = 0;
        give_back(pfn);
    }
    spin_unlock(&frame_lock);
}

size_t frame_free_count(void)
{
    return nfree;
}

size_t frame_total_count(void)
{
    return ntotal;
}
