/*
 * weft.h: the weft libc functions under test, by their renamed names.
 * (The Makefile compiles libc's pure files with every global symbol
 * prefixed weft_, so they do not collide with the host's C library.)
 * Only host headers are included by the tests, so the prototypes are
 * repeated here with host types, which have the same ABI.
 */
#ifndef LIBC_WEFT_H
#define LIBC_WEFT_H

#include <stdarg.h>
#include <stddef.h>
#include <sys/types.h>

/* string.h, strings.h, ctype.h, libgen.h */
void *weft_memcpy(void *, const void *, size_t);
void *weft_memmove(void *, const void *, size_t);
void *weft_memset(void *, int, size_t);
int weft_memcmp(const void *, const void *, size_t);
void *weft_memchr(const void *, int, size_t);
void *weft_memrchr(const void *, int, size_t);
void *weft_mempcpy(void *, const void *, size_t);
size_t weft_strlen(const char *);
size_t weft_strnlen(const char *, size_t);
int weft_strcmp(const char *, const char *);
int weft_strncmp(const char *, const char *, size_t);
char *weft_strcpy(char *, const char *);
char *weft_strncpy(char *, const char *, size_t);
char *weft_stpcpy(char *, const char *);
char *weft_stpncpy(char *, const char *, size_t);
size_t weft_strlcpy(char *, const char *, size_t);
size_t weft_strlcat(char *, const char *, size_t);
char *weft_strcat(char *, const char *);
char *weft_strncat(char *, const char *, size_t);
char *weft_strchr(const char *, int);
char *weft_strchrnul(const char *, int);
char *weft_strrchr(const char *, int);
char *weft_strstr(const char *, const char *);
size_t weft_strspn(const char *, const char *);
size_t weft_strcspn(const char *, const char *);
char *weft_strpbrk(const char *, const char *);
char *weft_strtok(char *, const char *);
char *weft_strtok_r(char *, const char *, char **);
char *weft_strsep(char **, const char *);
char *weft_strdup(const char *);
char *weft_strndup(const char *, size_t);
int weft_strcasecmp(const char *, const char *);
int weft_strncasecmp(const char *, const char *, size_t);
char *weft_strerror(int);
int weft_strerror_r(int, char *, size_t);
char *weft_strsignal(int);
int weft_ffs(int);
int weft_isalnum(int), weft_isalpha(int), weft_isblank(int), weft_iscntrl(int);
int weft_isdigit(int), weft_isgraph(int), weft_islower(int), weft_isprint(int);
int weft_ispunct(int), weft_isspace(int), weft_isupper(int), weft_isxdigit(int);
int weft_isascii(int), weft_tolower(int), weft_toupper(int);
char *weft_basename(char *);
char *weft_dirname(char *);

/* stdio.h: formatting into memory */
int weft_snprintf(char *, size_t, const char *, ...);
int weft_vsnprintf(char *, size_t, const char *, va_list);
int weft_sprintf(char *, const char *, ...);
int weft_asprintf(char **, const char *, ...);
int weft_sscanf(const char *, const char *, ...);

/* stdlib.h */
long weft_strtol(const char *, char **, int);
unsigned long weft_strtoul(const char *, char **, int);
long long weft_strtoll(const char *, char **, int);
unsigned long long weft_strtoull(const char *, char **, int);
int weft_atoi(const char *);
long weft_atol(const char *);
void weft_qsort(void *, size_t, size_t, int (*)(const void *, const void *));
void *weft_bsearch(const void *, const void *, size_t, size_t,
                   int (*)(const void *, const void *));
int weft_abs(int);
void *weft_malloc(size_t);
void weft_free(void *);
void *weft_calloc(size_t, size_t);
void *weft_realloc(void *, size_t);
int weft_posix_memalign(void **, size_t, size_t);
void *weft_aligned_alloc(size_t, size_t);
size_t weft_malloc_usable_size(void *);
int weft___malloc_check(void);

/* signal.h: the names of signals (sig2str.c) */
int weft_sig2str(int, char *);
int weft_str2sig(const char *, int *);
int weft_signal_name_to_number(const char *);

/* What malloc calls, supplied by the malloc test (or a default stub). */
void *weft_sbrk(long);
void *weft_mmap(void *, size_t, int, int, int, off_t);
int weft_munmap(void *, size_t);

#endif
