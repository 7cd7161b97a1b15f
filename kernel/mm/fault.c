/*
 * fault.c: page faults, where demand paging and copy-on-write happen.
 *
 * The CPU faults when a page is not present or the access is not allowed
 * (error code bits, interrupt.h). For a user address we ask the address
 * space what should be there:
 *
 *   no region covers it      -> SIGSEGV (SEGV_MAPERR), unless it is just
 *                               below the stack, which then grows down
 *   the region forbids it    -> SIGSEGV (SEGV_ACCERR): writing to text,
 *                               executing data, touching PROT_NONE
 *   not present, anonymous   -> a fresh zeroed frame (bss, heap, stack)
 *   not present, file        -> the file's page from the page cache:
 *                               mapped directly if shared or read-only,
 *                               copied first if a private write
 *   present, copy-on-write   -> copy the frame (or, if we are its last
 *                               user, just make it writable) and map it
 *
 * and map the answer, so the faulting instruction succeeds when retried.
 */
#include "mm.h"
#include "errno.h"
#include "extable.h"
#include "frame.h"
#include "fs.h"
#include "interrupt.h"
#include "proc.h"
#include "signal.h"
#include "string.h"

/* The stack region grows down to cover addr, if addr is within the stack
 * limit and no other region is in the way. */
static struct vma *grow_stack(struct mm *mm, uint64_t addr)
{
    struct vma *v;
    list_for_each_entry(v, &mm->vmas, link) {
        if (v->start <= addr)
            continue;
        if (!(v->flags & VM_GROWSDOWN))
            return NULL;            /* the next region up is not a stack */
        uint64_t top = v->end, new_start = PAGE_ROUND_DOWN(addr);
        if (top - new_start > mm->stack_limit)
            return NULL;            /* past RLIMIT_STACK: overflow */
        if (v->link.prev != &mm->vmas) {
            struct vma *below = list_entry(v->link.prev, struct vma, link);
            if (below->end + STACK_GUARD_GAP > new_start)
                return NULL;        /* would run into the region below */
        }
        v->start = new_start;
        return v;
    }
    return NULL;
}

static bool access_allowed(const struct vma *v, uint64_t err)
{
    if (err & PF_WRITE)
        return v->flags & VM_WRITE;
    if (err & PF_INSTR)
        return v->flags & VM_EXEC;
    return v->flags & VM_ACCESS_FLAGS;  /* x86 pages are always readable */
}

/* A write to a present copy-on-write page. */
static int do_cow(struct mm *mm, struct vma *v, uint64_t va, pte_t *e)
{
    paddr_t old = PTE_ADDR(*e);
    if (page_exclusive(pa_to_page(old))) {
        *e = old | PTE_P | vma_pte_flags(v, true);      /* last user: keep it */
    } else {
        paddr_t copy = frame_alloc();
        if (!copy)
            return -ENOMEM;
        copy_page(phys_to_virt(copy), phys_to_virt(old));
        *e = copy | PTE_P | vma_pte_flags(v, true);
        frame_put(old);
    }
    tlb_flush_page(mm, va);
    return 0;
}

/*
 * Fault-around (Linux's do_fault_around): after a read fault on a file
 * page, also map the neighbours that are already in the page cache, in
 * the aligned 64 KiB window around it. A program reading through a
 * mapping then faults once per 16 pages instead of once per page, which
 * is what makes mmap beat read() (claim A5).
 *
 * The window never crosses a page table (one covers an aligned 2 MiB), so
 * the neighbours' entries sit right next to e, the entry for va: no walk.
 */
#define FAULT_AROUND_PAGES 16
_Static_assert(SIZE_2M % (FAULT_AROUND_PAGES * PAGE_SIZE) == 0,
               "the fault-around window must not cross a page table");

static void fault_around(struct mm *mm, struct vma *v, uint64_t va, pte_t *e)
{
    uint64_t window = FAULT_AROUND_PAGES * PAGE_SIZE;
    uint64_t start = va & ~(window - 1), end = start + window;
    if (start < v->start)
        start = v->start;
    if (end > v->end)
        end = v->end;
    pte_t *ne = e - (va - start) / PAGE_SIZE;       /* the entry for start */
    for (uint64_t a = start; a < end; a += PAGE_SIZE, ne++) {
        if (pte_has_frame(*ne))
            continue;               /* already mapped (va itself, just now) */
        uint64_t index = v->pgoff + (a - v->start) / PAGE_SIZE;
        if (index * PAGE_SIZE >= v->file->size)
            break;
        struct page *pg = pagecache_get(v->file, index, false);
        if (!pg)
            continue;               /* a hole: leave it to its own fault */
        *ne = page_to_pa(pg) | PTE_P | vma_pte_flags(v, false);
        mm->rss++;
    }
}

/* Bring in the page at va of region v (not present yet). */
static int do_fault_in(struct mm *mm, struct vma *v, uint64_t va, bool write, pte_t *e,
                       int *signo, int *code)
{
    paddr_t pa;
    bool exclusive = true;
    if (!v->file) {
        pa = frame_alloc_zeroed();              /* demand-zero */
        if (!pa)
            return -ENOMEM;
    } else {
        uint64_t index = v->pgoff + (va - v->start) / PAGE_SIZE;
        if (index * PAGE_SIZE >= v->file->size) {
            *signo = SIGBUS;                    /* past the end of the file */
            *code = BUS_ADRERR;
            return -EFAULT;
        }
        struct page *pg = pagecache_get(v->file, index, true);
        if (!pg)
            return -ENOMEM;
        pa = page_to_pa(pg);                    /* referenced for this mapping */
        if (!(v->flags & VM_SHARED)) {
            if (write) {                        /* a private copy right away */
                paddr_t copy = frame_alloc();
                if (!copy) {
                    frame_put(pa);
                    return -ENOMEM;
                }
                copy_page(phys_to_virt(copy), phys_to_virt(pa));
                frame_put(pa);
                pa = copy;
            } else {
                exclusive = false;              /* the cache's page: copy on write */
            }
        }
    }
    *e = pa | PTE_P | vma_pte_flags(v, exclusive);
    mm->rss++;
    if (v->file && !write)
        fault_around(mm, v, va, e);
    if (mm->rss > mm->hiwater_rss)
        mm->hiwater_rss = mm->rss;
    return 0;
}

int handle_mm_fault(struct mm *mm, uint64_t addr, uint64_t err, int *signo, int *code)
{
    uint64_t va = PAGE_ROUND_DOWN(addr);
    *signo = SIGSEGV;
    *code = SEGV_MAPERR;

    spin_lock(&mm->lock);
    struct vma *v = vma_find(mm, addr);
    if (!v)
        v = grow_stack(mm, addr);
    if (!v) {
        spin_unlock(&mm->lock);
        return -EFAULT;
    }
    if (!access_allowed(v, err)) {
        *code = SEGV_ACCERR;
        spin_unlock(&mm->lock);
        return -EFAULT;
    }
    pte_t *e = pt_walk(mm->pml4, va, true);
    int r;
    if (!e)
        r = -ENOMEM;
    else if (!(*e & PTE_P))
        r = do_fault_in(mm, v, va, err & PF_WRITE, e, signo, code);
    else if ((err & PF_WRITE) && (*e & PTE_COW))
        r = do_cow(mm, v, va, e);
    else
        r = 0;                  /* already fixed (another thread got here first) */
    spin_unlock(&mm->lock);
    if (r == -ENOMEM) {
        *signo = SIGBUS;        /* Linux would call the OOM killer */
        *code = BUS_ADRERR;
    }
    return r;
}

int mm_populate(struct mm *mm, uint64_t addr, uint64_t len, bool write)
{
    int signo, code;
    for (uint64_t va = PAGE_ROUND_DOWN(addr); va < addr + len; va += PAGE_SIZE) {
        int r = handle_mm_fault(mm, va, write ? PF_WRITE | PF_USER : PF_USER, &signo, &code);
        if (r < 0)
            return r;
    }
    return 0;
}

int page_fault(struct trapframe *tf, uint64_t addr)
{
    struct thread *t = current;
    struct mm *mm = t && t->proc ? t->proc->mm : NULL;
    bool user = tf_from_user(tf);

    /* The kernel faults on a user address only inside the copy helpers
     * (listed in the exception table); anywhere else it is a kernel bug,
     * which kernel_fault() in trap.c reports. */
    if (!mm || addr >= USER_TOP || (!user && !extable_search(tf->rip)))
        return -EFAULT;
    t->proc->minflt++;                  /* weft has no disk: every fault is minor */

    int signo, code;
    if (handle_mm_fault(mm, addr, tf->errcode, &signo, &code) == 0)
        return 0;
    if (user)
        force_fault_signal(signo, code, addr);
    return user ? 0 : -EFAULT;    /* the signal ends the process on the way out */
}
