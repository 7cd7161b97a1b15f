/*
 * mkcpio: pack directory trees into a cpio archive in the "newc" format,
 * the initramfs format Linux uses (and weft's fs/cpio.c reads).
 *
 *      mkcpio OUT.cpio DIR [DIR ...]
 *
 * Each DIR's contents are stored relative to DIR, so DIR/bin/sh becomes
 * "bin/sh". When two trees hold the same path, the later one wins (that is
 * how ROOTFS_EXTRA adds to or replaces files of the built root tree).
 * Owners are root and times are 0, so the archive depends only on the
 * files. Host tool: built with the host compiler, not part of the kernel.
 *
 * newc format: for each file a 110-byte ASCII header of 13 eight-digit hex
 * fields, the name (NUL-terminated, padded to 4 bytes), the data (padded
 * to 4 bytes); a last entry named "TRAILER!!!" ends the archive.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct entry {
    char *path;         /* inside the archive, e.g. "bin/sh" */
    char *source;       /* on the host */
    mode_t mode;
};

static struct entry *entries;
static size_t nentries, capacity;

static void add(const char *path, const char *source, mode_t mode)
{
    for (size_t i = 0; i < nentries; i++) {
        if (strcmp(entries[i].path, path) == 0) {   /* later trees win */
            free(entries[i].source);
            entries[i].source = strdup(source);
            entries[i].mode = mode;
            return;
        }
    }
    if (nentries == capacity) {
        capacity = capacity ? capacity * 2 : 64;
        entries = realloc(entries, capacity * sizeof *entries);
        if (!entries) {
            perror("mkcpio");
            exit(1);
        }
    }
    entries[nentries++] = (struct entry){ strdup(path), strdup(source), mode };
}

static void walk(const char *root, const char *rel)
{
    char dirpath[4096];
    snprintf(dirpath, sizeof dirpath, "%s/%s", root, rel);
    DIR *d = opendir(dirpath);
    if (!d) {
        perror(dirpath);
        exit(1);
    }
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        char path[4096], source[8192];
        snprintf(path, sizeof path, "%s%s%s", rel, *rel ? "/" : "", de->d_name);
        snprintf(source, sizeof source, "%s/%s", root, path);
        struct stat st;
        if (stat(source, &st) < 0) {
            perror(source);
            exit(1);
        }
        if (S_ISDIR(st.st_mode)) {
            add(path, source, S_IFDIR | 0755);
            walk(root, path);
        } else if (S_ISREG(st.st_mode)) {
            add(path, source, S_IFREG | (st.st_mode & 0777));
        }
    }
    closedir(d);
}

static int by_path(const void *a, const void *b)
{
    return strcmp(((const struct entry *)a)->path, ((const struct entry *)b)->path);
}

static void pad4(FILE *out, long n)
{
    while (n++ % 4)
        fputc(0, out);
}

static void emit(FILE *out, unsigned ino, const char *name, mode_t mode, const char *data,
                 size_t size)
{
    size_t namesize = strlen(name) + 1;
    fprintf(out, "070701%08X%08X%08X%08X%08X%08X%08zX%08X%08X%08X%08X%08zX%08X", ino,
            (unsigned)mode, 0u, 0u, (mode & S_IFDIR) ? 2u : 1u, 0u, size, 0u, 0u, 0u, 0u,
            namesize, 0u);
    fwrite(name, 1, namesize, out);
    pad4(out, 110 + (long)namesize);
    fwrite(data, 1, size, out);
    pad4(out, (long)size);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: mkcpio OUT.cpio DIR [DIR ...]\n");
        return 2;
    }
    for (int i = 2; i < argc; i++)
        walk(argv[i], "");
    qsort(entries, nentries, sizeof *entries, by_path);    /* parents before children */

    FILE *out = fopen(argv[1], "wb");
    if (!out) {
        perror(argv[1]);
        return 1;
    }
    for (size_t i = 0; i < nentries; i++) {
        char *data = NULL;
        size_t size = 0;
        if (S_ISREG(entries[i].mode)) {
            FILE *f = fopen(entries[i].source, "rb");
            if (!f) {
                perror(entries[i].source);
                return 1;
            }
            fseek(f, 0, SEEK_END);
            size = (size_t)ftell(f);
            rewind(f);
            data = malloc(size ? size : 1);
            if (!data || fread(data, 1, size, f) != size) {
                perror(entries[i].source);
                return 1;
            }
            fclose(f);
        }
        emit(out, (unsigned)i + 1, entries[i].path, entries[i].mode, data, size);
        free(data);
    }
    emit(out, 0, "TRAILER!!!", 0, NULL, 0);
    if (fclose(out) != 0) {
        perror(argv[1]);
        return 1;
    }
    return 0;
}
