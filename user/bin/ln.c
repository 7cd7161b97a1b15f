/*
 * ln: make links.
 *      ln [-s] [-f] TARGET LINK       LINK names TARGET too
 *      ln [-s] [-f] TARGET... DIR     a link in DIR for each TARGET
 *   -s  a symbolic link (a small file holding the path TARGET) instead of
 *       a hard link (a second directory entry for the same inode)
 *   -f  remove an existing LINK first
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int symbolic = 0, force = 0, c, status = 0;
    while ((c = getopt(argc, argv, "sf")) != -1) {
        if (c == 's')
            symbolic = 1;
        else if (c == 'f')
            force = 1;
        else
            goto usage;
    }
    if (argc - optind < 2)
        goto usage;
    const char *last = argv[argc - 1];
    struct stat st;
    int isdir = stat(last, &st) == 0 && S_ISDIR(st.st_mode);
    if (argc - optind > 2 && !isdir) {
        fprintf(stderr, "ln: target '%s' is not a directory\n", last);
        return 1;
    }
    for (int i = optind; i < argc - 1; i++) {
        char path[4096];
        const char *base = strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i];
        snprintf(path, sizeof path, isdir ? "%s/%s" : "%s", last, base);
        if (force)
            unlink(path);
        if ((symbolic ? symlink(argv[i], path) : link(argv[i], path)) < 0) {
            fprintf(stderr, "ln: failed to create %s link '%s': %s\n",
                    symbolic ? "symbolic" : "hard", path, strerror(errno));
            status = 1;
        }
    }
    return status;
usage:
    fprintf(stderr, "usage: ln [-sf] target link  or  ln [-sf] target ... directory\n");
    return 2;
}
