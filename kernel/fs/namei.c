/*
 * namei.c: turning a path into an inode ("name to inode", Linux's name).
 *
 * The walk starts at the root for an absolute path and at the working
 * directory (or a directory descriptor, for the *at() calls) otherwise,
 * and looks each component up in the directory reached so far:
 *
 *      "."   stays;  ".."  goes to the parent (never above the root);
 *      a directory with a file system mounted on it is replaced by that
 *      file system's root; a symbolic link is followed (at most
 *      MAX_LINK_DEPTH deep, then ELOOP).
 */
#include "fs.h"
#include "errno.h"
#include "kmalloc.h"
#include "proc.h"
#include "string.h"

struct inode *root_inode;

int getname(const char __user *upath, char *buf)
{
    long n = strncpy_from_user(buf, upath, PATH_MAX);
    if (n < 0)
        return (int)n;              /* -EFAULT or -ENAMETOOLONG */
    return n == 0 ? -ENOENT : 0;    /* "" names nothing */
}

/* The directory relative paths start from: the cwd or dirfd's inode
 * (dirfd == AT_BASE_INODE: *out already holds it, unreferenced). */
static int start_dir(int dirfd, const char *path, struct inode **out)
{
    if (dirfd == AT_BASE_INODE && path[0] != '/') {
        inode_get(*out);
        return 0;
    }
    if (path[0] == '/') {
        inode_get(root_inode);
        *out = root_inode;
        return 0;
    }
    if (dirfd == AT_FDCWD) {
        struct fs_struct *fs = current_proc()->fs;
        spin_lock(&fs->lock);
        *out = fs->cwd;
        inode_get(*out);
        spin_unlock(&fs->lock);
        return 0;
    }
    struct file *f = fget(dirfd);
    if (!f)
        return -EBADF;
    if (!S_ISDIR(f->inode->mode)) {
        file_put(f);
        return -ENOTDIR;
    }
    *out = f->inode;
    inode_get(*out);
    file_put(f);
    return 0;
}

static struct inode *parent_of(struct inode *dir)
{
    while (dir->covered)            /* the root of a mount: up from its mount point */
        dir = dir->covered;
    return dir->parent ? dir->parent : dir;
}

static int walk(struct inode *cur, const char *path, bool follow, int depth, struct inode **out);

/* Step from dir into 'name'. Consumes the reference to dir. */
static int step(struct inode *dir, const char *name, bool last, bool follow, int depth,
                struct inode **out)
{
    if (!S_ISDIR(dir->mode)) {
        inode_put(dir);
        return -ENOTDIR;
    }
    if (strcmp(name, ".") == 0) {
        *out = dir;
        return 0;
    }
    if (strcmp(name, "..") == 0) {
        struct inode *up = dir == root_inode ? dir : parent_of(dir);
        inode_get(up);
        inode_put(dir);
        *out = up;
        return 0;
    }
    struct inode *next = dir->iops && dir->iops->lookup ? dir->iops->lookup(dir, name) : NULL;
    if (!next) {
        inode_put(dir);
        return -ENOENT;
    }
    while (next->mounted) {         /* into the mounted file system */
        struct inode *root = next->mounted;
        inode_get(root);
        inode_put(next);
        next = root;
    }
    if (S_ISLNK(next->mode) && (!last || follow)) {
        if (depth >= MAX_LINK_DEPTH) {
            inode_put(next);
            inode_put(dir);
            return -ELOOP;
        }
        /* Continue from the link's directory with its target. The link
         * stays referenced until then: its target string is freed with it
         * (a /proc/self link lives only as long as this lookup). */
        int err = walk(dir, next->symlink, true, depth + 1, out);
        inode_put(next);
        return err;
    }
    inode_put(dir);
    *out = next;
    return 0;
}

/* Walk 'path' from cur (whose reference is consumed). */
static int walk(struct inode *cur, const char *path, bool follow, int depth, struct inode **out)
{
    if (path[0] == '/') {
        inode_put(cur);
        cur = root_inode;
        inode_get(cur);
    }
    char name[NAME_MAX + 1];
    const char *p = path;
    for (;;) {
        while (*p == '/')
            p++;
        if (*p == '\0')
            break;
        const char *start = p;
        while (*p && *p != '/')
            p++;
        size_t len = (size_t)(p - start);
        if (len > NAME_MAX) {
            inode_put(cur);
            return -ENAMETOOLONG;
        }
        memcpy(name, start, len);
        name[len] = '\0';
        const char *rest = p;
        while (*rest == '/')
            rest++;
        bool last = *rest == '\0';
        /* "name/" must be a directory: follow links through it. */
        int err = step(cur, name, last, follow || *p == '/', depth, &cur);
        if (err)
            return err;
    }
    if (path[strlen(path) - 1] == '/' && !S_ISDIR(cur->mode)) {
        inode_put(cur);
        return -ENOTDIR;
    }
    *out = cur;
    return 0;
}

int path_lookup_at(struct inode *base, const char *path, bool follow, struct inode **out)
{
    *out = base;
    return path_lookup(AT_BASE_INODE, path, follow, out);
}

int path_parent_at(struct inode *base, const char *path, struct inode **dir, char *name)
{
    *dir = base;
    return path_parent(AT_BASE_INODE, path, dir, name);
}

int path_lookup(int dirfd, const char *path, bool follow, struct inode **out)
{
    if (path[0] == '\0')
        return -ENOENT;
    struct inode *start = *out;
    int err = start_dir(dirfd, path, &start);
    if (err)
        return err;
    return walk(start, path, follow, 0, out);
}

int path_parent(int dirfd, const char *path, struct inode **dir, char *name)
{
    size_t len = strlen(path);
    if (len == 0)
        return -ENOENT;
    while (len > 1 && path[len - 1] == '/')
        len--;                      /* "a/b/" names b */
    size_t slash = len;
    while (slash > 0 && path[slash - 1] != '/')
        slash--;
    size_t namelen = len - slash;
    if (namelen > NAME_MAX)
        return -ENAMETOOLONG;
    if (namelen == 0 || (namelen == 1 && path[slash] == '/')) {
        strlcpy(name, "/", NAME_MAX + 1);   /* "/" itself: callers say EBUSY, EEXIST... */
        namelen = 1;
    } else {
        memcpy(name, path + slash, namelen);
        name[namelen] = '\0';
    }

    struct inode *start = *dir;         /* the base inode, for AT_BASE_INODE */
    char *head = kmalloc(slash + 2);
    if (!head)
        return -ENOMEM;
    memcpy(head, path, slash);
    head[slash] = '\0';
    if (slash == 0)
        strlcpy(head, ".", 2);
    int err = start_dir(dirfd, path, &start);
    if (!err)
        err = walk(start, head, true, 0, dir);
    kfree(head);
    if (!err && !S_ISDIR((*dir)->mode)) {
        inode_put(*dir);
        return -ENOTDIR;
    }
    return err;
}
