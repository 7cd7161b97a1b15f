/* dirname: all but the last component of a path.
 *      dirname /usr/lib/libc.a  ->  /usr/lib     dirname file  ->  . */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: dirname path\n");
        return 2;
    }
    char *p = argv[1];
    size_t n = strlen(p);
    while (n > 1 && p[n - 1] == '/')    /* trailing slashes */
        n--;
    while (n > 0 && p[n - 1] != '/')    /* the last component */
        n--;
    while (n > 1 && p[n - 1] == '/')    /* the slashes before it */
        n--;
    if (n == 0)
        puts(p[0] == '/' ? "/" : ".");
    else
        printf("%.*s\n", (int)n, p);
    return 0;
}
