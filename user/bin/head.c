/*
 * head: the first lines of files.
 *      head [-n N | -N] [FILE...]      (N = 10 by default)
 * The options and the loop over the files are in lines.h, shared with tail.
 */
#include <stdio.h>

#include "lines.h"

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
    return lines_main("head", argc, argv, head);
}
