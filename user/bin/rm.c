/*
 * rm: remove files.
 *      rm [-r] [-f] FILE...
 *   -r  remove directories and everything in them (depth first: a
 *       directory can only go once it is empty)
 *   -f  say nothing about files that do not exist, and never fail on them
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int recursive, force;

static int fail(const char *path)
{
    if (force && errno == ENOENT)
        return 0;
    fprintf(stderr, "rm: cannot remove '%s': %s\n", path, strerror(errno));
    return 1;
}

static int remove_path(const char *path)
{
    struct stat st;
    if (lstat(path, &st) < 0)
        return fail(path);
    if (!S_ISDIR(st.st_mode))
        return unlink(path) < 0 ? fail(path) : 0;
    if (!recursive) {
        fprintf(stderr, "rm: cannot remove '%s': Is a directory\n", path);
        return 1;
    }
    DIR *d = opendir(path);
    if (!d)
        return fail(path);
    int status = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        size_t n = strlen(path) + strlen(e->d_name) + 2;
        char *child = malloc(n);
        snprintf(child, n, "%s/%s", path, e->d_name);
        status |= remove_path(child);
        free(child);
    }
    closedir(d);
    if (rmdir(path) < 0)
        status |= fail(path);
    return status;
}

int main(int argc, char **argv)
{
    int c, status = 0;
    while ((c = getopt(argc, argv, "rRf")) != -1) {
        if (c == 'r' || c == 'R')
            recursive = 1;
        else if (c == 'f')
            force = 1;
        else
            goto usage;
    }
    if (optind >= argc && !force)
        goto usage;
    for (int i = optind; i < argc; i++)
        status |= remove_path(argv[i]);
    return status;
usage:
    fprintf(stderr, "usage: rm [-rf] file ...\n");
    return 2;
}
