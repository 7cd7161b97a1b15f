/*
 * stdfiles.c: stdin, stdout and stderr, the list of open streams, and
 * flushing them all (fflush(NULL), and exit()).
 *
 * Buffering follows C and POSIX: stderr is unbuffered, so a message is
 * out before a crash; stdin and stdout are line buffered when they are
 * a terminal (a prompt appears, a line shows as soon as it ends) and fully
 * buffered otherwise (fast pipes and files). The terminal test (isatty,
 * an ioctl) waits until the stream's first use: MODE_UNSET.
 */
#include <unistd.h>

#include "libc.h"
#include "stdio_impl.h"

static FILE std_files[3] = {
    { .fd = 0, .flags = F_CAN_READ | F_STATIC, .mode = MODE_UNSET, .ungot = EOF,
      .next = &std_files[1] },
    { .fd = 1, .flags = F_CAN_WRITE | F_STATIC, .mode = MODE_UNSET, .ungot = EOF,
      .prev = &std_files[0], .next = &std_files[2] },
    { .fd = 2, .flags = F_CAN_WRITE | F_STATIC, .mode = _IONBF, .ungot = EOF,
      .prev = &std_files[1] },
};

FILE *const stdin = &std_files[0];
FILE *const stdout = &std_files[1];
FILE *const stderr = &std_files[2];

FILE *__stdio_head = &std_files[0];
volatile int __stdio_list_lock;         /* threads: guards the list */

void __stdio_link(FILE *f)
{
    __lock(&__stdio_list_lock);
    f->prev = NULL;
    f->next = __stdio_head;
    if (__stdio_head)
        __stdio_head->prev = f;
    __stdio_head = f;
    __unlock(&__stdio_list_lock);
}

void __stdio_unlink(FILE *f)
{
    __lock(&__stdio_list_lock);
    if (f->prev)
        f->prev->next = f->next;
    else
        __stdio_head = f->next;
    if (f->next)
        f->next->prev = f->prev;
    __unlock(&__stdio_list_lock);
}

int fflush(FILE *f)
{
    if (!f) {                           /* NULL: every output stream */
        int ret = 0;
        __lock(&__stdio_list_lock);
        for (FILE *g = __stdio_head; g; g = g->next)
            if (g->state == WRITING && fflush(g) == EOF)
                ret = EOF;
        __unlock(&__stdio_list_lock);
        return ret;
    }
    FLOCK(f);
    int ret = 0;
    if (f->state == WRITING) {
        ret = __stdio_flush(f);
    } else if (f->state == READING) {
        /* POSIX: flushing an input stream moves the fd back to where the
         * program is; the unread bytes are dropped. A pipe cannot seek,
         * and then there is nothing to do. */
        off_t unread = (off_t)(f->len - f->pos) + (f->ungot != EOF);
        if (unread)
            lseek(f->fd, -unread, SEEK_CUR);
        f->pos = f->len = 0;
        f->ungot = EOF;
        f->state = IDLE;
    }
    FUNLOCK(f);
    return ret;
}

/* Called by exit(): the strong definition that replaces exit.c's empty
 * weak one whenever this file is linked in. */
void __stdio_exit(void)
{
    fflush(NULL);
}
