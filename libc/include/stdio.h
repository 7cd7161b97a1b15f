/* stdio.h: buffered streams (FILE) and formatted output. stdio/ explains. */
#ifndef _STDIO_H
#define _STDIO_H

#include <bits/types.h>
#include <stdarg.h>
#include <stddef.h>

/* The FILE structure is private to the library (internal/stdio_impl.h). */
typedef struct __FILE FILE;
typedef long fpos_t;

extern FILE *const stdin;
extern FILE *const stdout;
extern FILE *const stderr;
#define stdin  (stdin)
#define stdout (stdout)
#define stderr (stderr)

#define EOF      (-1)
#define BUFSIZ   4096
#define FILENAME_MAX 4096
#define FOPEN_MAX 1000
#define L_tmpnam 20
#define _IOFBF 0                        /* fully buffered */
#define _IOLBF 1                        /* line buffered */
#define _IONBF 2                        /* unbuffered */
#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif

FILE *fopen(const char *restrict path, const char *restrict mode);
FILE *fdopen(int fd, const char *mode);
FILE *freopen(const char *restrict path, const char *restrict mode, FILE *restrict f);
int fclose(FILE *f);
int fflush(FILE *f);
int fileno(FILE *f);
int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size);
void setbuf(FILE *restrict f, char *restrict buf);

size_t fread(void *restrict p, size_t size, size_t n, FILE *restrict f);
size_t fwrite(const void *restrict p, size_t size, size_t n, FILE *restrict f);
int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
int ungetc(int c, FILE *f);
char *fgets(char *restrict s, int size, FILE *restrict f);
ssize_t getline(char **restrict line, size_t *restrict cap, FILE *restrict f);
ssize_t getdelim(char **restrict line, size_t *restrict cap, int delim, FILE *restrict f);
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *restrict s, FILE *restrict f);
int puts(const char *s);

int feof(FILE *f);
int ferror(FILE *f);
void clearerr(FILE *f);
int fseek(FILE *f, long off, int whence);
int fseeko(FILE *f, off_t off, int whence);
long ftell(FILE *f);
off_t ftello(FILE *f);
void rewind(FILE *f);
int fgetpos(FILE *restrict f, fpos_t *restrict pos);
int fsetpos(FILE *f, const fpos_t *pos);

#define __printf_like(fmt, args) __attribute__((format(printf, fmt, args)))
int printf(const char *restrict fmt, ...) __printf_like(1, 2);
int fprintf(FILE *restrict f, const char *restrict fmt, ...) __printf_like(2, 3);
int dprintf(int fd, const char *restrict fmt, ...) __printf_like(2, 3);
int sprintf(char *restrict s, const char *restrict fmt, ...) __printf_like(2, 3);
int snprintf(char *restrict s, size_t n, const char *restrict fmt, ...) __printf_like(3, 4);
int asprintf(char **s, const char *fmt, ...) __printf_like(2, 3);
int vprintf(const char *restrict fmt, va_list ap) __printf_like(1, 0);
int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap) __printf_like(2, 0);
int vdprintf(int fd, const char *restrict fmt, va_list ap) __printf_like(2, 0);
int vsprintf(char *restrict s, const char *restrict fmt, va_list ap) __printf_like(2, 0);
int vsnprintf(char *restrict s, size_t n, const char *restrict fmt, va_list ap)
    __printf_like(3, 0);
int vasprintf(char **s, const char *fmt, va_list ap) __printf_like(2, 0);

int sscanf(const char *restrict s, const char *restrict fmt, ...)
    __attribute__((format(scanf, 2, 3)));
int vsscanf(const char *restrict s, const char *restrict fmt, va_list ap)
    __attribute__((format(scanf, 2, 0)));

void perror(const char *s);
int remove(const char *path);
int rename(const char *from, const char *to);

/* Threads: every stdio call locks its stream; flockfile holds the lock
 * across several calls (the *_unlocked variants skip it, for use inside). */
void flockfile(FILE *f);
int ftrylockfile(FILE *f);
void funlockfile(FILE *f);
int getc_unlocked(FILE *f);
int getchar_unlocked(void);
int putc_unlocked(int c, FILE *f);
int putchar_unlocked(int c);

#endif
