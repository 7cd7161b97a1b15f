/*
 * tail: the last lines of files.
 *      tail [-n N | -N] [FILE...]      (N = 10 by default)
 * The options and the loop over the files are in lines.h, shared with head.
 * The input is read whole into memory, then printed from the start of
 * the N-th line from the end: simple, and fine for the files we have.
 */
#include <stdio.h>
#include <stdlib.h>

#include "lines.h"

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
    return lines_main("tail", argc, argv, tail);
}
