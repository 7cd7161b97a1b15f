/*
 * ls: list directory contents.
 *      ls [-a] [-l] [-1] [-d] [FILE...]
 *   -a  also names starting with "."    -l  the long format
 *   -1  one name per line               -d  a directory itself, not its contents
 *
 * The long format, as coreutils prints it:
 *   drwxr-xr-x  2 root root     4096 Jan  1 00:00 bin
 *   lrwxrwxrwx  1 root root        7 Jan  1 00:00 sh -> busybox
 * All from lstat(): the type and permission bits of st_mode, the link
 * count, owner and group (weft has no /etc/passwd: 0 is "root", others
 * are numbers), the size (major, minor for a device), the change time (UTC).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int all, longfmt, one, dirself;
static int status;

struct entry {
    char *name;                         /* as shown */
    char *path;                         /* for lstat and readlink */
    struct stat st;
};

/* "drwxr-xr-x": the type letter, then rwx for owner, group, others. */
static void mode_string(unsigned m, char *s)
{
    const char *types = "?pc?d?b?-?l?s???";  /* indexed by S_IFMT >> 12 */
    s[0] = types[(m & S_IFMT) >> 12];
    for (int i = 0; i < 9; i++)
        s[1 + i] = m & (0400 >> i) ? "rwx"[i % 3] : '-';
    if (m & S_ISUID)
        s[3] = m & S_IXUSR ? 's' : 'S';
    if (m & S_ISGID)
        s[6] = m & S_IXGRP ? 's' : 'S';
    if (m & S_ISVTX)
        s[9] = m & S_IXOTH ? 't' : 'T';
    s[10] = '\0';
}

static const char *owner(unsigned id, char *buf)
{
    if (id == 0)
        return "root";
    sprintf(buf, "%u", id);
    return buf;
}

static void print_long(struct entry *e)
{
    char mode[11], u[16], g[16], date[32], size[32];
    mode_string(e->st.st_mode, mode);
    time_t t = e->st.st_mtime, now = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    /* Recent files (last six months) show the time, older the year. */
    if (t > now - 182 * 86400L && t <= now + 3600)
        strftime(date, sizeof date, "%b %e %H:%M", &tm);
    else
        strftime(date, sizeof date, "%b %e  %Y", &tm);
    if (S_ISCHR(e->st.st_mode) || S_ISBLK(e->st.st_mode))
        sprintf(size, "%lu, %lu", (e->st.st_rdev >> 8) & 0xfff,
                (e->st.st_rdev & 0xff) | ((e->st.st_rdev >> 12) & 0xfff00));
    else
        sprintf(size, "%ld", e->st.st_size);
    printf("%s %2lu %-4s %-4s %8s %s %s", mode, e->st.st_nlink, owner(e->st.st_uid, u),
           owner(e->st.st_gid, g), size, date, e->name);
    if (S_ISLNK(e->st.st_mode)) {
        char target[4096];
        ssize_t n = readlink(e->path, target, sizeof target - 1);
        if (n >= 0)
            printf(" -> %.*s", (int)n, target);
    }
    putchar('\n');
}

/* Short format: one per line, or (on a terminal) in columns, filled top
 * to bottom like coreutils ls. */
static void print_names(struct entry *v, int n)
{
    size_t width = 0;
    for (int i = 0; i < n; i++)
        if (strlen(v[i].name) > width)
            width = strlen(v[i].name);
    int cols = one || !isatty(1) ? 1 : 80 / (int)(width + 2);
    if (cols < 1)
        cols = 1;
    int rows = (n + cols - 1) / cols;
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
            int i = c * rows + r;
            if (i >= n)
                break;
            int last = c == cols - 1 || i + rows >= n;
            if (last) {
                fputs(v[i].name, stdout);
                break;
            }
            printf("%-*s", (int)width + 2, v[i].name);
        }
        putchar('\n');
    }
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

static void print_entries(struct entry *v, int n, int total)
{
    qsort(v, n, sizeof *v, by_name);
    if (longfmt) {
        if (total >= 0)
            printf("total %d\n", total);
        for (int i = 0; i < n; i++)
            print_long(&v[i]);
    } else {
        print_names(v, n);
    }
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", name);
    return p;
}

static void list_dir(const char *path)
{
    DIR *d = opendir(path);
    if (!d) {
        fprintf(stderr, "ls: cannot open directory '%s': %s\n", path, strerror(errno));
        status = 2;
        return;
    }
    struct entry *v = NULL;
    int n = 0, cap = 0, blocks = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.' && !all)
            continue;
        if (n == cap)
            v = realloc(v, (cap = cap ? 2 * cap : 32) * sizeof *v);
        v[n].name = strdup(de->d_name);
        v[n].path = join(path, de->d_name);
        if (lstat(v[n].path, &v[n].st) < 0) {
            fprintf(stderr, "ls: cannot access '%s': %s\n", v[n].path, strerror(errno));
            status = 1;
            free(v[n].name);
            free(v[n].path);
            continue;
        }
        blocks += v[n].st.st_blocks / 2;   /* 512-byte units to KiB */
        n++;
    }
    closedir(d);
    print_entries(v, n, blocks);
    for (int i = 0; i < n; i++) {
        free(v[i].name);
        free(v[i].path);
    }
    free(v);
}

int main(int argc, char **argv)
{
    int c;
    while ((c = getopt(argc, argv, "al1d")) != -1) {
        switch (c) {
        case 'a': all = 1; break;
        case 'l': longfmt = 1; break;
        case '1': one = 1; break;
        case 'd': dirself = 1; break;
        default:
            fprintf(stderr, "usage: ls [-al1d] [file ...]\n");
            return 2;
        }
    }
    char *dot[] = { ".", NULL };
    char **args = optind < argc ? argv + optind : dot;
    int nargs = optind < argc ? argc - optind : 1;

    /* Files first, all together; then each directory under a heading. */
    struct entry *files = calloc(nargs, sizeof *files);
    char **dirs = calloc(nargs, sizeof *dirs);
    int nfiles = 0, ndirs = 0;
    for (int i = 0; i < nargs; i++) {
        struct entry *e = &files[nfiles];
        if (lstat(args[i], &e->st) < 0) {
            fprintf(stderr, "ls: cannot access '%s': %s\n", args[i], strerror(errno));
            status = 2;
            continue;
        }
        struct stat target;                 /* a link to a directory: its contents */
        int isdir = S_ISDIR(e->st.st_mode) ||
            (!longfmt && S_ISLNK(e->st.st_mode) && stat(args[i], &target) == 0 &&
             S_ISDIR(target.st_mode));
        if (isdir && !dirself) {
            dirs[ndirs++] = args[i];
        } else {
            e->name = e->path = args[i];
            nfiles++;
        }
    }
    if (nfiles)
        print_entries(files, nfiles, -1);
    for (int i = 0; i < ndirs; i++) {
        if (nargs > 1)
            printf("%s%s:\n", nfiles || i ? "\n" : "", dirs[i]);
        list_dir(dirs[i]);
    }
    return status;
}
