/* perror.c: error messages, and removing and renaming files. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "stdio_impl.h"
#include "syscall.h"

/* "prefix: message\n" on stderr, for the current errno. */
void perror(const char *s)
{
    const char *msg = strerror(errno);  /* before anything can change errno */
    if (s && *s)
        fprintf(stderr, "%s: %s\n", s, msg);
    else
        fprintf(stderr, "%s\n", msg);
}

/* remove() deletes a file or an empty directory. */
int remove(const char *path)
{
    if (unlink(path) == 0)
        return 0;
    if (errno != EISDIR)
        return -1;
    return rmdir(path);
}

int rename(const char *from, const char *to)
{
    return __syscall_ret(__syscall2(__NR_rename, from, to));
}
