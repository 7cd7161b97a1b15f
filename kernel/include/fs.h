/*
 * fs.h: the virtual file system (fs/).
 *
 * The VFS is the layer every file operation goes through. It knows three
 * objects, with Linux's names:
 *
 *   struct inode   a file, directory or device: its type, size, owner and
 *                  the operations that work on it. Regular files keep their
 *                  contents in the page cache: inode->pages[i] is the frame
 *                  holding bytes [i*4096, (i+1)*4096). read(), write() and
 *                  mmap() all use those same frames (claim A5).
 *   struct file    an open file: an inode, a position, the open flags.
 *                  fork() and dup() share one struct file between
 *                  descriptors, so they share the position too.
 *   file descriptor  a small integer indexing the process's table of
 *                  struct file pointers (struct files_struct).
 *
 * File systems: ramfs (the writable root, unpacked from the initramfs),
 * devfs-style device inodes in /dev, and procfs on /proc.
 */
#ifndef WEFT_FS_H
#define WEFT_FS_H

#include "list.h"
#include "spinlock.h"
#include "uaccess.h"
#include "wait.h"
#include "weft/fcntl.h"
#include "weft/stat.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NAME_MAX    255
#define PATH_MAX    4096
#define NR_OPEN     256         /* descriptors per process */
#define MAX_LINK_DEPTH 8

struct inode;
struct file;
struct page;
struct pollfd;
struct iovec;
struct poll_table;
struct wait_queue;

/* Operations on an inode as a name space entry (directories) or as a
 * whole (evict). NULL entries mean "not supported here". */
struct inode_operations {
    /* Find 'name' in dir; a referenced inode, or NULL. */
    struct inode *(*lookup)(struct inode *dir, const char *name);
    /* Make a new regular file / directory called name in dir. */
    int (*create)(struct inode *dir, const char *name, uint32_t mode, struct inode **out);
    int (*mkdir)(struct inode *dir, const char *name, uint32_t mode);
    int (*unlink)(struct inode *dir, const char *name);
    int (*rmdir)(struct inode *dir, const char *name);
    int (*rename)(struct inode *olddir, const char *oldname, struct inode *newdir,
                  const char *newname);
    int (*link)(struct inode *dir, const char *name, struct inode *target);
    int (*symlink)(struct inode *dir, const char *name, const char *target);
    /* Its own name in its parent directory, for file systems whose
     * directories are not lists of names (procfs); getcwd uses it. */
    int (*get_name)(struct inode *inode, char *buf, size_t size);
    /* The last reference is gone and the inode is about to be freed:
     * release what the file system hung on it (procfs: inode->private). */
    void (*evict)(struct inode *inode);
};

/* Operations on an open file. Offsets are the file's position unless the
 * call says otherwise (pread). Return bytes or a negative errno. */
struct file_operations {
    long (*read)(struct file *f, char __user *buf, size_t len, uint64_t *off);
    long (*write)(struct file *f, const char __user *buf, size_t len, uint64_t *off);
    long (*ioctl)(struct file *f, unsigned long cmd, unsigned long arg);
    /* writev, when the pieces must go in together (pipes: atomicity).
     * iov is a kernel copy of the array; its bases are user addresses. */
    long (*writev)(struct file *f, const struct iovec *iov, int count, uint64_t *off);
    /* Which of POLLIN/POLLOUT/... are true now; register on the wait
     * queue(s) that signal a change through 'table' if it is not NULL. */
    unsigned (*poll)(struct file *f, struct poll_table *table);
    /* getdents64: from f->pos on, dir_emit() each entry into buf. */
    long (*readdir)(struct file *f, char __user *buf, size_t len);
    int (*open)(struct inode *inode, struct file *f);
    void (*release)(struct file *f);
};

struct inode {
    uint64_t ino;
    uint32_t mode;              /* S_IFREG | 0644 ... */
    uint32_t nlink;             /* names pointing at it */
    uint32_t uid, gid;
    uint64_t size;
    uint64_t rdev;              /* device number, for device inodes */
    uint64_t atime_ns, mtime_ns, ctime_ns;
    int refcount;               /* in-memory users: names, files, maps, cwds */
    const struct inode_operations *iops;
    const struct file_operations *fops;
    struct spinlock lock;

    /* Page cache of a regular file: pages[i] holds file page i, or NULL. */
    struct page **pages;
    uint64_t pages_cap;         /* entries in the array */

    /* Directories. */
    struct list_head entries;   /* struct dentry, for ramfs directories */
    uint64_t dir_cookie;        /* the last cookie given to an entry (readdir positions) */
    struct inode *parent;       /* for ".." */
    struct inode *mounted;      /* the root of a file system mounted here */
    struct inode *covered;      /* for a mounted root: the directory under it */

    char *symlink;              /* target of a symbolic link (inode_set_symlink) */
    void *private;              /* the file system's or device's own data */
};

/* A name in a ramfs directory. */
struct dentry {
    char name[NAME_MAX + 1];
    struct inode *inode;
    uint64_t cookie;            /* its readdir position, never reused in the directory */
    struct list_head link;      /* in the directory's entries */
};

struct file {
    int refcount;               /* descriptors (and fork/dup copies) using it */
    struct inode *inode;
    uint64_t pos;
    uint32_t flags;             /* O_RDONLY/O_WRONLY/O_RDWR | O_APPEND | O_NONBLOCK ... */
    const struct file_operations *fops;
    void *private;              /* the pipe, or a /proc file's text */
};

struct files_struct {
    int refcount;               /* processes sharing it (CLONE_FILES) */
    struct spinlock lock;
    struct file *fd[NR_OPEN];
    uint64_t cloexec[NR_OPEN / 64];
};

struct fs_struct {
    int refcount;               /* processes sharing it (CLONE_FS) */
    struct spinlock lock;
    struct inode *cwd;
    uint32_t umask;
};

/* poll support: a file's poll() calls poll_wait() for each wait queue
 * whose wake_up means "check me again" (fs/poll.c). */
#define POLL_MAX_QUEUES 64
struct poll_table {
    int count;
    struct wait_queue *queues[POLL_MAX_QUEUES];
    struct wait_entry entries[POLL_MAX_QUEUES];
    /* Each queue lives in some file's private data (a pipe): the table
     * holds a reference to that file until it leaves the queue, so that
     * another thread closing the file cannot free the queue under us. */
    struct file *files[POLL_MAX_QUEUES];
    struct file *polling;       /* the file whose ->poll is running */
};
void poll_wait(struct poll_table *pt, struct wait_queue *wq);

/* fs/inode.c */
struct inode *inode_alloc(uint32_t mode);
void inode_get(struct inode *inode);
void inode_put(struct inode *inode);        /* frees when unused and unlinked */
void inode_touch(struct inode *inode, bool modify);
/* Make a symbolic link of inode: a copy of target, which path lookup
 * follows and readlink returns. 0 or -ENOMEM. */
int inode_set_symlink(struct inode *inode, const char *target);

/* fs/pagecache.c: the page cache of regular files */
/* The page holding file page 'index', referenced; created zero-filled if
 * 'create'. NULL if absent (or no memory). */
struct page *pagecache_get(struct inode *inode, uint64_t index, bool create);
long pagecache_read(struct inode *inode, char __user *buf, size_t len, uint64_t off);
long inode_read_kernel(struct inode *inode, void *buf, size_t len, uint64_t off);
long pagecache_write(struct inode *inode, const char __user *buf, size_t len, uint64_t off);
long pagecache_write_kernel(struct inode *inode, const void *buf, size_t len, uint64_t off);
int pagecache_truncate(struct inode *inode, uint64_t size);
void pagecache_release(struct inode *inode);    /* the inode's last reference went */
uint64_t pagecache_total(void);             /* pages, for /proc/meminfo Cached */

/* fs/namei.c: path lookup */
/* Resolve path relative to dirfd (AT_FDCWD: the cwd). Follows symlinks
 * in the last component if 'follow'. A referenced inode or an error. */
int path_lookup(int dirfd, const char *path, bool follow, struct inode **out);
/* Resolve all but the last component: the parent directory (referenced)
 * and the last name (copied into name, NAME_MAX+1 bytes). */
int path_parent(int dirfd, const char *path, struct inode **dir, char *name);
/* The same, relative to directory 'base' rather than a descriptor. */
int path_lookup_at(struct inode *base, const char *path, bool follow, struct inode **out);
int path_parent_at(struct inode *base, const char *path, struct inode **dir, char *name);
#define AT_BASE_INODE (-1000)           /* kernel-internal dirfd: "the inode passed in" */
/* Copy a path from user space: 0, -EFAULT, -ENAMETOOLONG, -ENOENT (""). */
int getname(const char __user *upath, char *buf);
/* The same into a fresh PATH_MAX buffer the caller kfree()s. */
int user_path(const char __user *upath, char **out);
/* Copy a user path and look it up: the inode, referenced. */
int user_path_lookup(int dirfd, const char __user *upath, bool follow, struct inode **out);
extern struct inode *root_inode;

/* fs/file.c: open files and descriptors */
struct file *file_alloc(struct inode *inode, uint32_t flags);
void file_get(struct file *f);
void file_put(struct file *f);
struct file *fget(int fd);                  /* referenced, or NULL */
int fd_install(struct file *f, int min_fd, bool cloexec);   /* lowest free fd >= min_fd */
int fd_install_at(struct file *f, int newfd, bool cloexec);
int fd_close(int fd);
bool fd_get_cloexec(int fd);
void fd_set_cloexec(int fd, bool on);
struct files_struct *files_alloc(void);
struct files_struct *files_dup(struct files_struct *old);
void files_put(struct files_struct *files);
void files_close_on_exec(struct files_struct *files);
struct fs_struct *fs_alloc(void);
struct fs_struct *fs_dup(struct fs_struct *old);
void fs_put(struct fs_struct *fs);

/* fs/readdir.c: the records a readdir writes (struct linux_dirent64). */
struct dir_emitter {
    char __user *buf;
    size_t len, used;
    bool full;          /* a record did not fit */
    int error;
};
/* Append one record; false (and nothing written) when it does not fit or
 * the copy faulted. next_pos is where a getdents64 after it resumes. */
bool dir_emit(struct dir_emitter *de, const char *name, uint64_t ino, uint32_t mode,
              int64_t next_pos);
/* What readdir returns: the bytes written, or the error if none were. */
long dir_result(struct dir_emitter *de);

/* fs/open.c */
int vfs_open(struct inode *inode, uint32_t flags, struct file **out);
int do_open(int dirfd, const char *path, uint32_t flags, uint32_t mode, struct file **out);

/* fs/ramfs.c */
struct inode *ramfs_create_root(void);
int ramfs_mknod(struct inode *dir, const char *name, uint32_t mode,
                const struct file_operations *fops, void *private);
extern const struct inode_operations ramfs_dir_iops;
extern const struct file_operations ramfs_file_fops, ramfs_dir_fops;

/* fs/cpio.c: unpack the initramfs into the root. */
int cpio_unpack(const void *archive, size_t len, struct inode *root);

/* fs/stat.c */
void inode_stat(struct inode *inode, struct stat *st);

/* fs/mount.c */
void vfs_init(void);
int vfs_mount(const char *path, struct inode *fs_root);

/* fs/devices.c: /dev */
void devices_init(struct inode *dev_dir);

/* fs/procfs/ */
struct inode *procfs_create_root(void);

#endif
