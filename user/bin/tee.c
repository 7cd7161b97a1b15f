/*
 * tee: copy standard input to standard output and to files.
 *      tee [-a] FILE...
 *   -a  append to the files instead of overwriting them
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "write_all.h"

int main(int argc, char **argv)
{
    int flags = O_WRONLY | O_CREAT | O_TRUNC, i = 1, status = 0;
    if (i < argc && !strcmp(argv[i], "-a")) {
        flags = O_WRONLY | O_CREAT | O_APPEND;
        i++;
    } else if (i < argc && argv[i][0] == '-' && argv[i][1]) {
        fprintf(stderr, "usage: tee [-a] [file ...]\n");
        return 2;
    }
    int nfd = 1, *fds = malloc((argc + 1) * sizeof *fds);
    char **names = argv + i - 1;        /* names[k] for fds[k], k >= 1 */
    fds[0] = 1;
    for (; i < argc; i++) {
        int fd = open(argv[i], flags, 0666);
        if (fd < 0) {
            fprintf(stderr, "tee: %s: %s\n", argv[i], strerror(errno));
            status = 1;
            fd = -1;
        }
        fds[nfd++] = fd;
    }
    char buf[8192];
    for (;;) {
        ssize_t n = read(0, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            fprintf(stderr, "tee: standard input: %s\n", strerror(errno));
            status = 1;
        }
        if (n <= 0)
            break;
        for (int k = 0; k < nfd; k++) {
            if (fds[k] >= 0 && write_all(fds[k], buf, n) < 0) {
                fprintf(stderr, "tee: %s: %s\n", k ? names[k] : "standard output",
                        strerror(errno));
                fds[k] = -1;            /* keep feeding the others */
                status = 1;
            }
        }
    }
    return status;
}
