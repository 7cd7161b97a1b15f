/*
 * glob.c: file name patterns. `ls *.c` gets the names that match, sorted.
 *
 *   *      any string, also the empty one
 *   ?      any one character
 *   [abc]  one of a, b, c;  [a-z] a range;  [!abc] none of them
 *   \c     the character c itself (expand.c escapes quoted characters so)
 *
 * A pattern is matched one path component at a time: in "src/ *.c" (without
 * the space) the directory src is read and each name in it tried against
 * "*.c". Names starting with "." match only a pattern that starts with
 * "." too, so * does not list hidden files. A pattern that matches
 * nothing is left as it is (POSIX), backslashes removed.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sh.h"

/* *pp points at '[': does c belong to the set? 1 yes, 0 no, -1 if this
 * is no set (no closing ']'). On success *pp is left at the ']'. */
static int bracket(const char **pp, char c)
{
    const char *p = *pp + 1;
    int negate = *p == '!' || *p == '^', match = 0;
    if (negate)
        p++;
    for (const char *first = p; *p && (*p != ']' || p == first); p++) {
        char lo = *p, hi;
        if (lo == '\\' && p[1])
            lo = *++p;
        hi = lo;
        if (p[1] == '-' && p[2] && p[2] != ']') {
            p += 2;
            hi = (*p == '\\' && p[1]) ? *++p : *p;
        }
        if (lo <= c && c <= hi)
            match = 1;
    }
    if (!*p)
        return -1;
    *pp = p;
    return c && match != negate;
}

static int glob_match(const char *p, const char *s)
{
    for (; *p; p++, s++) {
        if (*p == '*') {
            while (*p == '*')
                p++;
            if (!*p)
                return 1;
            for (; *s; s++)             /* try every place the rest could start */
                if (glob_match(p, s))
                    return 1;
            return 0;
        }
        if (*p == '?') {
            if (!*s)
                return 0;
            continue;
        }
        if (*p == '[') {
            int r = bracket(&p, *s);
            if (r == 0)
                return 0;
            if (r == 1)
                continue;               /* else: a plain '[' */
        }
        if (*p == '\\' && p[1])
            p++;
        if (*p != *s)
            return 0;
    }
    return *s == '\0';
}

/* Does the component p[0..n) hold an unescaped * ? or [ ? */
static int has_magic(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '\\')
            i++;
        else if (p[i] == '*' || p[i] == '?' || p[i] == '[')
            return 1;
    }
    return 0;
}

/* path holds what matched so far ("" or ending in '/'); match rest,
 * the pattern's remaining components, against the file system. */
static void walk(struct str *path, const char *rest, struct strv *out)
{
    const char *slash = strchr(rest, '/');
    size_t n = slash ? (size_t)(slash - rest) : strlen(rest);
    size_t keep = path->len;
    char *comp = strndup(rest, n);

    if (!has_magic(rest, n)) {
        unescape(comp);
        str_adds(path, comp);
        struct stat st;
        if (slash) {
            str_addc(path, '/');
            walk(path, slash + 1, out);
        } else if (lstat(path->s, &st) == 0) {
            strv_push(out, xstrdup(path->s));
        }
    } else {
        DIR *d = opendir(path->len ? path->s : ".");
        struct dirent *e;
        while (d && (e = readdir(d))) {
            if (e->d_name[0] == '.' && comp[0] != '.')
                continue;               /* hidden, unless asked for */
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            if (!glob_match(comp, e->d_name))
                continue;
            path->len = keep;
            str_adds(path, e->d_name);
            if (!slash) {
                strv_push(out, xstrdup(path->s));
            } else {
                str_addc(path, '/');
                walk(path, slash + 1, out);
            }
        }
        if (d)
            closedir(d);
    }
    free(comp);
    path->len = keep;
    if (path->s)
        path->s[keep] = '\0';
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add the names matching pattern to args, sorted, or the pattern itself
 * if none match. */
void glob_field(char *pattern, struct strv *args)
{
    struct strv found = {0};
    struct str path = {0};
    const char *rest = pattern;
    if (*rest == '/') {
        str_addc(&path, '/');
        rest++;
    }
    walk(&path, rest, &found);
    str_free(&path);
    if (found.n == 0) {
        char *s = xstrdup(pattern);
        unescape(s);
        strv_push(args, s);
    } else {
        qsort(found.v, found.n, sizeof *found.v, by_name);
    }
    for (int i = 0; i < found.n; i++)
        strv_push(args, found.v[i]);
    free(found.v);
}
