/*
 * env: print the environment, or run a command in a changed one.
 *      env                              print NAME=value lines
 *      env [-i] [NAME=value...] [CMD [ARG...]]
 *   -i  start from an empty environment
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int i = 1;
    if (i < argc && !strcmp(argv[i], "-i")) {
        clearenv();
        i++;
    } else if (i < argc && argv[i][0] == '-' && argv[i][1]) {
        fprintf(stderr, "usage: env [-i] [name=value ...] [command [arg ...]]\n");
        return 2;
    }
    for (; i < argc && strchr(argv[i], '='); i++) {
        if (putenv(argv[i]) < 0) {
            fprintf(stderr, "env: %s: %s\n", argv[i], strerror(errno));
            return 125;
        }
    }
    if (i == argc) {
        for (char **e = environ; e && *e; e++)
            puts(*e);
        return 0;
    }
    execvp(argv[i], argv + i);
    fprintf(stderr, "env: '%s': %s\n", argv[i], strerror(errno));
    return errno == ENOENT ? 127 : 126;
}
