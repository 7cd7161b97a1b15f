/*
 * cp: copy files.
 *      cp SRC DST          copy SRC to the file DST
 *      cp SRC... DIR       copy each SRC into the directory DIR
 * The copy gets SRC's permission bits. (No -r: copying trees is left
 * as an exercise.)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "write_all.h"

static int copy(const char *src, const char *dst)
{
    struct stat st;
    int in = open(src, O_RDONLY);
    if (in < 0 || fstat(in, &st) < 0) {
        fprintf(stderr, "cp: cannot stat '%s': %s\n", src, strerror(errno));
        return 1;
    }
    if (S_ISDIR(st.st_mode)) {
        fprintf(stderr, "cp: -r not specified; omitting directory '%s'\n", src);
        close(in);
        return 1;
    }
    int out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st.st_mode & 07777);
    if (out < 0) {
        fprintf(stderr, "cp: cannot create regular file '%s': %s\n", dst, strerror(errno));
        close(in);
        return 1;
    }
    char buf[8192];
    ssize_t n;
    int status = 0;
    while ((n = read(in, buf, sizeof buf)) > 0) {
        if (write_all(out, buf, n) < 0) {
            fprintf(stderr, "cp: error writing '%s': %s\n", dst, strerror(errno));
            status = 1;
            break;
        }
    }
    if (n < 0) {
        fprintf(stderr, "cp: error reading '%s': %s\n", src, strerror(errno));
        status = 1;
    }
    close(in);
    if (close(out) < 0)
        status = 1;
    return status;
}

/* dir/basename(src) */
static char *into(const char *dir, const char *src)
{
    const char *base = strrchr(src, '/') ? strrchr(src, '/') + 1 : src;
    size_t n = strlen(dir) + strlen(base) + 2;
    char *p = malloc(n);
    snprintf(p, n, "%s/%s", dir, base);
    return p;
}

int main(int argc, char **argv)
{
    if (argc < 3 || argv[1][0] == '-') {
        fprintf(stderr, "usage: cp source dest  or  cp source ... directory\n");
        return 2;
    }
    const char *last = argv[argc - 1];
    struct stat st;
    int isdir = stat(last, &st) == 0 && S_ISDIR(st.st_mode);
    if (argc > 3 && !isdir) {
        fprintf(stderr, "cp: target '%s' is not a directory\n", last);
        return 1;
    }
    int status = 0;
    for (int i = 1; i < argc - 1; i++) {
        char *dst = isdir ? into(last, argv[i]) : strdup(last);
        status |= copy(argv[i], dst);
        free(dst);
    }
    return status;
}
