/*
 * grep: print the lines that contain a string.
 *      grep [-v] [-n] [-c] [-i] [-x] [-q] STRING [FILE...]
 *   -v  the lines that do NOT contain it     -n  with line numbers
 *   -c  only count the matching lines        -i  ignore case
 *   -x  the whole line must be STRING        -q  print nothing
 * STRING is a fixed string, not a regular expression.
 * Exit status: 0 if a line matched, 1 if none did, 2 on an error.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int invert, numbers, count_only, icase, whole, quiet;

static int same(char a, char b)
{
    return icase ? tolower((unsigned char)a) == tolower((unsigned char)b) : a == b;
}

/* Does pat occur in line (or, with -x, is it the line)? */
static int matches(const char *line, const char *pat)
{
    size_t n = strlen(pat);
    for (const char *s = line; *s || s == line; s++) {
        size_t i = 0;
        while (i < n && s[i] && same(s[i], pat[i]))
            i++;
        if (i == n && (!whole || (s == line && !s[n])))
            return 1;
        if (whole || !*s)
            return 0;
    }
    return 0;
}

/* Returns the number of selected lines. */
static long grep(FILE *f, const char *pat, const char *name)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    long lineno = 0, selected = 0;
    while ((len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        if (len > 0 && line[len - 1] == '\n')
            line[--len] = '\0';
        if (matches(line, pat) == invert)
            continue;
        selected++;
        if (quiet || count_only)
            continue;
        if (name)
            printf("%s:", name);
        if (numbers)
            printf("%ld:", lineno);
        printf("%s\n", line);
    }
    free(line);
    if (count_only && !quiet) {
        if (name)
            printf("%s:", name);
        printf("%ld\n", selected);
    }
    return selected;
}

int main(int argc, char **argv)
{
    int c, status = 1;
    while ((c = getopt(argc, argv, "vncixqF")) != -1) {
        switch (c) {
        case 'v': invert = 1; break;
        case 'n': numbers = 1; break;
        case 'c': count_only = 1; break;
        case 'i': icase = 1; break;
        case 'x': whole = 1; break;
        case 'q': quiet = 1; break;
        case 'F': break;                /* fixed strings: always */
        default: goto usage;
        }
    }
    if (optind >= argc)
        goto usage;
    const char *pat = argv[optind++];
    if (optind >= argc)
        return grep(stdin, pat, NULL) ? 0 : 1;
    int many = argc - optind > 1, errors = 0;
    for (int i = optind; i < argc; i++) {
        FILE *f = strcmp(argv[i], "-") ? fopen(argv[i], "r") : stdin;
        if (!f) {
            fprintf(stderr, "grep: %s: %s\n", argv[i], strerror(errno));
            errors = 1;
            continue;
        }
        if (grep(f, pat, many ? argv[i] : NULL))
            status = 0;
        if (f != stdin)
            fclose(f);
    }
    return errors && status ? 2 : status;
usage:
    fprintf(stderr, "usage: grep [-vncixq] string [file ...]\n");
    return 2;
}
