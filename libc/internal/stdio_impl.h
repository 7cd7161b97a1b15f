/*
 * stdio_impl.h (libc-internal): what a FILE is.
 *
 * A FILE is a file descriptor plus one buffer, used for reading or for
 * writing at any moment (`state`):
 *
 *   READING: buf[pos..len) holds bytes read from the fd but not yet
 *            consumed; the fd's offset is len - pos bytes ahead of the
 *            program's position in the stream.
 *   WRITING: buf[0..len) holds bytes written by the program but not yet
 *            passed to write(2).
 *   IDLE:    the buffer is empty.
 *
 * Switching direction flushes (WRITING) or gives back the unread bytes
 * with lseek (READING), so a "r+" stream works without the fseek C asks
 * for between the two.
 */
#ifndef _LIBC_STDIO_IMPL_H
#define _LIBC_STDIO_IMPL_H

#include <stdio.h>

#include "lock.h"

enum { IDLE, READING, WRITING };

/* f->flags */
#define F_CAN_READ  1
#define F_CAN_WRITE 2
#define F_EOF       4                   /* feof() */
#define F_ERR       8                   /* ferror() */
#define F_OWN_BUF   16                  /* buf came from malloc: free it */
#define F_STATIC    32                  /* stdin/stdout/stderr: never freed */

#define MODE_UNSET  (-1)                /* decide on first use (isatty) */

struct __FILE {
    int fd;
    int flags;                          /* F_* */
    int mode;                           /* _IOFBF, _IOLBF, _IONBF, MODE_UNSET */
    int state;                          /* IDLE, READING, WRITING */
    unsigned char *buf;                 /* NULL until first use */
    size_t size;                        /* capacity of buf */
    size_t pos, len;                    /* see above */
    int ungot;                          /* ungetc()'s byte, or EOF if none */
    unsigned char tiny;                 /* the buffer of an unbuffered stream */
    struct __FILE *prev, *next;         /* every open FILE, for fflush(NULL) */
    /* Threads: every public function locks the stream around its work
     * (FLOCK/FUNLOCK) and calls only the internal helpers, which assume
     * the lock is held. Recursive, so that flockfile() can hold it
     * across several calls. */
    struct __rlock lock;
};

#define FLOCK(f)   __rlock_lock(&(f)->lock)
#define FUNLOCK(f) __rlock_unlock(&(f)->lock)

/* The list of open streams (stdfiles.c), guarded by __stdio_list_lock.
 * Lock order: the list first, then a stream; never the other way round
 * (__stdio_flush_line_buffered, called with a stream held, only tries). */
extern FILE *__stdio_head;
extern volatile int __stdio_list_lock;
void __stdio_link(FILE *f);
void __stdio_unlink(FILE *f);

/* buffer.c: the helpers every stream operation is made of. */
int __stdio_setup(FILE *f);             /* allocate buf, decide the mode */
int __stdio_flush(FILE *f);             /* write out pending bytes */
int __stdio_to_read(FILE *f);           /* prepare for reading */
int __stdio_to_write(FILE *f);          /* prepare for writing */
int __stdio_fill(FILE *f);              /* read more: > 0, or 0 at EOF/error */
size_t __stdio_write(FILE *f, const void *p, size_t n);
int __stdio_getc(FILE *f);
void __stdio_flush_line_buffered(void);

/* fopen.c: "r+" etc. to open(2) flags; -1 (EINVAL) if malformed. */
int __stdio_parse_mode(const char *mode, int *stream_flags);
FILE *__stdio_new(int fd, int stream_flags);

#endif
