/*
 * test_procfs_util.c: helpers for the /proc self tests: picking lines and
 * fields out of generated text, made-up processes, scratch files.
 */
#include "../fs/procfs/procfs.h"
#include "kmalloc.h"
#include "mm.h"
#include "proc.h"
#include "string.h"
#include "test_procfs.h"

const char *tp_text(struct procbuf *pb)
{
    pb_putc(pb, '\0');
    return pb->error ? "" : pb->buf;
}

const char *tp_find(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncmp(hay, needle, n) == 0)
            return hay;
    return NULL;
}

const char *tp_line(const char *text, const char *prefix)
{
    size_t n = strlen(prefix);
    for (const char *s = text; s && *s;) {
        if (strncmp(s, prefix, n) == 0)
            return s;
        s = strchr(s, '\n');
        s = s ? s + 1 : NULL;
    }
    return NULL;
}

size_t tp_line_len(const char *line)
{
    const char *nl = strchr(line, '\n');
    return nl ? (size_t)(nl - line) : strlen(line);
}

/* Field n (from 1) of a space-separated line, as a number. */
uint64_t tp_field(const char *line, int n)
{
    const char *s = line;
    for (int i = 1; i < n && *s && *s != '\n'; i++) {
        while (*s && *s != ' ' && *s != '\n')
            s++;
        while (*s == ' ')
            s++;
    }
    while (*s == ' ')
        s++;                        /* right-aligned numbers */
    uint64_t v = 0;
    while (*s >= '0' && *s <= '9')
        v = v * 10 + (uint64_t)(*s++ - '0');
    return v;
}

int tp_count_fields(const char *line)
{
    int n = 0;
    for (const char *s = line; *s && *s != '\n';) {
        while (*s == ' ')
            s++;
        if (!*s || *s == '\n')
            break;
        n++;
        while (*s && *s != ' ' && *s != '\n')
            s++;
    }
    return n;
}

struct proc *tp_fake_proc(int pid)
{
    struct proc *p = proc_alloc();
    struct thread *t = kzalloc(sizeof *t);
    if (!p || !t) {
        kfree(p);
        kfree(t);
        return NULL;
    }
    p->pid = p->pgid = p->sid = pid;
    strlcpy(p->comm, "fake", sizeof p->comm);
    t->tid = pid;
    t->proc = p;
    t->state = TASK_INTERRUPTIBLE;
    t->nice = 5;
    t->wchan = "wait4";
    strlcpy(t->name, "fake", sizeof t->name);
    list_add_tail(&t->thread_link, &p->threads);
    p->leader = t;
    p->nthreads = 1;
    return p;
}

void tp_free_proc(struct proc *p)
{
    struct thread *t, *tmp;
    list_for_each_entry_safe(t, tmp, &p->threads, thread_link) {
        list_del(&t->thread_link);
        kfree(t);
    }
    if (p->mm)
        mm_put(p->mm);
    files_put(p->files);
    fs_put(p->fs);
    kfree(p->sighand);
    kfree(p);
}

/* A /tmp file of 'pages' pages of 'x' (the caller unlinks and puts it). */
struct inode *tp_make_file(const char *name, int pages)
{
    struct inode *tmp, *file = NULL;
    if (path_lookup(AT_FDCWD, "/tmp", true, &tmp) < 0)
        return NULL;
    if (tmp->iops->create(tmp, name, 0755, &file) == 0) {
        static char page[PAGE_SIZE];
        memset(page, 'x', sizeof page);
        for (int i = 0; i < pages; i++)
            pagecache_write_kernel(file, page, PAGE_SIZE, (uint64_t)i * PAGE_SIZE);
    }
    inode_put(tmp);
    return file;
}

void tp_remove_file(const char *name, struct inode *file)
{
    struct inode *tmp;
    if (path_lookup(AT_FDCWD, "/tmp", true, &tmp) == 0) {
        tmp->iops->unlink(tmp, name);
        inode_put(tmp);
    }
    if (file)
        inode_put(file);
}

