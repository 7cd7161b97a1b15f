/* sys/ioctl.h: device control. The requests are the kernel's. */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H
#include <weft/termios.h>               /* TIOCGWINSZ, struct winsize, ... */
int ioctl(int fd, unsigned long request, ...);
#endif
