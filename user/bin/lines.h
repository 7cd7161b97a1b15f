/*
 * lines.h: the command line head and tail share,
 *
 *      head|tail [-n N | -nN | -N] [FILE...]      (N = 10 by default)
 *
 * and the walk over the files: standard input if there are none ("-"
 * names it too), a "==> FILE <==" title before each when there are
 * several, the exit status 1 if any could not be read. Each tool keeps
 * what is its own: which N lines of a file it prints.
 */
#ifndef WEFT_LINES_H
#define WEFT_LINES_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The whole of main() for head and tail: parse the options as above, then
 * call print(f, n) on each file, print writing the lines it wants of f to
 * standard output and returning 1 if f had a read error, else 0. name is
 * the tool's, for its messages. Returns the exit status: 0, 1 (a file
 * could not be opened or read) or 2 (a bad option). */
static inline int lines_main(const char *name, int argc, char **argv, int (*print)(FILE *, long))
{
    long n = 10;
    int i = 1, status = 0;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        char *arg = argv[i] + 1, *end;
        if (!strcmp(argv[i], "-n") && i + 1 < argc)
            arg = argv[++i];
        else if (!strncmp(argv[i], "-n", 2))
            arg = argv[i] + 2;
        n = strtol(arg, &end, 10);
        if (!*arg || *end || n < 0) {
            fprintf(stderr, "usage: %s [-n lines] [file ...]\n", name);
            return 2;
        }
    }
    if (i >= argc)
        return print(stdin, n);
    for (int first = i; i < argc; i++) {
        FILE *f = strcmp(argv[i], "-") ? fopen(argv[i], "r") : stdin;
        if (!f) {
            fprintf(stderr, "%s: cannot open '%s' for reading: %s\n", name, argv[i],
                    strerror(errno));
            status = 1;
            continue;
        }
        if (argc - first > 1)
            printf("%s==> %s <==\n", i > first ? "\n" : "", argv[i]);
        status |= print(f, n);
        if (f != stdin)
            fclose(f);
    }
    return status;
}

#endif
