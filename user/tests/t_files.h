/*
 * t_files.h: the scratch directory of the files_* programs, and small
 * questions about the files in it.
 *
 * files_setup() makes /tmp/files.PID (base) and sets the umask to 022;
 * P("name") is base/name; files_cleanup() removes the whole tree.
 */
#ifndef WEFT_T_FILES_H
#define WEFT_T_FILES_H

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "t.h"

#define MIB (1024 * 1024)

/* BADP: unmapped user memory; KBADP: the kernel's half. */
#define BADP ((char *)8)
#define KBADP ((char *)0xffffffff80100000ul)

static char base[64];                   /* /tmp/files.PID */

/* base/name, in one of a few rotating buffers. */
static inline const char *P(const char *name)
{
    static char bufs[8][600];
    static int i;
    char *b = bufs[i++ % 8];
    snprintf(b, sizeof bufs[0], "%s/%s", base, name);
    return b;
}

/* Make base; 0, or -1 after a failure line for the suite. */
static inline int files_setup(void)
{
    snprintf(base, sizeof base, "/tmp/files.%d", getpid());
    if (mkdir(base, 0755) != 0) {
        printf("TEST FAIL user/%s/setup: mkdir %s: %s\n", t_suite, base, strerror(errno));
        return -1;
    }
    umask(022);
    return 0;
}

/* rm -r, in passes until the directory is gone (a pass that unlinks as
 * it reads may miss names if readdir skips: files_dir.c,
 * readdir_while_unlinking). */
static inline void remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (!S_ISDIR(st.st_mode)) {
        unlink(path);
        return;
    }
    for (int pass = 0; pass < 20 && rmdir(path) != 0 && errno == ENOTEMPTY; pass++) {
        DIR *d = opendir(path);
        struct dirent *e;
        char sub[PATH_MAX];
        while (d && (e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            if (snprintf(sub, sizeof sub, "%s/%s", path, e->d_name) < (int)sizeof sub)
                remove_tree(sub);
        }
        if (d)
            closedir(d);
    }
}

/* Remove base and everything in it. */
static inline void files_cleanup(void)
{
    remove_tree(base);
}

/* Create (or empty) path with text in it; 0 or -1. */
static inline int make_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return -1;
    size_t n = strlen(text);
    int ok = write(fd, text, n) == (ssize_t)n;
    close(fd);
    return ok ? 0 : -1;
}

/* The whole (small) file as a string; "" if it cannot be read. */
static inline const char *contents(const char *path)
{
    static char buf[4096];
    buf[0] = '\0';
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return "<cannot open>";
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n > 0 ? n : 0] = '\0';
    return buf;
}

/* st_size of path, or -1. */
static inline long long size_of(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long long)st.st_size : -1;
}

/* st_ino of path, or 0. */
static inline unsigned long long ino_of(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (unsigned long long)st.st_ino : 0;
}

/* st_nlink of path, or -1. */
static inline long nlink_of(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_nlink : -1;
}

/* Is there anything (a dangling link too) at path? */
static inline int exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

/* n bytes of a pseudo-random stream (xorshift) chosen by seed. */
static inline void fill_random(char *buf, size_t n, uint64_t seed)
{
    uint64_t x = seed * 2654435761u + 1;
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        buf[i] = (char)x;
    }
}

#endif
