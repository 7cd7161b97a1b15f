/*
 * getopt.c: POSIX command-line option parsing.
 *
 *   while ((c = getopt(argc, argv, "ab:")) != -1) ...
 *
 * A letter followed by ':' takes an argument ("-bvalue" or "-b value",
 * left in optarg). Options may be grouped ("-ab"). Parsing stops at the
 * first non-option or at "--" (POSIX order: no reordering of argv, unlike
 * GNU's). Errors print a message (unless opterr is 0 or optstring starts
 * with ':') and return '?', or ':' for a missing argument when optstring
 * starts with ':'. Setting optind to 0 or 1 restarts the scan.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "libc.h"

char *optarg;
int optind = 1, opterr = 1, optopt;
static int pos;                         /* index within a group like "-abc" */
static int pos_at;                      /* ...of argv[pos_at] */

int getopt(int argc, char *const argv[], const char *optstring)
{
    if (optind == 0) {                  /* GNU's way to start over */
        optind = 1;
        pos = 0;
    }
    if (pos && optind != pos_at)        /* the caller moved optind */
        pos = 0;
    if (pos == 0) {                     /* at the start of an argument */
        if (optind >= argc || !argv[optind] || argv[optind][0] != '-' ||
            argv[optind][1] == '\0')
            return -1;                  /* not an option ("-" alone is not) */
        if (strcmp(argv[optind], "--") == 0) {
            optind++;
            return -1;
        }
        pos = 1;
        pos_at = optind;
    }

    const char *arg = argv[optind];
    int c = (unsigned char)arg[pos++];
    const char *spec = c == ':' ? NULL : strchr(optstring, c);
    int quiet = optstring[0] == ':';
    if (arg[pos] == '\0') {             /* the group is used up */
        optind++;
        pos = 0;
    }
    if (!spec) {
        optopt = c;
        if (opterr && !quiet)
            fprintf(stderr, "%s: invalid option -- '%c'\n", __progname, c);
        return '?';
    }
    if (spec[1] == ':') {               /* it takes an argument */
        if (pos > 0) {                  /* the rest of this word: "-bvalue" */
            optarg = (char *)arg + pos;
            optind++;
            pos = 0;
        } else if (optind < argc) {     /* the next word: "-b value" */
            optarg = argv[optind++];
        } else {
            optopt = c;
            if (quiet)
                return ':';
            if (opterr)
                fprintf(stderr, "%s: option requires an argument -- '%c'\n",
                        __progname, c);
            return '?';
        }
    }
    return c;
}
