/*
 * string.h: the kernel's memory and string functions (lib/string.c).
 * Same names and prototypes as the C library's, so they read as usual.
 */
#ifndef WEFT_STRING_H
#define WEFT_STRING_H

#include <stddef.h>

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
/* Copies at most size-1 bytes and always terminates; returns strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size);

/* memset(page, 0, 4096) and memcpy(dst, src, 4096), named for what the
 * memory manager does with them (inline, so the host unit tests get them
 * on top of the host's memset and memcpy). */
static inline void zero_page(void *page)
{
    memset(page, 0, 4096);
}

static inline void copy_page(void *dst, const void *src)
{
    memcpy(dst, src, 4096);
}

#endif
