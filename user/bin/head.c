/*
 * head: the first lines of files.
 *      head [-n N | -N] [FILE...]      (N = 10 by default)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int head(FILE *f, long n)
{
    int c;
    while (n > 0 && (c = getc(f)) != EOF) {
        putchar(c);
        if (c == '\n')
            n--;
    }
    return ferror(f) ? 1 : 0;
}

int main(int argc, char **argv)
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
            fprintf(stderr, "usage: head [-n lines] [file ...]\n");
            return 2;
        }
    }
    if (i >= argc)
        return head(stdin, n);
    for (int first = i; i < argc; i++) {
        FILE *f = strcmp(argv[i], "-") ? fopen(argv[i], "r") : stdin;
        if (!f) {
            fprintf(stderr, "head: cannot open '%s' for reading: %s\n", argv[i],
                    strerror(errno));
            status = 1;
            continue;
        }
        if (argc - first > 1)
            printf("%s==> %s <==\n", i > first ? "\n" : "", argv[i]);
        status |= head(f, n);
        if (f != stdin)
            fclose(f);
    }
    return status;
}
