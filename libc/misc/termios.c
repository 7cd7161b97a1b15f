/* termios.c: terminal settings, through the kernel's TCGETS/TCSETS ioctls.
 * See termios.h for how struct termios relates to the kernel's. */
#include <errno.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "syscall.h"

int tcgetattr(int fd, struct termios *t)
{
    /* The kernel writes the first 36 bytes; the speeds are libc's copy of
     * the CBAUD bits. */
    if (ioctl(fd, TCGETS, t) < 0)
        return -1;
    t->c_ispeed = t->c_ospeed = t->c_cflag & CBAUD;
    return 0;
}

/* TCSANOW, TCSADRAIN and TCSAFLUSH are 0, 1, 2, and the ioctls
 * TCSETS, TCSETSW, TCSETSF are consecutive. */
int tcsetattr(int fd, int when, const struct termios *t)
{
    if (when < TCSANOW || when > TCSAFLUSH) {
        errno = EINVAL;
        return -1;
    }
    return ioctl(fd, TCSETS + when, t);
}

/* A terminal is a file descriptor that answers TCGETS. */
int isatty(int fd)
{
    struct kernel_termios kt;
    return __syscall3(__NR_ioctl, fd, TCGETS, &kt) == 0 ? 1 : (errno = ENOTTY, 0);
}

/* Raw mode: bytes arrive one at a time, unprocessed and unechoed. */
void cfmakeraw(struct termios *t)
{
    t->c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    t->c_oflag &= ~OPOST;
    t->c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
    t->c_cflag &= ~(CSIZE | PARENB);
    t->c_cflag |= CS8;
    t->c_cc[VMIN] = 1;                  /* read returns after 1 byte */
    t->c_cc[VTIME] = 0;                 /* with no timeout */
}

speed_t cfgetospeed(const struct termios *t)
{
    return t->c_cflag & CBAUD;
}

speed_t cfgetispeed(const struct termios *t)
{
    return cfgetospeed(t);              /* Linux has one speed for both */
}

int cfsetospeed(struct termios *t, speed_t speed)
{
    if (speed & ~CBAUD) {
        errno = EINVAL;
        return -1;
    }
    t->c_cflag = (t->c_cflag & ~CBAUD) | speed;
    t->c_ispeed = t->c_ospeed = speed;
    return 0;
}

int cfsetispeed(struct termios *t, speed_t speed)
{
    return speed ? cfsetospeed(t, speed) : 0;   /* 0: "same as output" */
}

int cfsetspeed(struct termios *t, speed_t speed)
{
    return cfsetospeed(t, speed);
}

int tcflush(int fd, int queue)
{
    return ioctl(fd, TCFLSH, queue);
}

/* TCSBRK with a non-zero argument only waits for the output to drain. */
int tcdrain(int fd)
{
    return ioctl(fd, TCSBRK, 1);
}

/* The terminal's foreground process group: whom ^C signals, and who may
 * read from it. */
pid_t tcgetpgrp(int fd)
{
    int pgrp;
    return ioctl(fd, TIOCGPGRP, &pgrp) < 0 ? -1 : pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
    int p = pgrp;
    return ioctl(fd, TIOCSPGRP, &p);
}

pid_t tcgetsid(int fd)
{
    int sid;
    return ioctl(fd, TIOCGSID, &sid) < 0 ? -1 : sid;
}
