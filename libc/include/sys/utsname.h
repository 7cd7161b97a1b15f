/* sys/utsname.h: the system's name (struct utsname is the kernel's). */
#ifndef _SYS_UTSNAME_H
#define _SYS_UTSNAME_H
#include <weft/utsname.h>
int uname(struct utsname *u);
#endif
