/*
 * echo: print the arguments, separated by spaces, and a newline.
 *      echo [-n] [-e] [arg ...]
 *   -n  no newline at the end
 *   -e  interpret \n, \t, \\ and \c (stop here) in the arguments
 */
#include <stdio.h>
#include <string.h>

static int print_escaped(const char *s)
{
    for (; *s; s++) {
        if (*s != '\\' || !s[1]) {
            putchar(*s);
            continue;
        }
        switch (*++s) {
        case 'n': putchar('\n'); break;
        case 't': putchar('\t'); break;
        case '\\': putchar('\\'); break;
        case 'c': return 1;             /* no more output */
        default: putchar('\\'); putchar(*s); break;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    int newline = 1, escapes = 0, i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "-n") == 0)
            newline = 0;
        else if (strcmp(argv[i], "-e") == 0)
            escapes = 1;
        else
            break;                      /* not an option: print it */
    }
    for (int first = i; i < argc; i++) {
        if (i > first)
            putchar(' ');
        if (escapes ? print_escaped(argv[i]) : (fputs(argv[i], stdout), 0))
            return 0;
    }
    if (newline)
        putchar('\n');
    return 0;
}
