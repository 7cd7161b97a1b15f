/*
 * env.c: the environment, an array of "NAME=value" strings ending with
 * NULL. The kernel put the initial one on the stack; the first setenv or
 * putenv copies the array into malloc'ed memory so it can grow.
 *
 * Strings setenv creates are never freed: a program may still hold a
 * pointer getenv returned. (glibc leaks them too.)
 * Threads: these functions are not thread-safe, in any C library.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

static char **owned;                    /* environ, if we allocated it */

/* The index of NAME in environ, or -1. n is the length of name. */
static int find(const char *name, size_t n)
{
    for (int i = 0; environ && environ[i]; i++)
        if (strncmp(environ[i], name, n) == 0 && environ[i][n] == '=')
            return i;
    return -1;
}

char *getenv(const char *name)
{
    size_t n = strlen(name);
    int i = find(name, n);
    return i < 0 ? NULL : environ[i] + n + 1;
}

/* Put string (which is "NAME=value") into the environment. */
static int put(char *string, size_t name_len)
{
    int i = find(string, name_len);
    if (i >= 0) {
        environ[i] = string;
        return 0;
    }
    int count = 0;
    while (environ && environ[count])
        count++;
    /* Grow by one: copy the kernel's array the first time, realloc ours. */
    char **env = realloc(environ == owned ? owned : NULL, (count + 2) * sizeof *env);
    if (!env)
        return -1;
    if (environ != owned && count)
        memcpy(env, environ, count * sizeof *env);
    env[count] = string;
    env[count + 1] = NULL;
    environ = owned = env;
    return 0;
}

static int valid_name(const char *name)
{
    if (!name || !*name || strchr(name, '=')) {
        errno = EINVAL;
        return 0;
    }
    return 1;
}

int setenv(const char *name, const char *value, int overwrite)
{
    if (!valid_name(name))
        return -1;
    size_t n = strlen(name), v = strlen(value);
    if (!overwrite && find(name, n) >= 0)
        return 0;
    char *s = malloc(n + v + 2);
    if (!s)
        return -1;
    memcpy(s, name, n);
    s[n] = '=';
    memcpy(s + n + 1, value, v + 1);
    if (put(s, n) < 0) {
        free(s);
        return -1;
    }
    return 0;
}

/* putenv puts the caller's own string in: changing it later changes the
 * environment. */
int putenv(char *string)
{
    char *eq = strchr(string, '=');
    if (!eq)
        return unsetenv(string);        /* glibc: "NAME" alone removes it */
    return put(string, eq - string);
}

int unsetenv(const char *name)
{
    if (!valid_name(name))
        return -1;
    size_t n = strlen(name);
    int i;
    while ((i = find(name, n)) >= 0)    /* every copy, if there are several */
        for (; environ[i]; i++)
            environ[i] = environ[i + 1];
    return 0;
}

int clearenv(void)
{
    free(owned);
    owned = NULL;
    environ = NULL;
    return 0;
}
