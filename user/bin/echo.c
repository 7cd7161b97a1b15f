/*
 * echo: print the arguments, separated by spaces, and a newline.
 *      echo [-n] [-e] [-E] [arg ...]
 *   -n  no newline at the end
 *   -e  interpret \n, \t, \\ and \c (stop here) in the arguments
 *   -E  do not (the default)
 * Options may be combined (-ne), as in bash; anything else that starts
 * with "-" is just printed.
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

/* Is arg made of option letters only ("-n", "-ne", "-Ee")? */
static int is_options(const char *arg)
{
    return arg[0] == '-' && arg[1] && strspn(arg + 1, "neE") == strlen(arg + 1);
}

int main(int argc, char **argv)
{
    int newline = 1, escapes = 0, i = 1;
    for (; i < argc && is_options(argv[i]); i++) {
        for (const char *p = argv[i] + 1; *p; p++) {
            if (*p == 'n')
                newline = 0;
            else
                escapes = *p == 'e';
        }
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
