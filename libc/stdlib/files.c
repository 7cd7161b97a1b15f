/* files.c: realpath, mkstemp and mkdtemp, system. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/*
 * realpath: an absolute path with no ".", "..", extra "/" or symbolic
 * links. Walks the path a component at a time; a symbolic link's target
 * is spliced in front of what remains (at most 40 times: ELOOP).
 */
char *realpath(const char *restrict path, char *restrict resolved)
{
    char out[PATH_MAX], rest[PATH_MAX], link[PATH_MAX];
    size_t olen = 0;
    int links = 0;

    if (!path || !*path) {
        errno = path ? ENOENT : EINVAL;
        return NULL;
    }
    if (strlcpy(rest, path, sizeof rest) >= sizeof rest)
        goto toolong;
    if (rest[0] != '/') {               /* relative: start from the cwd */
        if (!getcwd(out, sizeof out))
            return NULL;
        olen = strlen(out);
        if (olen == 1)
            olen = 0;                   /* "/" is the empty prefix */
    }
    char *p = rest;
    while (*p) {
        while (*p == '/')
            p++;
        char *end = strchrnul(p, '/');
        size_t n = end - p;
        if (n == 0 || (n == 1 && p[0] == '.')) {
            p = end;
            continue;
        }
        if (n == 2 && p[0] == '.' && p[1] == '.') {
            struct stat st;             /* "file/.." is an error */
            out[olen] = '\0';
            if (olen && stat(out, &st) < 0)
                return NULL;
            if (olen && !S_ISDIR(st.st_mode)) {
                errno = ENOTDIR;
                return NULL;
            }
            while (olen > 0 && out[--olen] != '/')
                ;                       /* drop the last component */
            p = end;
            continue;
        }
        if (olen + 1 + n >= sizeof out)
            goto toolong;
        out[olen] = '/';
        memcpy(out + olen + 1, p, n);
        out[olen + 1 + n] = '\0';
        p = end;
        ssize_t l = readlink(out, link, sizeof link - 1);
        if (l < 0) {
            if (errno != EINVAL)        /* EINVAL: exists, not a link */
                return NULL;
            olen += 1 + n;
            continue;
        }
        if (++links > 40) {
            errno = ELOOP;
            return NULL;
        }
        link[l] = '\0';
        if (l + 1 + strlen(p) >= sizeof link)
            goto toolong;
        strcat(link, p);                /* target + what remains */
        strcpy(rest, link);
        p = rest;
        if (rest[0] == '/')
            olen = 0;                   /* absolute target: start over */
    }
    if (olen == 0)
        out[olen++] = '/';
    out[olen] = '\0';
    return resolved ? strcpy(resolved, out) : strdup(out);
toolong:
    errno = ENAMETOOLONG;
    return NULL;
}

/* Replace the trailing "XXXXXX" with letters, and try create() until it
 * does not fail with EEXIST. */
static int fill_template(char *tmpl, int (*create)(const char *), int *result)
{
    size_t n = strlen(tmpl);
    if (n < 6 || strcmp(tmpl + n - 6, "XXXXXX") != 0) {
        errno = EINVAL;
        return -1;
    }
    static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    unsigned long r = (unsigned long)ts.tv_nsec ^ ((unsigned long)getpid() << 16);
    for (int tries = 0; tries < 100; tries++) {
        for (int i = 0; i < 6; i++) {
            r = r * 6364136223846793005ul + 1442695040888963407ul;
            tmpl[n - 6 + i] = letters[(r >> 33) % 62];
        }
        if ((*result = create(tmpl)) >= 0 || errno != EEXIST)
            return *result < 0 ? -1 : 0;
    }
    return -1;                          /* errno is EEXIST */
}

static int create_file(const char *path)
{
    return open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
}

static int create_dir(const char *path)
{
    return mkdir(path, 0700);
}

int mkstemp(char *tmpl)
{
    int fd;
    return fill_template(tmpl, create_file, &fd) < 0 ? -1 : fd;
}

char *mkdtemp(char *tmpl)
{
    int r;
    return fill_template(tmpl, create_dir, &r) < 0 ? NULL : tmpl;
}

/* system: run a command with /bin/sh -c and wait for it. (POSIX also has
 * the caller ignore SIGINT and SIGQUIT, and block SIGCHLD, until the
 * command is done; this one does not.) */
int system(const char *command)
{
    if (!command)
        return access("/bin/sh", X_OK) == 0;
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        execl("/bin/sh", "sh", "-c", command, (char *)NULL);
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return status;
}
