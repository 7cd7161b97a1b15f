/* strings.h: the BSD string functions POSIX kept. */
#ifndef _STRINGS_H
#define _STRINGS_H

#include <stddef.h>

int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);
int ffs(int i);
void bzero(void *s, size_t n);

#endif
