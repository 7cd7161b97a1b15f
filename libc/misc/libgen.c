/*
 * libgen.c: POSIX basename and dirname. Both may write into the string
 * (to cut trailing slashes) and may return a pointer to a static "." or
 * "/".
 *
 *      path        dirname   basename
 *      /usr/lib    /usr      lib
 *      /usr/       /         usr
 *      usr         .         usr
 *      /           /         /
 *      ""          .         .
 */
#include <libgen.h>
#include <string.h>

char *basename(char *path)
{
    if (!path || !*path)
        return ".";
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        path[--n] = '\0';               /* drop trailing slashes */
    char *slash = strrchr(path, '/');
    return slash && slash[1] ? slash + 1 : path;
}

char *dirname(char *path)
{
    if (!path || !*path)
        return ".";
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;                            /* trailing slashes */
    while (n > 0 && path[n - 1] != '/')
        n--;                            /* the last component */
    if (n == 0)
        return ".";                     /* no slash: the current directory */
    while (n > 1 && path[n - 1] == '/')
        n--;                            /* the slashes before it */
    path[n] = '\0';
    return path;
}
