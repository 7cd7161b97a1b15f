/*
 * mm.h: user address spaces (mm/).
 *
 * A process's address space is a struct mm: its page tables plus an
 * ordered list of regions (VMAs, "virtual memory areas"), each a range of
 * pages with one set of permissions and one source of contents:
 *
 *   0x400000   text      r-x  file-backed, shared by every process of the program
 *              data      rw-  file-backed, private (copied on first write)
 *              bss       rw-  anonymous: zero pages on demand
 *              [heap]    rw-  anonymous, grows up with brk()
 *              ...
 *              mmap area      mmap() places regions top-down from MMAP_BASE
 *              [stack]   rw-  anonymous, grows down on faults, 8 MiB limit
 *   0x7ffffffff000  (USER_TOP)
 *
 * Pages are not allocated when a region is created: the first access
 * faults, and page_fault() (mm/fault.c) finds the region and brings the
 * page in (demand paging). fork() copies the regions and shares every page
 * read-only, copying a page only when one side writes to it
 * (copy-on-write).
 */
#ifndef WEFT_MM_H
#define WEFT_MM_H

#include "list.h"
#include "paging.h"
#include "spinlock.h"
#include <stdbool.h>
#include <stdint.h>

/* vma->flags */
#define VM_READ      0x01
#define VM_WRITE     0x02
#define VM_EXEC      0x04
#define VM_SHARED    0x08       /* writes go to the file / are seen by other mappers */
#define VM_GROWSDOWN 0x10       /* the stack: extends downward on faults */
#define VM_MAYWRITE  0x20       /* mprotect may add write permission */
/* The permissions mprotect sets; none of them is PROT_NONE. */
#define VM_ACCESS_FLAGS (VM_READ | VM_WRITE | VM_EXEC)

#define STACK_LIMIT      (8ul << 20)       /* RLIMIT_STACK's default: 8 MiB */
#define STACK_LIMIT_MAX  (64ul << 20)      /* the most weft lets a stack grow */
#define STACK_GUARD_GAP  (256ul << 12)     /* 1 MiB kept free below the stack (Linux's) */
#define MMAP_BASE        (USER_TOP - STACK_LIMIT - STACK_GUARD_GAP - (64ul << 20))
#define MMAP_MIN_ADDR    0x10000ul         /* the lowest 64 KiB stay unmapped (NULL) */

struct inode;
struct trapframe;

struct vma {
    uint64_t start, end;        /* [start, end), page-aligned */
    uint32_t flags;             /* VM_* */
    struct inode *file;         /* backing file, or NULL for anonymous memory */
    uint64_t pgoff;             /* page of the file that 'start' shows */
    const char *name;           /* "[heap]", "[stack]" or NULL */
    struct list_head link;      /* in mm->vmas, sorted by address */
};

struct mm {
    pte_t *pml4;                /* top-level page table (kernel half shared) */
    paddr_t pml4_pa;            /* what CR3 gets */
    struct list_head vmas;      /* sorted, non-overlapping */
    int users;                  /* processes/threads sharing it (CLONE_VM) */
    struct list_head all_link;  /* in the list of every mm (mm.c) */
    struct spinlock lock;       /* the regions and the page tables */

    uint64_t start_code, end_code;      /* what /proc/PID/stat and status report */
    uint64_t start_data, end_data;
    uint64_t start_brk, brk;            /* the heap: [start_brk, brk) */
    uint64_t start_stack;               /* the initial stack pointer's page */
    uint64_t arg_start, arg_end;        /* argv strings on the stack */
    uint64_t env_start, env_end;
    uint64_t stack_limit;               /* how far [stack] may grow (RLIMIT_STACK) */
    uint64_t rss;                       /* pages mapped (resident) */
    uint64_t hiwater_rss;
    struct inode *exe;                  /* the program file */
};

/* mm/mm.c */
struct mm *mm_create(void);
void mm_get(struct mm *mm);
void mm_put(struct mm *mm);             /* the last put frees everything */
struct mm *mm_dup(struct mm *old);      /* fork: copy-on-write copy */
/* A file shrank to 'index' pages: every mapping of its pages from there
 * on goes, in every address space (Linux's unmap_mapping_range). */
void mm_unmap_file(struct inode *file, uint64_t index);
void mm_activate(struct mm *mm);        /* load into CR3 now (execve) */

/* mm/vma.c: the region list. All with mm->lock held. */
struct vma *vma_find(struct mm *mm, uint64_t addr);        /* containing addr */
struct vma *vma_alloc(uint64_t start, uint64_t end, uint32_t flags, struct inode *file,
                      uint64_t pgoff, const char *name);
void vma_free(struct vma *v);
int vma_insert(struct mm *mm, struct vma *v);              /* -EEXIST on overlap */
/* Unmap [start, end): split regions at the edges, free the pages. */
int vma_unmap_range(struct mm *mm, uint64_t start, uint64_t end);
/* Give [start, end) the permissions 'access' (VM_READ/VM_WRITE/VM_EXEC),
 * splitting and merging regions. */
int vma_protect_range(struct mm *mm, uint64_t start, uint64_t end, uint32_t access);
/* A free gap of len bytes: top-down below MMAP_BASE, or 0. */
uint64_t vma_find_gap(struct mm *mm, uint64_t len);
bool vma_range_free(struct mm *mm, uint64_t start, uint64_t end);
/* Merge neighbouring regions that match (same flags, same backing,
 * contiguous file offsets), as Linux keeps them. */
void vma_merge_all(struct mm *mm);
/* Drop the pages of [start, end), leaving the regions (MADV_DONTNEED). */
void vma_zap_pages(struct mm *mm, uint64_t start, uint64_t end);

/* mm/fault.c: 0 if the fault was resolved, -EFAULT (or -ENOMEM) if not;
 * *sig_code says why for the SIGSEGV/SIGBUS (SEGV_MAPERR/SEGV_ACCERR). */
int handle_mm_fault(struct mm *mm, uint64_t addr, uint64_t errcode, int *signo, int *sig_code);
/* The trap handler's entry point for page faults. */
int page_fault(struct trapframe *tf, uint64_t addr);
/* Make sure [addr, addr+len) is mapped and writable now (execve's stack). */
int mm_populate(struct mm *mm, uint64_t addr, uint64_t len, bool write);

/* The page-table flags for a page of region v. 'exclusive' says whether
 * the frame belongs to this mapping alone: a private page shared with
 * another process or with the page cache must stay read-only and be
 * copied on the first write (PTE_COW). */
pte_t vma_pte_flags(const struct vma *v, bool exclusive);

/* Flush one page / everything of mm from this CPU's TLB, if mm is the
 * address space loaded (otherwise there is nothing cached to flush). */
void tlb_flush_page(struct mm *mm, uint64_t va);
void tlb_flush_mm(struct mm *mm);

#endif
