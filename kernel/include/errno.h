/* errno.h: the kernel returns Linux's error numbers, negated. */
#ifndef WEFT_ERRNO_H
#define WEFT_ERRNO_H
#include "uapi/errno.h"
#endif
