/*
 * termios.h: terminal settings.
 *
 * struct termios has musl's (and glibc's) layout: 60 bytes. The kernel's
 * TCGETS/TCSETS read and write only the first 36 (struct kernel_termios:
 * the four flag words, c_line and 19 control characters); c_cc has room
 * for 32, and the two speeds are libc's copies of the CBAUD bits of
 * c_cflag, where Linux keeps the speed.
 */
#ifndef _TERMIOS_H
#define _TERMIOS_H

#include <bits/types.h>
#include <weft/termios.h>

typedef unsigned char cc_t;
typedef unsigned int speed_t;
typedef unsigned int tcflag_t;

#define NCCS 32

struct termios {
    tcflag_t c_iflag;                   /* input modes: ICRNL, IXON, ... */
    tcflag_t c_oflag;                   /* output modes: OPOST, ONLCR */
    tcflag_t c_cflag;                   /* control modes: CS8, speed */
    tcflag_t c_lflag;                   /* local modes: ICANON, ECHO, ISIG */
    cc_t c_line;                        /* line discipline (0) */
    cc_t c_cc[NCCS];                    /* special characters: VINTR, VEOF... */
    speed_t c_ispeed;
    speed_t c_ospeed;
};

/* tcsetattr's "when" (libc's numbers: tcsetattr adds them to TCSETS). */
#define TCSANOW   0                     /* now */
#define TCSADRAIN 1                     /* after output drains */
#define TCSAFLUSH 2                     /* after draining, dropping input */

int tcgetattr(int fd, struct termios *t);
int tcsetattr(int fd, int when, const struct termios *t);
void cfmakeraw(struct termios *t);
speed_t cfgetospeed(const struct termios *t);
speed_t cfgetispeed(const struct termios *t);
int cfsetospeed(struct termios *t, speed_t speed);
int cfsetispeed(struct termios *t, speed_t speed);
int cfsetspeed(struct termios *t, speed_t speed);
int tcflush(int fd, int queue);
int tcdrain(int fd);
pid_t tcgetsid(int fd);
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t pgrp);

#endif
