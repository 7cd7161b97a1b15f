/*
 * write_all.h: write a whole buffer to a file descriptor, for the tools
 * that copy with plain read() and write() (cat, tee, cp). write() may take
 * less than it was asked to (a pipe, a signal), so the loop goes on until
 * everything is out.
 *
 * Header-only, like lines.h: each tool is one .c file built into one
 * program (the Makefile).
 */
#ifndef WEFT_WRITE_ALL_H
#define WEFT_WRITE_ALL_H

#include <errno.h>
#include <unistd.h>

/* 0 once all n bytes are written, -1 (errno says why) if write() fails. */
static inline int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= w;
    }
    return 0;
}

#endif
