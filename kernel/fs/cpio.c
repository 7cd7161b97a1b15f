/*
 * cpio.c: unpack the initramfs, a cpio archive in the "newc" format
 * (what Linux's initramfs uses; tools/mkcpio.c writes it).
 *
 * Each member is a 110-byte header of ASCII hex fields, the path, then
 * the contents, each padded to a multiple of 4 bytes; a member named
 * "TRAILER!!!" ends the archive. Every length is checked against the
 * archive's size: a corrupt archive stops the unpacking with an error.
 */
#include "fs.h"
#include "errno.h"
#include "kprintf.h"
#include "string.h"

#define HEADER_SIZE 110

/* The index-th 8-digit hex field of the header (after the 6-byte magic). */
static int field(const char *h, int index, uint32_t *out)
{
    uint32_t v = 0;
    for (int i = 0; i < 8; i++) {
        char c = h[6 + index * 8 + i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10
              : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (d < 0)
            return -EINVAL;
        v = v << 4 | (uint32_t)d;
    }
    *out = v;
    return 0;
}

/* Create the directory path[0..n) (relative to root) and its parents as
 * needed. */
static int make_dirs(struct inode *root, const char *path, size_t n)
{
    char buf[PATH_MAX];
    if (n >= sizeof buf)
        return -ENAMETOOLONG;
    memcpy(buf, path, n);
    buf[n] = '\0';
    for (size_t i = 1; i <= n; i++) {
        if (buf[i] != '/' && buf[i] != '\0')
            continue;
        char saved = buf[i];
        buf[i] = '\0';
        struct inode *dir;
        char name[NAME_MAX + 1];
        int err = path_parent_at(root, buf, &dir, name);
        if (!err) {
            err = dir->iops->mkdir(dir, name, 0755);
            inode_put(dir);
        }
        if (err && err != -EEXIST)
            return err;
        buf[i] = saved;
    }
    return 0;
}

/* Member 'path' (relative to root, as newc stores it: "bin/sh"). */
static int unpack_one(struct inode *root, const char *path, uint32_t mode, const char *data,
                      uint32_t size)
{
    if (S_ISDIR(mode))
        return make_dirs(root, path, strlen(path));

    const char *slash = strrchr(path, '/');
    if (slash) {                            /* make sure the parent exists */
        int err = make_dirs(root, path, (size_t)(slash - path));
        if (err)
            return err;
    }
    struct inode *dir;
    char base[NAME_MAX + 1];
    int err = path_parent_at(root, path, &dir, base);
    if (err)
        return err;
    if (S_ISLNK(mode)) {
        char target[PATH_MAX];
        if (size >= sizeof target) {
            inode_put(dir);
            return -ENAMETOOLONG;
        }
        memcpy(target, data, size);
        target[size] = '\0';
        err = dir->iops->symlink(dir, base, target);
    } else if (S_ISREG(mode)) {
        struct inode *file;
        dir->iops->unlink(dir, base);       /* a later member replaces an earlier one */
        err = dir->iops->create(dir, base, mode & 07777, &file);
        if (!err) {
            long n = pagecache_write_kernel(file, data, size, 0);
            err = n < 0 ? (int)n : (n == (long)size ? 0 : -ENOSPC);
            inode_put(file);
        }
    }
    inode_put(dir);
    return err;
}

int cpio_unpack(const void *archive, size_t len, struct inode *root)
{
    const char *a = archive;
    size_t off = 0;
    while (off + HEADER_SIZE <= len) {
        const char *h = a + off;
        if (memcmp(h, "070701", 6) != 0 && memcmp(h, "070702", 6) != 0)
            return -EINVAL;
        uint32_t mode, size, namesize;
        if (field(h, 1, &mode) || field(h, 6, &size) || field(h, 11, &namesize))
            return -EINVAL;
        size_t name_off = off + HEADER_SIZE;
        if (namesize == 0 || namesize > PATH_MAX || name_off + namesize > len ||
            a[name_off + namesize - 1] != '\0')
            return -EINVAL;
        const char *name = a + name_off;
        size_t data_off = (name_off + namesize + 3) & ~3ul;
        if (data_off + size > len || data_off + size < data_off)
            return -EINVAL;
        if (strcmp(name, "TRAILER!!!") == 0)
            return 0;
        if (strcmp(name, ".") != 0) {
            int err = unpack_one(root, name, mode, a + data_off, size);
            if (err)
                kprintf("initramfs: %s: error %d\n", name, err);
        }
        off = (data_off + size + 3) & ~3ul;
    }
    return -EINVAL;                         /* no trailer: truncated */
}
