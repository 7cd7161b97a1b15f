/* strsearch.c: searching in strings, and splitting them into tokens. */
#include <string.h>

/* The straightforward O(n*m) search: fine for the short needles programs
 * use. (glibc and musl use the two-way algorithm, linear in n.) */
char *strstr(const char *haystack, const char *needle)
{
    size_t n = strlen(needle);
    if (n == 0)                     /* the empty string is everywhere */
        return (char *)haystack;
    for (; *haystack; haystack++)
        if (*haystack == *needle && strncmp(haystack, needle, n) == 0)
            return (char *)haystack;
    return NULL;
}

/* Length of the prefix of s made only of characters in accept. */
size_t strspn(const char *s, const char *accept)
{
    size_t n = 0;
    while (s[n] && strchr(accept, s[n]))
        n++;
    return n;
}

/* Length of the prefix of s made only of characters NOT in reject.
 * (strchr(reject, 0) would match the terminator, hence the s[n] test.) */
size_t strcspn(const char *s, const char *reject)
{
    size_t n = 0;
    while (s[n] && !strchr(reject, s[n]))
        n++;
    return n;
}

char *strpbrk(const char *s, const char *accept)
{
    s += strcspn(s, accept);
    return *s ? (char *)s : NULL;
}

/*
 * strtok_r: skip delimiters, then the token runs to the next delimiter,
 * which is overwritten with a NUL. *save remembers where to go on, so
 * separate strings can be tokenized at once (and by separate threads).
 */
char *strtok_r(char *restrict s, const char *restrict delim, char **restrict save)
{
    if (!s)
        s = *save;
    if (!s)
        return NULL;
    s += strspn(s, delim);
    if (!*s) {
        *save = NULL;
        return NULL;
    }
    char *end = s + strcspn(s, delim);
    if (*end)
        *end++ = '\0';
    else
        end = NULL;                 /* the last token: nothing follows */
    *save = end;
    return s;
}

/* strtok keeps its place in a hidden static: not reentrant. */
char *strtok(char *restrict s, const char *restrict delim)
{
    static char *save;
    return strtok_r(s, delim, &save);
}

/* BSD's strsep: like strtok_r, but empty fields are returned too. */
char *strsep(char **sp, const char *delim)
{
    char *s = *sp;
    if (!s)
        return NULL;
    char *end = s + strcspn(s, delim);
    if (*end)
        *end++ = '\0';
    else
        end = NULL;
    *sp = end;
    return s;
}
