/* flockfile.c: holding a stream's lock across several calls (POSIX), so
 * that, say, a line printed with many putc's from one thread is not
 * interleaved with another thread's output. The lock is recursive: the
 * putc's inside take it again. */
#include "stdio_impl.h"

void flockfile(FILE *f)
{
    FLOCK(f);
}

int ftrylockfile(FILE *f)
{
    return __rlock_trylock(&f->lock) ? 0 : -1;
}

void funlockfile(FILE *f)
{
    FUNLOCK(f);
}

/* The caller holds the lock (flockfile), or has only one thread. */
int getc_unlocked(FILE *f)
{
    return __stdio_getc(f);
}

int getchar_unlocked(void)
{
    return __stdio_getc(stdin);
}

int putc_unlocked(int c, FILE *f)
{
    unsigned char ch = (unsigned char)c;
    return __stdio_write(f, &ch, 1) == 1 ? ch : EOF;
}

int putchar_unlocked(int c)
{
    return putc_unlocked(c, stdout);
}
