/*
 * cat: copy files (or standard input, also named "-") to standard output.
 *      cat [FILE...]
 * Plain read() and write(), no stdio: the bytes go through untouched and
 * as soon as they arrive, which is what a pipe reader wants to see.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "write_all.h"

static int copy(int fd, const char *name)
{
    char buf[8192];
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            fprintf(stderr, "cat: %s: %s\n", name, strerror(errno));
            return 1;
        }
        if (n == 0)
            return 0;
        if (write_all(1, buf, n) < 0) {
            fprintf(stderr, "cat: write error: %s\n", strerror(errno));
            return 1;
        }
    }
}

int main(int argc, char **argv)
{
    int status = 0;
    if (argc > 1 && argv[1][0] == '-' && argv[1][1] && strcmp(argv[1], "--")) {
        fprintf(stderr, "usage: cat [file ...]\n");
        return 2;
    }
    int i = argc > 1 && !strcmp(argv[1], "--") ? 2 : 1;
    if (i >= argc)
        return copy(0, "-");
    for (; i < argc; i++) {
        if (!strcmp(argv[i], "-")) {
            status |= copy(0, "-");
            continue;
        }
        int fd = open(argv[i], O_RDONLY);
        if (fd < 0) {
            fprintf(stderr, "cat: %s: %s\n", argv[i], strerror(errno));
            status = 1;
            continue;
        }
        status |= copy(fd, argv[i]);
        close(fd);
    }
    return status;
}
