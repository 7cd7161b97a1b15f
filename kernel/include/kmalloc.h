/*
 * kmalloc.h: the kernel heap (mm/kmalloc.c).
 */
#ifndef WEFT_KMALLOC_H
#define WEFT_KMALLOC_H

#include <stddef.h>

/* Memory for a kernel object, 16-byte aligned (page-aligned from 4 KiB
 * up); NULL when memory is exhausted: every caller must check. */
void *kmalloc(size_t size);
/* The same, zero-filled. */
void *kzalloc(size_t size);
void kfree(void *p);

/* The size class kmalloc uses for a request (exposed for the unit tests):
 * the smallest of 16, 32, ..., 2048 that fits, or 0 for the page path. */
size_t kmalloc_class_size(size_t size);

#define KMALLOC_MAX_SMALL 2048

#endif
