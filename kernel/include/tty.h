/*
 * tty.h: the terminal (drivers/tty.c): the line discipline between the
 * keyboard/serial input and the programs reading /dev/console.
 */
#ifndef WEFT_TTY_H
#define WEFT_TTY_H

#include "spinlock.h"
#include "wait.h"
#include "weft/termios.h"

#define TTY_BUF 4096

struct tty {
    struct spinlock lock;
    struct kernel_termios termios;
    struct winsize winsize;

    /* Input ready for read(): completed lines in canonical mode, every
     * byte in raw mode. A ring buffer. */
    char buf[TTY_BUF];
    unsigned head, tail;            /* read at tail, write at head */
    /* The line being edited (canonical mode): erase and kill work here. */
    char line[1024];
    unsigned line_len;
    /* Where ^D ended a line without a newline (read stops there). */
    unsigned pushes[16];
    unsigned npushes;
    int eof;                        /* ^D on an empty line: the next read returns 0 */

    struct wait_queue read_wq;
    int pgrp;                       /* the foreground process group */
    int session;
};

extern struct tty console_tty;
extern const struct file_operations tty_fops;

void tty_init(void);
/* A byte from the keyboard or the serial line (interrupt context). */
void tty_input(struct tty *tty, char c);

#endif
