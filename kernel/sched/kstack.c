/*
 * kstack.c: kernel stacks, one per thread, 16 KiB each.
 *
 * Each stack lives in its own slot of the vmalloc area (memlayout.h): one
 * unmapped guard page, then four mapped pages. A kernel stack overflow runs
 * into the guard page and faults (a double fault, handled on its own IST
 * stack, prints the report) instead of silently overwriting whatever lies
 * below, which is what happens with stacks carved out of the direct map.
 * Linux does the same (CONFIG_VMAP_STACK).
 *
 *   slot i:  VMALLOC_BASE + i * 20 KiB
 *            [ guard 4 KiB | stack 16 KiB ]   <- kstack_top at the end
 *
 * The mappings go into the kernel half of the page tables, which every
 * address space shares, so a stack is valid whichever CR3 is loaded.
 */
#include "errno.h"
#include "frame.h"
#include "paging.h"
#include "sched.h"
#include "spinlock.h"
#include "x86.h"

#define SLOT_SIZE   (KSTACK_SIZE + PAGE_SIZE)
#define MAX_SLOTS   8192                /* at most this many threads at once */

static uint64_t slot_used[MAX_SLOTS / 64];
static struct spinlock kstack_lock = SPINLOCK_INIT("kstack");

static int slot_alloc(void)
{
    spin_lock(&kstack_lock);
    for (int w = 0; w < MAX_SLOTS / 64; w++) {
        if (slot_used[w] == ~0ull)
            continue;
        int bit = __builtin_ctzll(~slot_used[w]);
        slot_used[w] |= 1ull << bit;
        spin_unlock(&kstack_lock);
        return w * 64 + bit;
    }
    spin_unlock(&kstack_lock);
    return -1;
}

static void slot_release(int slot)
{
    spin_lock(&kstack_lock);
    slot_used[slot / 64] &= ~(1ull << (slot % 64));
    spin_unlock(&kstack_lock);
}

static uint64_t slot_base(int slot)
{
    return VMALLOC_BASE + (uint64_t)slot * SLOT_SIZE + PAGE_SIZE;   /* past the guard */
}

static void unmap_stack(uint64_t base, int npages)
{
    for (int i = 0; i < npages; i++) {
        pte_t old = pt_unmap(kernel_pml4, base + (uint64_t)i * PAGE_SIZE);
        invlpg(base + (uint64_t)i * PAGE_SIZE);
        if (old)
            frame_put(PTE_ADDR(old));
    }
}

int kstack_alloc(struct thread *t)
{
    int slot = slot_alloc();
    if (slot < 0)
        return -EAGAIN;
    uint64_t base = slot_base(slot);
    for (int i = 0; i < KSTACK_SIZE / (int)PAGE_SIZE; i++) {
        paddr_t pa = frame_alloc();
        if (!pa || pt_map(kernel_pml4, base + (uint64_t)i * PAGE_SIZE, pa,
                          PTE_W | PTE_G | pte_nx) < 0) {
            if (pa)
                frame_put(pa);
            unmap_stack(base, i);
            slot_release(slot);
            return -ENOMEM;
        }
    }
    t->kstack_slot = slot;
    t->kstack_top = base + KSTACK_SIZE;
    return 0;
}

void kstack_free(struct thread *t)
{
    if (!t->kstack_top)
        return;
    unmap_stack(t->kstack_top - KSTACK_SIZE, KSTACK_SIZE / PAGE_SIZE);
    slot_release(t->kstack_slot);
    t->kstack_top = 0;
}
