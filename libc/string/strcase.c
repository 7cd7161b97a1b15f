/* strcase.c: comparison ignoring ASCII case, and strings.h's odds. */
#include <ctype.h>
#include <strings.h>

int strcasecmp(const char *a, const char *b)
{
    return strncasecmp(a, b, (size_t)-1);
}

int strncasecmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        int x = tolower((unsigned char)*a), y = tolower((unsigned char)*b);
        if (x != y || !x)
            return x - y;
    }
    return 0;
}

/* Index (from 1) of the lowest set bit, 0 if none. */
int ffs(int i)
{
    return __builtin_ffs(i);
}

void bzero(void *s, size_t n)
{
    unsigned char *p = s;
    while (n--)
        *p++ = 0;
}
