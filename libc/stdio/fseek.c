/* fseek.c: positioning, and the end-of-file and error indicators. */
#include <errno.h>
#include <unistd.h>

#include "stdio_impl.h"

int fseeko(FILE *f, off_t off, int whence)
{
    FLOCK(f);
    int ret = -1;
    if (f->state == WRITING && __stdio_flush(f) == EOF)
        goto out;
    /* SEEK_CUR is relative to the program's position, which is behind the
     * fd's by the bytes read ahead (and the pushed-back one). */
    if (whence == SEEK_CUR) {
        if (f->state == READING)
            off -= (off_t)(f->len - f->pos);
        off -= f->ungot != EOF;
    }
    if (lseek(f->fd, off, whence) < 0)
        goto out;
    f->state = IDLE;
    f->pos = f->len = 0;
    f->ungot = EOF;
    f->flags &= ~F_EOF;
    ret = 0;
out:
    FUNLOCK(f);
    return ret;
}

int fseek(FILE *f, long off, int whence)
{
    return fseeko(f, off, whence);
}

off_t ftello(FILE *f)
{
    FLOCK(f);
    off_t pos = lseek(f->fd, 0, SEEK_CUR);
    if (pos >= 0) {
        if (f->state == READING)
            pos -= (off_t)(f->len - f->pos);
        else if (f->state == WRITING)
            pos += (off_t)f->len;       /* not yet written, but ours */
        pos -= f->ungot != EOF;         /* ungetc steps back one */
    }
    FUNLOCK(f);
    return pos;
}

long ftell(FILE *f)
{
    return ftello(f);
}

void rewind(FILE *f)
{
    fseeko(f, 0, SEEK_SET);
    clearerr(f);
}

int fgetpos(FILE *restrict f, fpos_t *restrict pos)
{
    off_t p = ftello(f);
    if (p < 0)
        return -1;
    *pos = p;
    return 0;
}

int fsetpos(FILE *f, const fpos_t *pos)
{
    return fseeko(f, *pos, SEEK_SET);
}

int feof(FILE *f)
{
    return !!(f->flags & F_EOF);
}

int ferror(FILE *f)
{
    return !!(f->flags & F_ERR);
}

void clearerr(FILE *f)
{
    f->flags &= ~(F_EOF | F_ERR);
}
