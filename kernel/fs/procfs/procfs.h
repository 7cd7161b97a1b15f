/*
 * procfs.h: the inside of /proc (fs/procfs/), shared by its files and by
 * the self tests (test/test_procfs.c).
 *
 * /proc is a file system with no stored files at all: every directory
 * listing and every file's text is made up, when asked for, from the
 * kernel's own structures (struct proc, struct thread, struct mm, the
 * per-CPU counters). That is how `ps` and `top` learn everything they
 * print on Linux, and /proc here uses Linux's names and formats so that
 * what a student reads on weft reads the same there.
 *
 * Three ideas carry the whole file system:
 *
 *  1. Inodes are made on demand. Looking up "stat" in /proc/12 makes a
 *     fresh inode whose procfs_node (inode->private) says "the stat file
 *     of process 12". Nothing is kept when nobody uses it: the last
 *     inode_put() frees the inode and its node (procfs_evict). The inode
 *     number is computed from (kind, pid, tid/fd), so stat() gives the
 *     same st_ino every time, though the inode is a new one each time.
 *
 *  2. A text file is generated whole when it is opened, into a growable
 *     buffer (struct procbuf, pb_printf), and read() serves bytes from
 *     that snapshot (Linux's seq_file "single_open"). The generators
 *     ("show" functions) only fill a kernel buffer, so the self tests can
 *     call them directly.
 *
 *  3. A process can vanish at any moment. Generators run with
 *     tasklist_lock and p->lock held (procfs_show_task_file), which keeps
 *     the struct proc and its threads from being freed; a process that is
 *     gone by the time its file is opened gives ESRCH. No spinlock is ever
 *     held across copy_to_user (a fault there may sleep).
 */
#ifndef WEFT_PROCFS_H
#define WEFT_PROCFS_H

#include "fs.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct proc;
struct thread;
struct mm;

/* ---- procbuf.c: a growable text buffer ----------------------------------- */

struct procbuf {
    char *buf;
    size_t len;         /* bytes written */
    size_t cap;         /* bytes allocated */
    int error;          /* -ENOMEM once an allocation failed: the text is cut */
};

void pb_init(struct procbuf *pb);
void pb_free(struct procbuf *pb);
void pb_putc(struct procbuf *pb, char c);
void pb_write(struct procbuf *pb, const void *data, size_t n);
void pb_printf(struct procbuf *pb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Spaces until the line begun at line_start (an earlier pb->len) is 'width'
 * long, then one more: Linux's seq_pad(), which lines up maps' paths. */
void pb_pad_to(struct procbuf *pb, size_t line_start, size_t width);

/* ---- node.c: procfs inodes --------------------------------------------------- */

/* What each kind of file is, for inode numbers (stable across lookups). */
enum procfs_kind {
    PK_ROOT = 1,
    /* /proc/NAME */
    PK_MEMINFO, PK_STAT, PK_WEFT, PK_INTERRUPTS, PK_UPTIME, PK_LOADAVG,
    PK_VERSION, PK_CPUINFO, PK_MOUNTS, PK_SELF, PK_THREAD_SELF,
    /* /proc/PID and its files */
    PK_PID_DIR, PK_PID_STAT, PK_PID_STATUS, PK_PID_CMDLINE, PK_PID_COMM,
    PK_PID_WCHAN, PK_PID_ENVIRON, PK_PID_MAPS, PK_PID_PAGEMAP, PK_PID_TASK,
    PK_PID_FD, PK_PID_EXE, PK_PID_CWD,
    /* /proc/PID/task/TID and its files */
    PK_TID_DIR, PK_TID_STAT, PK_TID_STATUS, PK_TID_COMM, PK_TID_WCHAN,
    /* /proc/PID/fd/N */
    PK_FD_LINK,
};

/* One name in a procfs directory: a row of the tables in root.c and
 * base.c, like Linux's struct pid_entry. */
struct procfs_entry {
    const char *name;
    uint32_t mode;                              /* S_IFREG | 0444, S_IFDIR | 0555 ... */
    enum procfs_kind kind;
    const struct inode_operations *iops;        /* directories; NULL for files */
    const struct file_operations *fops;
    /* Text files: what builds the contents (one of the two). */
    int (*show)(struct procbuf *pb);                                    /* /proc/NAME */
    int (*show_task)(struct procbuf *pb, struct proc *p, struct thread *t); /* PID files */
};

/* inode->private of every procfs inode. */
struct procfs_node {
    const struct procfs_entry *entry;
    int pid;            /* the process, 0 for system-wide files */
    int tid;            /* the thread of /proc/PID/task/TID/..., else 0 */
    int fd;             /* the descriptor of /proc/PID/fd/N, else -1 */
    struct inode *dir;  /* the directory it was found in, referenced */
};

static inline struct procfs_node *PROCFS_NODE(struct inode *inode)
{
    return inode->private;
}

uint64_t procfs_ino(enum procfs_kind kind, int pid, int sub);
/* A new inode for entry e of process pid (thread tid, descriptor fd),
 * under directory parent (which it keeps referenced, for ".."). */
struct inode *procfs_make_inode(const struct procfs_entry *e, struct inode *parent,
                                int pid, int tid, int fd);
/* A symbolic link whose target is made now (/proc/self, fd/N). */
struct inode *procfs_make_link(const struct procfs_entry *e, struct inode *parent,
                               int pid, int tid, int fd, const char *target);
extern const struct inode_operations procfs_file_iops;
/* Every procfs inode_operations has .evict = procfs_evict: it frees the
 * node and drops the directory reference when the inode goes. */
void procfs_evict(struct inode *inode);
int procfs_get_name(struct inode *inode, char *buf, size_t size);

/* ---- textfile.c: generated text files ------------------------------------------- */

extern const struct file_operations procfs_text_fops;
extern const struct file_operations procfs_comm_fops;     /* writable: renames a thread */
/* Find process pid (and thread tid, if not 0), lock them, run show, unlock.
 * -ESRCH if either is gone. */
int procfs_show_task_file(struct procbuf *pb, int pid, int tid,
                          int (*show)(struct procbuf *, struct proc *, struct thread *));
/* Does process pid (thread tid) exist now? (for lookups) */
bool procfs_task_exists(int pid, int tid);

/* ---- dirent.c: directory listings ------------------------------------------------ */

/* Emit ".", ".." and a table of entries: f->pos 0, 1, then 2 .. n+1. */
bool dir_emit_table(struct file *f, struct dir_emitter *de, const struct procfs_entry *tab,
                    int n, int pid, int tid);
/* Emit one entry per id (ascending, from 0): f->pos PROCFS_ID_POS + id. The inode
 * number is procfs_ino(kind, id, 0) when pid is 0, else (kind, pid, id). */
#define PROCFS_ID_POS 1024
bool dir_emit_ids(struct file *f, struct dir_emitter *de, const int *ids, int n,
                  enum procfs_kind kind, int pid, uint32_t mode);
/* Ids in ascending order, in a kmalloc'd array (NULL if none or no
 * memory): the pids of the processes not yet reaped, or the tids of
 * process pid's threads. */
int *procfs_collect_pids(int *count);
int *procfs_collect_tids(int pid, int *count);
int procfs_parse_id(const char *name);     /* "123" -> 123, else -1 */

/* ---- root.c, base.c, fd.c: the directories ------------------------------------ */

extern const struct inode_operations procfs_pid_dir_iops, procfs_task_dir_iops,
    procfs_tid_dir_iops, procfs_fd_dir_iops;
extern const struct file_operations procfs_pid_dir_fops, procfs_task_dir_fops,
    procfs_tid_dir_fops, procfs_fd_dir_fops, procfs_pagemap_fops;
extern const struct procfs_entry procfs_pid_dir_entry;
/* fd.c: /proc/PID/exe or cwd (e says which), pointing where it is now. */
struct inode *procfs_pid_link(const struct procfs_entry *e, struct inode *dir, int pid);

/* ---- path.c: names of files -------------------------------------------------------- */

/* The absolute path of inode, searched for from the root (weft keeps no
 * names with inodes); 0, or -ENOENT if it has none in the tree. */
int procfs_inode_path(struct inode *inode, char *buf, size_t size);

/* ---- task.c, mmstat.c: what stat and status both report ------------------------- */

struct task_info {
    struct thread *thread;      /* the thread described (the leader for a process) */
    char state;                 /* R S D T Z X */
    int pid, tgid, ppid, pgid, sid, tty_nr, tpgid, nice, nthreads;
    uint64_t utime, stime;      /* ticks */
    uint64_t start_time_ns;
    uint64_t nvcsw, nivcsw;     /* voluntary / involuntary context switches */
    uint64_t sig_pending, sig_shared, sig_blocked, sig_ignored, sig_caught;
    const char *wchan;          /* what it sleeps on, or NULL */
    bool exiting;
};
/* Of process p (t NULL) or its thread t; with tasklist_lock and p->lock. */
void procfs_task_info(struct proc *p, struct thread *t, struct task_info *ti);
const char *procfs_state_name(char state);     /* 'S' -> "S (sleeping)" */

/* Memory use of an address space, in bytes (sizes) and pages (resident). */
struct mm_usage {
    uint64_t total_vm, data_vm, stack_vm, exec_vm, text;   /* bytes */
    uint64_t rss, hiwater_rss, rss_file, rss_anon, rss_shmem;  /* pages */
    uint64_t pt_pages;          /* page-table frames below the top level */
};
void procfs_mm_usage(struct mm *mm, struct mm_usage *u);  /* takes mm->lock */

/* ---- the generators ------------------------------------------------------------------- */

/* Per process (t NULL) or per thread; called with tasklist_lock and p->lock. */
int procfs_show_stat(struct procbuf *pb, struct proc *p, struct thread *t);
int procfs_show_status(struct procbuf *pb, struct proc *p, struct thread *t);
int procfs_show_cmdline(struct procbuf *pb, struct proc *p, struct thread *t);
int procfs_show_comm(struct procbuf *pb, struct proc *p, struct thread *t);
int procfs_show_wchan(struct procbuf *pb, struct proc *p, struct thread *t);
int procfs_show_environ(struct procbuf *pb, struct proc *p, struct thread *t);
int procfs_show_maps(struct procbuf *pb, struct proc *p, struct thread *t);
int procfs_show_mm_maps(struct procbuf *pb, struct mm *mm);    /* takes mm->lock */

/* System-wide files. */
int procfs_show_meminfo(struct procbuf *pb);
int procfs_show_kstat(struct procbuf *pb);        /* /proc/stat */
int procfs_show_uptime(struct procbuf *pb);
int procfs_show_loadavg(struct procbuf *pb);
int procfs_show_weft(struct procbuf *pb);
int procfs_show_interrupts(struct procbuf *pb);
int procfs_show_version(struct procbuf *pb);
int procfs_show_cpuinfo(struct procbuf *pb);
int procfs_show_mounts(struct procbuf *pb);

/* kstat.c: where the CPUs' time went, in ticks (shared by stat and uptime). */
struct cpu_times {
    uint64_t user, system, idle;
};
void procfs_cpu_times(struct cpu_times *total);

/* pagemap.c: the 64-bit entry for one page (exposed for the tests). */
uint64_t procfs_pagemap_entry(struct mm *mm, uint64_t va);

#endif
