/*
 * t_errno.h: calls that must fail, and with which errno (Linux's, from
 * the man pages). FAILS_WITH for one call; ERR for a table of them, each
 * miss added to the list of t_bad.h, and END() fails the case with the
 * whole list, so that one report names every call that answers wrongly:
 *
 *      bad_reset();
 *      ERR("rmdir /", rmdir("/"), EBUSY);
 *      ERR("mkdir /", mkdir("/", 0755), EEXIST);
 *      END();
 */
#ifndef WEFT_T_ERRNO_H
#define WEFT_T_ERRNO_H

#include <errno.h>
#include <stdio.h>

#include "t.h"
#include "t_bad.h"

/* errno after a call that must fail, or 0 if it succeeded. */
#define FAILS_WITH(call) (errno = 0, (call) == -1 ? errno : 0)

/* The name of an errno value ("ENOENT"), for messages. */
static inline const char *ename(int e)
{
    static char other[16];
    switch (e) {
#define E(x) case x: return #x;
    E(EPERM) E(ENOENT) E(EBADF) E(EFAULT) E(EEXIST) E(EXDEV) E(ENOTDIR) E(EISDIR)
    E(EINVAL) E(EMFILE) E(ENOSPC) E(ESPIPE) E(ENAMETOOLONG) E(ENOTEMPTY) E(ELOOP)
    E(EACCES) E(EBUSY) E(ERANGE) E(ENOMEM) E(EAGAIN) E(EPIPE) E(ENOSYS) E(EROFS)
#undef E
    case 0:
        return "0";
    }
    snprintf(other, sizeof other, "errno %d", e);
    return other;
}

/* A call labelled `what` returned r: list it unless it failed with want. */
static inline void expect_err(const char *what, long r, int want)
{
    int e = errno;
    if (r != -1 || e != want)
        bad_add("%s: %s (want %s)", what, r == -1 ? ename(e) : "succeeded", ename(want));
}

/* ERR(label, call, errno): the call must fail with that errno. */
#define ERR(what, call, want)                                                     \
    do {                                                                          \
        errno = 0;                                                                \
        long _r = (long)(call);                                                   \
        expect_err(what, _r, want);                                               \
    } while (0)

/* List something wrong that is not an errno. */
static inline void note_fail(const char *what)
{
    errno = 0;
    bad_add("%s", what);
}

/* The end of a table: the case fails if anything was listed. */
#define END() CHECKF(bad_count == 0, "%d wrong: %s", bad_count, bad_list)

#endif
