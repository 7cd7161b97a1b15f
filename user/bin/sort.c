/*
 * sort: sort lines.
 *      sort [-r] [-n] [-u] [FILE...]
 *   -r  reverse     -n  by the number at the start of the line
 *   -u  print equal lines only once
 * All lines are read into memory, then qsort() does the work.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int reverse, numeric, unique;
static char **lines;
static size_t nlines, cap;

static int compare(const void *a, const void *b)
{
    const char *x = *(char *const *)a, *y = *(char *const *)b;
    int r;
    if (numeric) {
        long p = strtol(x, NULL, 10), q = strtol(y, NULL, 10);
        r = p < q ? -1 : p > q;
        if (r == 0)
            r = strcmp(x, y);           /* equal numbers: by text */
    } else {
        r = strcmp(x, y);
    }
    return reverse ? -r : r;
}

static void read_lines(FILE *f)
{
    char *line = NULL;
    size_t size = 0;
    ssize_t len;
    while ((len = getline(&line, &size, f)) >= 0) {
        if (len > 0 && line[len - 1] == '\n')
            line[len - 1] = '\0';
        if (nlines == cap)
            lines = realloc(lines, (cap = cap ? 2 * cap : 256) * sizeof *lines);
        lines[nlines++] = strdup(line);
    }
    free(line);
}

int main(int argc, char **argv)
{
    int c, status = 0;
    while ((c = getopt(argc, argv, "rnu")) != -1) {
        if (c == 'r')
            reverse = 1;
        else if (c == 'n')
            numeric = 1;
        else if (c == 'u')
            unique = 1;
        else {
            fprintf(stderr, "usage: sort [-rnu] [file ...]\n");
            return 2;
        }
    }
    if (optind >= argc)
        read_lines(stdin);
    for (int i = optind; i < argc; i++) {
        FILE *f = strcmp(argv[i], "-") ? fopen(argv[i], "r") : stdin;
        if (!f) {
            fprintf(stderr, "sort: cannot read: %s: %s\n", argv[i], strerror(errno));
            status = 2;
            continue;
        }
        read_lines(f);
        if (f != stdin)
            fclose(f);
    }
    qsort(lines, nlines, sizeof *lines, compare);
    for (size_t i = 0; i < nlines; i++)
        if (!unique || i == 0 || compare(&lines[i - 1], &lines[i]) != 0)
            puts(lines[i]);
    return status;
}
