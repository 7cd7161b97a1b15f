/*
 * test_procfs_vfs.c: /proc through the VFS: path lookup (with "..",
 * symbolic links and the mount at /proc), open(), and the lifetimes of
 * the inodes procfs makes on demand.
 *
 * open() runs the generator and leaves the text in file->private, so a
 * test can check it there without a user buffer to read() into. The
 * per-process part registers a made-up process on all_procs for the
 * duration of the test: the self tests run before init exists, so
 * nothing else looks at the list meanwhile.
 */
#include "../fs/procfs/procfs.h"
#include "errno.h"
#include "frame.h"
#include "kmalloc.h"
#include "ktest.h"
#include "mm.h"
#include "proc.h"
#include "string.h"
#include "test_procfs.h"

/* Open path and return its generated text ("" if that fails); the
 * caller file_put()s *fp. */
static const char *open_text(const char *path, struct file **fp)
{
    struct inode *inode;
    *fp = NULL;
    if (path_lookup(AT_FDCWD, path, true, &inode) < 0)
        return "";
    int err = vfs_open(inode, O_RDONLY, fp);
    inode_put(inode);
    if (err) {
        *fp = NULL;
        return "";
    }
    struct procbuf *pb = (*fp)->private;
    pb_putc(pb, '\0');
    return pb->error ? "" : pb->buf;
}

static void close_text(struct file *f)
{
    if (f)
        file_put(f);
}

/* The inode number path leads to (0 if it leads nowhere). */
static uint64_t ino_of(const char *path, bool follow)
{
    struct inode *inode;
    if (path_lookup(AT_FDCWD, path, follow, &inode) < 0)
        return 0;
    uint64_t ino = inode->ino;
    inode_put(inode);
    return ino;
}

KTEST(procfs_lookup_through_vfs)
{
    KEXPECT(ino_of("/proc", true) == procfs_ino(PK_ROOT, 0, 0));
    KEXPECT(ino_of("/proc/..", true) == root_inode->ino);

    struct inode *a, *b;
    KEXPECT(path_lookup(AT_FDCWD, "/proc/meminfo", true, &a) == 0);
    KEXPECT(path_lookup(AT_FDCWD, "/proc/meminfo", true, &b) == 0);
    if (a && b) {
        /* Two inodes, made on demand, with the same number. */
        KEXPECT(a != b && a->ino == b->ino && a->ino == procfs_ino(PK_MEMINFO, 0, 0));
        KEXPECT(a->mode == (S_IFREG | 0444));
        char path[64];
        KEXPECT(procfs_inode_path(a, path, sizeof path) == 0 && strcmp(path, "/proc/meminfo") == 0);
        inode_put(a);
        inode_put(b);
    }

    struct file *f;
    const char *text = open_text("/proc/meminfo", &f);
    KEXPECT(STARTS(text, "MemTotal:"));
    close_text(f);
    text = open_text("/proc/weft", &f);
    KEXPECT(STARTS(text, "# weft per-CPU counters"));
    close_text(f);

    /* Opening and closing gives back everything it took. */
    size_t before = frame_free_count();
    for (int i = 0; i < 100; i++) {
        open_text("/proc/interrupts", &f);
        close_text(f);
        open_text("/proc/stat", &f);
        close_text(f);
    }
    KEXPECT(frame_free_count() + 1 >= before);

    /* No process is looking, so there is no "self"; no such pids. */
    struct inode *x;
    KEXPECT(path_lookup(AT_FDCWD, "/proc/self", true, &x) == -ENOENT);
    KEXPECT(path_lookup(AT_FDCWD, "/proc/thread-self", false, &x) == -ENOENT);
    KEXPECT(path_lookup(AT_FDCWD, "/proc/0", true, &x) == -ENOENT);
    KEXPECT(path_lookup(AT_FDCWD, "/proc/007", true, &x) == -ENOENT);
    KEXPECT(path_lookup(AT_FDCWD, "/proc/31999", true, &x) == -ENOENT);
    KEXPECT(path_lookup(AT_FDCWD, "/proc/nonesuch", true, &x) == -ENOENT);
}

static void publish(struct proc *p, bool on)
{
    spin_lock(&tasklist_lock);
    if (on)
        list_add_tail(&p->all_link, &all_procs);
    else
        list_del(&p->all_link);
    spin_unlock(&tasklist_lock);
}

KTEST(procfs_pid_dirs_through_vfs)
{
    struct proc *p = tp_fake_proc(4244);
    struct thread *t2 = kzalloc(sizeof *t2);
    struct inode *file = tp_make_file("procfs-vfs", 1);
    KEXPECT(p && t2 && file);
    if (!p || !t2 || !file)
        return;
    t2->tid = 4245;
    t2->proc = p;
    t2->state = TASK_RUNNING;
    strlcpy(t2->name, "worker", sizeof t2->name);
    list_add_tail(&t2->thread_link, &p->threads);
    p->nthreads = 2;
    p->mm = mm_create();
    if (p->mm) {
        p->mm->exe = file;
        inode_get(file);
    }
    p->fs = fs_alloc();
    p->files = files_alloc();
    if (p->files)
        p->files->fd[3] = file_alloc(file, O_RDWR);
    publish(p, true);

    KEXPECT(ino_of("/proc/4244", true) == procfs_ino(PK_PID_DIR, 4244, 0));
    struct file *f;
    const char *text = open_text("/proc/4244/status", &f);
    KEXPECT(tp_line(text, "Pid:\t4244\n") && tp_line(text, "Threads:\t2\n"));
    close_text(f);
    text = open_text("/proc/4244/task/4245/status", &f);
    KEXPECT(STARTS(text, "Name:\tworker\n"));
    KEXPECT(tp_line(text, "Pid:\t4245\n") && tp_line(text, "Tgid:\t4244\n"));
    KEXPECT(tp_line(text, "State:\tR (running)\n"));
    close_text(f);
    text = open_text("/proc/4244/task/4245/stat", &f);
    KEXPECT(STARTS(text, "4245 (worker) R ") && tp_count_fields(text) == 52);
    close_text(f);
    text = open_text("/proc/4244/cmdline", &f);
    KEXPECT(f && ((struct procbuf *)f->private)->len == 1);     /* empty, + our NUL */
    close_text(f);

    /* ".." from a directory made on demand goes back up the same way. */
    KEXPECT(ino_of("/proc/4244/task/4245/..", true) == procfs_ino(PK_PID_TASK, 4244, 0));
    KEXPECT(ino_of("/proc/4244/task/4245/../../comm", true) == procfs_ino(PK_PID_COMM, 4244, 0));
    KEXPECT(ino_of("/proc/4244/task/4246", true) == 0);

    /* fd/3, exe and cwd are links that lead to the files themselves. */
    struct inode *link;
    KEXPECT(path_lookup(AT_FDCWD, "/proc/4244/fd/3", false, &link) == 0);
    if (link) {
        KEXPECT(link->mode == (S_IFLNK | 0700) && strcmp(link->symlink, "/tmp/procfs-vfs") == 0);
        inode_put(link);
    }
    KEXPECT(ino_of("/proc/4244/fd/3", true) == file->ino);
    KEXPECT(ino_of("/proc/4244/fd/4", false) == 0);
    KEXPECT(ino_of("/proc/4244/exe", true) == file->ino);
    KEXPECT(ino_of("/proc/4244/cwd", true) == root_inode->ino);

    int n = 0;
    int *ids = procfs_collect_tids(4244, &n);
    KEXPECT(ids && n == 2 && ids[0] == 4244 && ids[1] == 4245);
    kfree(ids);
    ids = procfs_collect_pids(&n);
    bool listed = false;
    for (int i = 0; ids && i < n; i++)
        listed |= ids[i] == 4244;
    KEXPECT(listed);
    kfree(ids);

    /* Inodes made by lookups are all freed again (with the nodes and the
     * references they hold on their directories). */
    size_t before = frame_free_count();
    for (int i = 0; i < 200; i++)
        ino_of("/proc/4244/task/4245/stat", true);
    KEXPECT(frame_free_count() + 1 >= before);

    /* The process goes between lookup and open: ESRCH, as on Linux. */
    struct inode *stat;
    KEXPECT(path_lookup(AT_FDCWD, "/proc/4244/stat", true, &stat) == 0);
    publish(p, false);
    if (stat) {
        KEXPECT(vfs_open(stat, O_RDONLY, &f) == -ESRCH);
        inode_put(stat);
    }
    KEXPECT(ino_of("/proc/4244", true) == 0);
    tp_free_proc(p);
    tp_remove_file("procfs-vfs", file);
}
