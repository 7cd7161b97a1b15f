/*
 * redirect.c: < > >> 2> 2>&1 and friends.
 *
 * A redirection is an open() and a dup2() onto the descriptor named:
 * `cmd > out 2>&1` opens out, makes it descriptor 1, then makes 2 a copy
 * of 1. Order matters, left to right, as in every shell.
 *
 * In a child about to exec, that is all. A builtin runs in the shell
 * itself, though, and `pwd > file` must not leave the shell's own output
 * in file afterwards: so the caller can ask for the old descriptors to be
 * saved (copies at 10 and up, close-on-exec) and put back by undo_redirs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

struct saved_fd {
    struct saved_fd *next;
    int fd;                             /* the descriptor redirected */
    int copy;                           /* its old self, or -1 if closed */
};

/* Remember fd's current state before it is replaced. */
static void save(struct saved_fd **list, int fd)
{
    struct saved_fd *s = xmalloc(sizeof *s);
    s->fd = fd;
    s->copy = fcntl(fd, F_DUPFD_CLOEXEC, 10);
    s->next = *list;
    *list = s;
}

/* n>&m and n>&- : returns 0, or -1 after a message. */
static int dup_fd(int fd, const char *target)
{
    if (strcmp(target, "-") == 0) {
        close(fd);
        return 0;
    }
    char *end;
    long from = strtol(target, &end, 10);
    if (*target == '\0' || *end != '\0' || from < 0 || from > 1000) {
        sh_error("%s: ambiguous redirect", target);
        return -1;
    }
    if (from != fd && dup2(from, fd) < 0) {
        sh_error("%ld: %s", from, strerror(errno));
        return -1;
    }
    return 0;
}

static int open_file(struct redir *r, const char *path)
{
    int flags = r->op == R_IN ? O_RDONLY
              : r->op == R_APPEND ? O_WRONLY | O_CREAT | O_APPEND
              : O_WRONLY | O_CREAT | O_TRUNC;
    int fd = open(path, flags, 0666);
    if (fd < 0) {
        sh_error("%s: %s", path, strerror(errno));
        return -1;
    }
    if (fd != r->fd) {
        int ok = dup2(fd, r->fd);
        close(fd);
        if (ok < 0) {
            sh_error("%d: %s", r->fd, strerror(errno));
            return -1;
        }
    }
    return 0;
}

/* Apply the list; save != NULL asks for undo information. */
int do_redirs(struct redir *r, struct saved_fd **save_list)
{
    for (; r; r = r->next) {
        char *target = expand_one(r->target);
        if (!target)
            return -1;
        if (save_list)
            save(save_list, r->fd);
        int ok = r->op == R_DUP ? dup_fd(r->fd, target) : open_file(r, target);
        free(target);
        if (ok < 0)
            return -1;
    }
    return 0;
}

/* Put back what do_redirs changed, newest first. */
void undo_redirs(struct saved_fd *s)
{
    while (s) {
        struct saved_fd *next = s->next;
        if (s->copy >= 0) {
            dup2(s->copy, s->fd);
            close(s->copy);
        } else {
            close(s->fd);
        }
        free(s);
        s = next;
    }
}
