/*
 * test_procfs.c: self tests of /proc's generators and formats.
 *
 * The self tests run at boot before any process exists, and read() of a
 * /proc file copies into user memory, which a test does not have. So the
 * tests call the generators (procfs_show_*) directly with a kernel
 * procbuf, on real kernel state (meminfo, counters) or on made-up
 * processes and address spaces built from the kernel's own constructors
 * (proc_alloc, mm_create, vma_alloc, mm_populate). test_procfs_vfs.c goes
 * through path lookup and open() instead; the helpers they share are in
 * test_procfs_util.c.
 */
#include "../fs/procfs/procfs.h"
#include "format.h"
#include "frame.h"
#include "kmalloc.h"
#include "ktest.h"
#include "mm.h"
#include "percpu.h"
#include "proc.h"
#include "string.h"
#include "test_procfs.h"

/* A region in mm, as mmap() would make it. */
static struct vma *add_vma(struct mm *mm, uint64_t start, uint64_t end, uint32_t flags,
                           struct inode *file, uint64_t pgoff, const char *name)
{
    struct vma *v = vma_alloc(start, end, flags, file, pgoff, name);
    if (v) {
        spin_lock(&mm->lock);
        vma_insert(mm, v);
        spin_unlock(&mm->lock);
    }
    return v;
}

/* ---- system-wide files -------------------------------------------------------------- */

KTEST(procfs_meminfo_format)
{
    struct procbuf pb;
    pb_init(&pb);
    KEXPECT(procfs_show_meminfo(&pb) == 0);
    const char *text = tp_text(&pb);
    const char *order[] = { "MemTotal:", "MemFree:", "MemAvailable:", "Buffers:", "Cached:",
                            "SwapCached:", "SwapTotal:", "SwapFree:" };
    const char *prev = text;
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        const char *l = tp_line(text, order[i]);
        KEXPECT(l != NULL && l >= prev);
        if (!l)
            continue;
        prev = l;
        /* "Label:" padded to 16 columns, the number right-aligned in 8. */
        KEXPECT(tp_line_len(l) >= 27 && strncmp(l + tp_line_len(l) - 3, " kB", 3) == 0);
        KEXPECT(l[15] == ' ' && l[16 + 7] >= '0' && l[16 + 7] <= '9');
    }
    const char *total = tp_line(text, "MemTotal:");
    KEXPECT(total && tp_field(total + 16, 1) == frame_total_count() * 4);
    pb_free(&pb);
}

KTEST(procfs_weft_counters)
{
    struct procbuf pb;
    pb_init(&pb);
    KEXPECT(procfs_show_weft(&pb) == 0);
    const char *text = tp_text(&pb);
    KEXPECT(STARTS(text, "# weft per-CPU counters: see docs/proc.md\n"));
    const char *names[] = { "context_switches ", "cr3_loads ", "tlb_flushes ",
                            "tlb_page_flushes ", "syscalls ", "interrupts ", "exceptions ",
                            "page_faults ", "timer_ticks " };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *l = tp_line(text, names[i]);
        KEXPECT(l && tp_count_fields(l) == 1 + ncpus);     /* the name, a column per CPU */
    }
    const char *ticks = tp_line(text, "timer_ticks ");
    KEXPECT(ticks && tp_field(ticks, 2) > 0);               /* the clock has been ticking */
    const char *total = tp_line(text, "total_frames ");
    KEXPECT(total && tp_field(total, 2) == frame_total_count());
    KEXPECT(tp_line(text, "free_frames ") != NULL);
    pb_free(&pb);
}

KTEST(procfs_stat_interrupts_uptime)
{
    struct procbuf pb;
    pb_init(&pb);
    KEXPECT(procfs_show_kstat(&pb) == 0);
    const char *text = tp_text(&pb);
    KEXPECT(STARTS(text, "cpu  ") && tp_count_fields(text) == 11);
    KEXPECT(tp_line(text, "cpu0 ") && tp_count_fields(tp_line(text, "cpu0 ")) == 11);
    const char *names[] = { "intr ", "ctxt ", "btime ", "processes ", "procs_running ",
                            "procs_blocked ", "softirq " };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        KEXPECT(tp_line(text, names[i]) != NULL);
    KEXPECT(tp_field(tp_line(text, "btime "), 2) > 1600000000);    /* after 2020 */
    pb_free(&pb);

    pb_init(&pb);
    procfs_show_interrupts(&pb);
    text = tp_text(&pb);
    KEXPECT(STARTS(text, "           CPU0"));
    KEXPECT(tp_line(text, "  0: ") && tp_find(tp_line(text, "  0: "), "timer"));
    KEXPECT(tp_line(text, "SYS: ") && tp_line(text, "EXC: ") && tp_line(text, "PGF: ") &&
            tp_line(text, "CSW: "));
    pb_free(&pb);

    pb_init(&pb);
    procfs_show_uptime(&pb);
    text = tp_text(&pb);
    const char *dot = strchr(text, '.');
    KEXPECT(dot && dot[3] == ' ' && text[strlen(text) - 1] == '\n');
    pb_free(&pb);
}

/* ---- per-process files on made-up processes ------------------------------------------- */

KTEST(procfs_stat_has_52_fields)
{
    struct proc *p = tp_fake_proc(4242);
    KEXPECT(p != NULL);
    if (!p)
        return;
    p->sighand = kzalloc(sizeof *p->sighand);
    if (p->sighand) {
        spin_init(&p->sighand->lock, "sighand");
        p->sighand->action[SIGINT - 1].handler = SIG_IGN_VALUE;
        p->sighand->action[SIGTERM - 1].handler = 0x401000;    /* a handler */
    }
    struct procbuf pb;
    pb_init(&pb);
    procfs_show_stat(&pb, p, NULL);
    const char *line = tp_text(&pb);
    KEXPECT(tp_count_fields(line) == 52);
    KEXPECT(STARTS(line, "4242 (fake) S 0 4242 4242 0 -1 "));
    KEXPECT(tp_field(line, 18) == 25 && tp_field(line, 19) == 5);  /* priority, nice */
    KEXPECT(tp_field(line, 20) == 1);                               /* num_threads */
    KEXPECT(tp_field(line, 33) == sigmask_of(SIGINT));              /* sigignore */
    KEXPECT(tp_field(line, 34) == sigmask_of(SIGTERM));             /* sigcatch */
    KEXPECT(tp_field(line, 35) == 1);                               /* asleep */
    KEXPECT(tp_field(line, 38) == SIGCHLD);                         /* exit_signal */
    KEXPECT(line[strlen(line) - 1] == '\n');
    pb_free(&pb);

    /* A zombie: state Z, its exit status last, no memory. */
    p->state = PROC_ZOMBIE;
    p->exit_code = 3 << 8;
    p->leader->state = TASK_ZOMBIE;
    pb_init(&pb);
    procfs_show_stat(&pb, p, NULL);
    line = tp_text(&pb);
    KEXPECT(tp_count_fields(line) == 52);
    KEXPECT(STARTS(line, "4242 (fake) Z "));
    KEXPECT(tp_field(line, 52) == 768 && tp_field(line, 23) == 0);
    pb_free(&pb);
    tp_free_proc(p);
}

KTEST(procfs_status_lines)
{
    struct proc *p = tp_fake_proc(4243);
    struct mm *mm = mm_create();
    KEXPECT(p && mm);
    if (!p || !mm)
        return;
    p->mm = mm;
    p->fs = fs_alloc();
    add_vma(mm, 0x400000, 0x403000, VM_READ | VM_EXEC, NULL, 0, NULL);
    add_vma(mm, 0x600000, 0x608000, VM_READ | VM_WRITE, NULL, 0, "[heap]");
    add_vma(mm, 0x7ff000000000, 0x7ff000010000, VM_READ | VM_WRITE | VM_GROWSDOWN, NULL, 0,
            "[stack]");
    mm->start_code = 0x400000;
    mm->end_code = 0x402800;
    mm_populate(mm, 0x600000, 2 * PAGE_SIZE, true);     /* two heap pages in memory */

    struct procbuf pb;
    pb_init(&pb);
    procfs_show_status(&pb, p, NULL);
    const char *text = tp_text(&pb);
    KEXPECT(STARTS(text, "Name:\tfake\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t4243\n"));
    KEXPECT(tp_line(text, "Pid:\t4243\n") && tp_line(text, "PPid:\t0\n"));
    KEXPECT(tp_line(text, "Uid:\t0\t0\t0\t0\n") && tp_line(text, "FDSize:\t0\n"));
    KEXPECT(tp_line(text, "VmSize:\t     108 kB\n"));     /* 12 + 32 + 64 kB */
    KEXPECT(tp_line(text, "VmRSS:\t       8 kB\n"));
    KEXPECT(tp_line(text, "RssAnon:\t       8 kB\n"));
    KEXPECT(tp_line(text, "RssFile:\t       0 kB\n"));
    KEXPECT(tp_line(text, "VmData:\t      32 kB\n"));
    KEXPECT(tp_line(text, "VmStk:\t      64 kB\n"));
    KEXPECT(tp_line(text, "VmExe:\t      12 kB\n"));
    KEXPECT(tp_line(text, "VmPTE:\t      12 kB\n"));     /* a PDPT, a PD and a PT */
    KEXPECT(tp_line(text, "Threads:\t1\n") && tp_line(text, "SigBlk:\t0000000000000000\n"));
    KEXPECT(tp_line(text, "voluntary_ctxt_switches:\t0\n"));
    const char *vmpeak = tp_line(text, "VmPeak:"), *threads = tp_line(text, "Threads:");
    KEXPECT(vmpeak && threads && vmpeak < threads);         /* Linux's order */
    pb_free(&pb);

    /* A zombie has no Umask and no Vm lines. */
    struct mm *gone = p->mm;
    p->mm = NULL;
    fs_put(p->fs);
    p->fs = NULL;
    p->state = PROC_ZOMBIE;
    p->leader->state = TASK_ZOMBIE;
    pb_init(&pb);
    procfs_show_status(&pb, p, NULL);
    text = tp_text(&pb);
    KEXPECT(STARTS(text, "Name:\tfake\nState:\tZ (zombie)\n"));
    KEXPECT(!tp_line(text, "VmSize:") && tp_line(text, "Threads:\t1\n"));
    pb_free(&pb);
    mm_put(gone);
    tp_free_proc(p);
}

KTEST(procfs_maps_format)
{
    struct mm *mm = mm_create();
    struct inode *file = tp_make_file("procfs-maps", 2);
    KEXPECT(mm && file);
    if (!mm || !file)
        return;
    add_vma(mm, 0x400000, 0x401000, VM_READ | VM_EXEC, file, 0, NULL);
    add_vma(mm, 0x401000, 0x402000, VM_READ | VM_WRITE, file, 1, NULL);
    add_vma(mm, 0x500000, 0x501000, VM_READ | VM_WRITE | VM_SHARED, NULL, 0, NULL);
    add_vma(mm, 0x7ffffffde000, 0x7ffffffff000, VM_READ | VM_WRITE | VM_GROWSDOWN, NULL, 0,
            "[stack]");
    struct procbuf pb;
    pb_init(&pb);
    procfs_show_mm_maps(&pb, mm);
    const char *text = tp_text(&pb);
    char want[128];
    snprintf(want, sizeof want, "00400000-00401000 r-xp 00000000 00:01 %lu ",
             (unsigned long)file->ino);
    const char *l = tp_line(text, want);
    KEXPECT(l && STARTS(l + 73, "/tmp/procfs-maps\n"));       /* column 73 */
    KEXPECT(l && l[72] == ' ' && l[strlen(want)] == ' ');
    snprintf(want, sizeof want, "00401000-00402000 rw-p 00001000 00:01 %lu ",
             (unsigned long)file->ino);
    KEXPECT(tp_line(text, want) != NULL);
    KEXPECT(tp_line(text, "00500000-00501000 rw-s 00000000 00:00 0 \n") != NULL);
    l = tp_line(text, "7ffffffde000-7ffffffff000 rw-p 00000000 00:00 0 ");
    KEXPECT(l && tp_line_len(l) == 73 + 7 && strncmp(l + 73, "[stack]", 7) == 0);
    pb_free(&pb);
    mm_put(mm);
    tp_remove_file("procfs-maps", file);
}

KTEST(procfs_pagemap_shows_shared_text)
{
    struct mm *a = mm_create(), *b = mm_create();
    struct inode *file = tp_make_file("procfs-pagemap", 1);
    KEXPECT(a && b && file);
    if (!a || !b || !file)
        return;
    /* Two "processes" running one program: the same text page ... */
    add_vma(a, 0x400000, 0x401000, VM_READ | VM_EXEC, file, 0, NULL);
    add_vma(b, 0x400000, 0x401000, VM_READ | VM_EXEC, file, 0, NULL);
    add_vma(a, 0x600000, 0x601000, VM_READ | VM_WRITE, NULL, 0, "[heap]");
    KEXPECT(mm_populate(a, 0x400000, PAGE_SIZE, false) == 0);
    KEXPECT(mm_populate(b, 0x400000, PAGE_SIZE, false) == 0);
    KEXPECT(mm_populate(a, 0x600000, PAGE_SIZE, true) == 0);
    spin_lock(&a->lock);
    uint64_t ta = procfs_pagemap_entry(a, 0x400000), heap = procfs_pagemap_entry(a, 0x600000);
    uint64_t hole = procfs_pagemap_entry(a, 0x700000);
    spin_unlock(&a->lock);
    spin_lock(&b->lock);
    uint64_t tb = procfs_pagemap_entry(b, 0x400000);
    spin_unlock(&b->lock);
    uint64_t pfn_mask = (1ull << 55) - 1;
    KEXPECT((ta >> 63) && (tb >> 63));                       /* present */
    KEXPECT((ta & pfn_mask) == (tb & pfn_mask));             /* ... one frame */
    KEXPECT((ta & pfn_mask) == pt_translate(a->pml4, 0x400000, NULL) >> PAGE_SHIFT);
    KEXPECT((ta & (1ull << 61)) && !(ta & (1ull << 56)));    /* file page, shared */
    KEXPECT((heap >> 63) && !(heap & (1ull << 61)) && (heap & (1ull << 56)));
    KEXPECT(hole == 0);
    mm_put(a);
    mm_put(b);
    tp_remove_file("procfs-pagemap", file);
}
