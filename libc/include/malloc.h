/* malloc.h: the allocator's extras (glibc's header name). */
#ifndef _MALLOC_H
#define _MALLOC_H
#include <stdlib.h>
size_t malloc_usable_size(void *p);
int __malloc_check(void);               /* heap consistency, for tests */
#endif
