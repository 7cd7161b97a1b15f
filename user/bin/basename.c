/* basename: the last component of a path, optionally minus a suffix.
 *      basename PATH [SUFFIX]       basename /usr/lib/libc.a .a  ->  libc */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: basename path [suffix]\n");
        return 2;
    }
    char *p = argv[1];
    size_t n = strlen(p);
    while (n > 1 && p[n - 1] == '/')    /* "a/b/" is b */
        p[--n] = '\0';
    char *slash = strrchr(p, '/');
    if (slash && slash[1])
        p = slash + 1;
    n = strlen(p);
    if (argc == 3) {
        size_t s = strlen(argv[2]);
        if (s < n && strcmp(p + n - s, argv[2]) == 0)
            p[n - s] = '\0';
    }
    puts(p);
    return 0;
}
