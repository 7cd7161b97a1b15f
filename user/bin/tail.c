/*
 * tail: the last lines of files.
 *      tail [-n N | -N] [FILE...]      (N = 10 by default)
 * The input is read whole into memory, then printed from the start of
 * the N-th line from the end: simple, and fine for the files we have.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int tail(FILE *f, long n)
{
    char *buf = NULL;
    size_t len = 0, cap = 0, got;
    do {
        if (len + 4096 > cap)
            buf = realloc(buf, cap = 2 * cap + 4096);
        got = fread(buf + len, 1, cap - len, f);
        len += got;
    } while (got > 0);
    /* Walk back over n newlines (a last line without one counts too). */
    size_t start = len;
    if (start > 0 && buf[start - 1] == '\n')
        start--;
    for (long seen = 0; start > 0; start--)
        if (buf[start - 1] == '\n' && ++seen == n)
            break;
    if (n == 0)
        start = len;
    fwrite(buf + start, 1, len - start, stdout);
    free(buf);
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
            fprintf(stderr, "usage: tail [-n lines] [file ...]\n");
            return 2;
        }
    }
    if (i >= argc)
        return tail(stdin, n);
    for (int first = i; i < argc; i++) {
        FILE *f = strcmp(argv[i], "-") ? fopen(argv[i], "r") : stdin;
        if (!f) {
            fprintf(stderr, "tail: cannot open '%s' for reading: %s\n", argv[i],
                    strerror(errno));
            status = 1;
            continue;
        }
        if (argc - first > 1)
            printf("%s==> %s <==\n", i > first ? "\n" : "", argv[i]);
        status |= tail(f, n);
        if (f != stdin)
            fclose(f);
    }
    return status;
}
