/*
 * mkdir: make directories.
 *      mkdir [-p] DIR...
 *   -p  make missing parents too, and do not mind if DIR exists
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* mkdir -p: make each prefix of the path in turn, a/, a/b/, a/b/c. */
static int make_parents(char *path)
{
    for (char *p = path + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char c = *p;
        *p = '\0';
        struct stat st;
        int r = mkdir(path, 0777);
        int err = errno;
        if (r < 0 && !(err == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))) {
            fprintf(stderr, "mkdir: cannot create directory '%s': %s\n", path, strerror(err));
            *p = c;
            return 1;
        }
        *p = c;
        if (c == '\0')
            return 0;
    }
}

int main(int argc, char **argv)
{
    int parents = 0, c, status = 0;
    while ((c = getopt(argc, argv, "p")) != -1) {
        if (c != 'p')
            goto usage;
        parents = 1;
    }
    if (optind >= argc)
        goto usage;
    for (int i = optind; i < argc; i++) {
        if (parents) {
            status |= make_parents(argv[i]);
        } else if (mkdir(argv[i], 0777) < 0) {
            fprintf(stderr, "mkdir: cannot create directory '%s': %s\n", argv[i],
                    strerror(errno));
            status = 1;
        }
    }
    return status;
usage:
    fprintf(stderr, "usage: mkdir [-p] directory ...\n");
    return 2;
}
