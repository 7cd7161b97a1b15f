/*
 * maps.c: /proc/PID/maps, the process's regions (VMAs), one per line.
 *
 *   00400000-00402000 r-xp 00000000 00:01 12                                 /bin/cat
 *   00402000-00403000 rw-p 00002000 00:01 12                                 /bin/cat
 *   00403000-00424000 rw-p 00000000 00:00 0                                  [heap]
 *   7ffffff00000-7ffffffff000 rw-p 00000000 00:00 0                          [stack]
 *
 * Exactly Linux's format (show_map_vma in fs/proc/task_mmu.c):
 *
 *   start-end     the region, [start, end), in hex, at least 8 digits
 *   perms         r/w/x or '-', then 's' (shared) or 'p' (private:
 *                 copy-on-write)
 *   offset        where in the file the region starts (bytes, hex)
 *   dev           major:minor of the file's device: weft's whole tree is
 *                 device 00:01; 00:00 for anonymous memory
 *   inode         the file's inode number, 0 for anonymous memory
 *   name          after padding to column 73: the file's path, or the
 *                 region's label ("[heap]", "[stack]"); nothing for other
 *                 anonymous memory
 *
 * Every line has a space after the inode number, even with no name
 * (Linux's does too). Regions are in address order, as mm->vmas keeps them.
 */
#include "procfs.h"
#include "kmalloc.h"
#include "mm.h"
#include "proc.h"

#define NAME_COLUMN 72      /* Linux: 25 + sizeof(void *) * 6 - 1 */
#define WEFT_DEV_MINOR 1    /* st_dev of every file (fs/stat.c) */

/* The path of v's file, remembering the last answer: a program's text,
 * data and bss usually come one after another from the same file. */
struct name_cache {
    struct inode *inode;
    char *path;             /* PATH_MAX bytes, or NULL */
    bool found;
};

static const char *file_name(struct name_cache *nc, struct inode *file)
{
    if (!nc->path)
        return NULL;
    if (nc->inode != file) {
        nc->inode = file;
        nc->found = procfs_inode_path(file, nc->path, PATH_MAX) == 0;
    }
    return nc->found ? nc->path : NULL;
}

static void show_vma(struct procbuf *pb, struct vma *v, struct name_cache *nc)
{
    size_t line = pb->len;
    uint64_t offset = v->file ? v->pgoff << PAGE_SHIFT : 0;
    pb_printf(pb, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ", v->start, v->end,
              v->flags & VM_READ ? 'r' : '-', v->flags & VM_WRITE ? 'w' : '-',
              v->flags & VM_EXEC ? 'x' : '-', v->flags & VM_SHARED ? 's' : 'p', offset, 0,
              v->file ? WEFT_DEV_MINOR : 0, v->file ? (unsigned long)v->file->ino : 0ul);
    const char *name = v->file ? file_name(nc, v->file) : v->name;
    if (name) {
        pb_pad_to(pb, line, NAME_COLUMN);
        pb_printf(pb, "%s", name);
    }
    pb_putc(pb, '\n');
}

int procfs_show_mm_maps(struct procbuf *pb, struct mm *mm)
{
    struct name_cache nc = { .path = kmalloc(PATH_MAX) };
    spin_lock(&mm->lock);
    struct vma *v;
    list_for_each_entry(v, &mm->vmas, link)
        show_vma(pb, v, &nc);
    spin_unlock(&mm->lock);
    kfree(nc.path);
    return 0;
}

int procfs_show_maps(struct procbuf *pb, struct proc *p, struct thread *t)
{
    (void)t;
    if (p->mm)                      /* a zombie's maps file is empty */
        procfs_show_mm_maps(pb, p->mm);
    return 0;
}
