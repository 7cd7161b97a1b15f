/*
 * tty.c: the console terminal and its line discipline.
 *
 * Between the keyboard (or serial line) and a program's read() sits the
 * line discipline, the part of the kernel that makes a terminal feel like
 * one. In canonical mode (ICANON, the default) it collects a line, lets
 * you edit it (Backspace erases a character, ^U the line) and hands it
 * to read() only when you press Enter; ^D at the start of a line is end of
 * file. With ECHO it shows what you type. With ISIG, ^C sends SIGINT, ^Z
 * SIGTSTP and ^\ SIGQUIT to the foreground process group: that is how the
 * shell's job control works. Programs that want every key at once (an
 * editor, a game) turn ICANON and ECHO off with tcsetattr (TCSETS).
 */
#include "tty.h"
#include "drivers.h"
#include "errno.h"
#include "fs.h"
#include "kprintf.h"
#include "proc.h"
#include "signal.h"
#include "string.h"
#include "uaccess.h"
#include "weft/misc.h"

struct tty console_tty;

#define CTRL(c) ((c) & 0x1f)

static void console_hook(char c)
{
    tty_input(&console_tty, c);
}

void tty_init(void)
{
    struct tty *tty = &console_tty;
    console_input_hook = console_hook;
    spin_init(&tty->lock, "tty");
    wait_queue_init(&tty->read_wq, "tty read");
    struct kernel_termios *t = &tty->termios;
    t->c_iflag = ICRNL | IXON;
    t->c_oflag = OPOST | ONLCR;
    t->c_cflag = B38400 | CS8 | CREAD | HUPCL;
    t->c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
    t->c_cc[VINTR] = CTRL('C');
    t->c_cc[VQUIT] = CTRL('\\');
    t->c_cc[VERASE] = 0x7f;
    t->c_cc[VKILL] = CTRL('U');
    t->c_cc[VEOF] = CTRL('D');
    t->c_cc[VMIN] = 1;
    t->c_cc[VSUSP] = CTRL('Z');
    t->c_cc[VWERASE] = CTRL('W');
    tty->winsize = (struct winsize){ .ws_row = 25, .ws_col = 80 };
}

static unsigned used(const struct tty *tty)
{
    return tty->head - tty->tail;
}

static void put(struct tty *tty, char c)
{
    if (used(tty) < TTY_BUF)
        tty->buf[tty->head++ % TTY_BUF] = c;
}

static void echo(struct tty *tty, char c)
{
    if (!(tty->termios.c_lflag & ECHO))
        return;
    if ((tty->termios.c_lflag & ECHOCTL) && (unsigned char)c < 32 && c != '\n' && c != '\t') {
        char s[2] = { '^', (char)(c + '@') };   /* ^C, ^Z ... */
        console_write(s, 2);
    } else {
        console_write(&c, 1);
    }
}

static void signal_fg(struct tty *tty, int sig)
{
    if (tty->pgrp <= 0)
        return;
    struct ksiginfo info = { .code = SI_KERNEL };
    kill_pgrp(tty->pgrp, sig, &info);
}

/* Erase the last character of the line being edited, on screen too. */
static void erase_one(struct tty *tty)
{
    if (tty->line_len == 0)
        return;
    tty->line_len--;
    if ((tty->termios.c_lflag & ECHO) && (tty->termios.c_lflag & ECHOE))
        console_write("\b \b", 3);
}

/* The line is complete: make it readable. */
static void commit_line(struct tty *tty, bool newline)
{
    for (unsigned i = 0; i < tty->line_len; i++)
        put(tty, tty->line[i]);
    if (newline)
        put(tty, '\n');
    else if (tty->npushes < 16)
        tty->pushes[tty->npushes++] = tty->head;   /* read stops here */
    tty->line_len = 0;
}

void tty_input(struct tty *tty, char c)
{
    struct kernel_termios *t = &tty->termios;
    spin_lock(&tty->lock);
    if (c == '\r' && (t->c_iflag & IGNCR))
        goto out;
    if (c == '\r' && (t->c_iflag & ICRNL))
        c = '\n';
    else if (c == '\n' && (t->c_iflag & INLCR))
        c = '\r';

    if (t->c_lflag & ISIG) {
        int sig = c == t->c_cc[VINTR] ? SIGINT : c == t->c_cc[VSUSP] ? SIGTSTP
                : c == t->c_cc[VQUIT] ? SIGQUIT : 0;
        if (sig) {
            echo(tty, c);                   /* "^C"; the shell starts a new line */
            tty->line_len = 0;              /* a signal flushes pending input */
            tty->head = tty->tail;
            tty->npushes = 0;
            spin_unlock(&tty->lock);
            signal_fg(tty, sig);
            return;
        }
    }

    if (!(t->c_lflag & ICANON)) {           /* raw: every byte is readable at once */
        put(tty, c);
        echo(tty, c);
        goto wake;
    }
    if (c == t->c_cc[VERASE] || c == '\b') {
        erase_one(tty);
    } else if (c == t->c_cc[VKILL]) {
        while (tty->line_len)
            erase_one(tty);
    } else if (c == t->c_cc[VWERASE]) {
        while (tty->line_len && tty->line[tty->line_len - 1] == ' ')
            erase_one(tty);
        while (tty->line_len && tty->line[tty->line_len - 1] != ' ')
            erase_one(tty);
    } else if (c == t->c_cc[VEOF]) {
        if (tty->line_len == 0)
            tty->eof++;                     /* an empty line: end of file */
        else
            commit_line(tty, false);
        goto wake;
    } else if (c == '\n') {
        echo(tty, c);
        commit_line(tty, true);
        goto wake;
    } else if (tty->line_len < sizeof tty->line - 1) {
        tty->line[tty->line_len++] = c;
        echo(tty, c);
    }
    goto out;
wake:
    spin_unlock(&tty->lock);
    wake_up(&tty->read_wq);
    return;
out:
    spin_unlock(&tty->lock);
}

/* Is there something read() may return (or must it wait)? */
static bool readable(struct tty *tty)
{
    return used(tty) > 0 || tty->eof > 0;
}

/* Job control: a background process that reads the terminal gets
 * SIGTTIN; one that changes its settings or its foreground group (or
 * writes, with TOSTOP set) gets SIGTTOU. Its whole process group stops;
 * when it is continued in the foreground the call is restarted. A process
 * that ignores or blocks the signal: reading fails with EIO, the rest is
 * allowed (POSIX). */
static int check_background(struct tty *tty, int sig)
{
    struct proc *p = current_proc();
    if (tty->pgrp <= 0 || p->pgid == tty->pgrp || p->sid != tty->session)
        return 0;
    struct kernel_sigaction *a = &p->sighand->action[sig - 1];
    if (a->handler == SIG_IGN_VALUE || (current->sigmask & sigmask_of(sig)))
        return sig == SIGTTIN ? -EIO : 0;
    struct ksiginfo info = { .code = SI_KERNEL };
    kill_pgrp(p->pgid, sig, &info);
    return -ERESTARTSYS;
}

static long tty_read(struct file *f, char __user *ubuf, size_t len, uint64_t *off)
{
    (void)off;
    struct tty *tty = &console_tty;
    if (len == 0)
        return 0;
    int err = check_background(tty, SIGTTIN);
    if (err)
        return err;

    spin_lock(&tty->lock);
    bool raw = !(tty->termios.c_lflag & ICANON);
    if (raw && tty->termios.c_cc[VMIN] == 0 && !readable(tty)) {
        spin_unlock(&tty->lock);
        return 0;                           /* VMIN 0: poll, do not wait */
    }
    if (!readable(tty) && (f->flags & O_NONBLOCK)) {
        spin_unlock(&tty->lock);
        return -EAGAIN;
    }
    err = wait_event_interruptible_locked(&tty->read_wq, readable(tty), &tty->lock);
    if (err) {
        spin_unlock(&tty->lock);
        return -ERESTARTSYS;
    }
    char kbuf[256];
    size_t n = 0;
    if (used(tty) == 0 && tty->eof > 0) {
        tty->eof--;                         /* ^D: this read returns 0 */
    } else {
        while (n < len && n < sizeof kbuf && used(tty) > 0) {
            if (!raw && tty->npushes && tty->tail == tty->pushes[0] && n > 0)
                break;                      /* a ^D boundary */
            char c = tty->buf[tty->tail++ % TTY_BUF];
            kbuf[n++] = c;
            if (!raw && c == '\n')
                break;                      /* one line per read */
        }
        while (tty->npushes && (int)(tty->tail - tty->pushes[0]) >= 0) {
            memmove(tty->pushes, tty->pushes + 1, --tty->npushes * sizeof tty->pushes[0]);
        }
    }
    spin_unlock(&tty->lock);
    if (n && copy_to_user(ubuf, kbuf, n))
        return -EFAULT;
    return (long)n;
}

static long tty_write(struct file *f, const char __user *ubuf, size_t len, uint64_t *off)
{
    (void)f, (void)off;
    if (console_tty.termios.c_lflag & TOSTOP) {
        int err = check_background(&console_tty, SIGTTOU);
        if (err)
            return err;
    }
    char kbuf[256];
    size_t done = 0;
    while (done < len) {
        size_t n = len - done < sizeof kbuf ? len - done : sizeof kbuf;
        if (copy_from_user(kbuf, ubuf + done, n))
            return done ? (long)done : -EFAULT;
        console_write(kbuf, n);
        done += n;
    }
    return (long)done;
}

static long tty_ioctl(struct file *f, unsigned long cmd, unsigned long arg)
{
    (void)f;
    struct tty *tty = &console_tty;
    void *uarg = (void *)arg;
    int pgrp;
    switch (cmd) {
    case TCGETS:
        return copy_to_user(uarg, &tty->termios, sizeof tty->termios) ? -EFAULT : 0;
    case TCSETS:
    case TCSETSW:
    case TCSETSF: {
        int err = check_background(tty, SIGTTOU);
        if (err)
            return err;
        struct kernel_termios t;
        if (copy_from_user(&t, uarg, sizeof t))
            return -EFAULT;
        spin_lock(&tty->lock);
        if ((tty->termios.c_lflag & ICANON) && !(t.c_lflag & ICANON))
            commit_line(tty, false);        /* to raw: what was typed becomes readable */
        if (cmd == TCSETSF)
            tty->head = tty->tail = tty->line_len = tty->npushes = 0;
        tty->termios = t;
        spin_unlock(&tty->lock);
        wake_up(&tty->read_wq);
        return 0;
    }
    case TIOCGWINSZ:
        return copy_to_user(uarg, &tty->winsize, sizeof tty->winsize) ? -EFAULT : 0;
    case TIOCSWINSZ:
        return copy_from_user(&tty->winsize, uarg, sizeof tty->winsize) ? -EFAULT : 0;
    case TIOCGPGRP:
        return copy_to_user(uarg, &tty->pgrp, sizeof tty->pgrp) ? -EFAULT : 0;
    case TIOCSPGRP: {
        int err = check_background(tty, SIGTTOU);
        if (err)
            return err;
        if (copy_from_user(&pgrp, uarg, sizeof pgrp))
            return -EFAULT;
        if (pgrp <= 0)
            return -EINVAL;
        if (current_proc()->sid != tty->session)
            return -ENOTTY;
        tty->pgrp = pgrp;
        return 0;
    }
    case TIOCGSID:
        return copy_to_user(uarg, &tty->session, sizeof tty->session) ? -EFAULT : 0;
    case TIOCSCTTY:
        tty->session = current_proc()->sid;
        tty->pgrp = current_proc()->pgid;
        current_proc()->ctty = tty;
        return 0;
    case TIOCNOTTY:
        current_proc()->ctty = NULL;
        return 0;
    case TIOCSTI: {
        /* "Simulate terminal input": the byte is handled as if typed,
         * signals and all. The tests use it to press ^C and ^Z. */
        char c;
        if (copy_from_user(&c, uarg, 1))
            return -EFAULT;
        tty_input(tty, c);
        return 0;
    }
    case FIONREAD: {
        int n = (int)used(tty);
        return copy_to_user(uarg, &n, sizeof n) ? -EFAULT : 0;
    }
    default:
        return -ENOTTY;
    }
}

static unsigned tty_poll(struct file *f, struct poll_table *pt)
{
    (void)f;
    struct tty *tty = &console_tty;
    poll_wait(pt, &tty->read_wq);
    return (readable(tty) ? POLLIN | POLLRDNORM : 0) | POLLOUT | POLLWRNORM;
}

/* Opening the console: the first session leader to open it gets it as its
 * controlling terminal (Linux does so unless O_NOCTTY). */
static int tty_open(struct inode *inode, struct file *f)
{
    (void)inode;
    struct proc *p = current_proc();
    struct tty *tty = &console_tty;
    if (p && !(f->flags & O_NOCTTY) && p->sid == p->pid && tty->session == 0) {
        tty->session = p->sid;
        tty->pgrp = p->pgid;
        p->ctty = tty;
    }
    return 0;
}

const struct file_operations tty_fops = {
    .read = tty_read,
    .write = tty_write,
    .ioctl = tty_ioctl,
    .poll = tty_poll,
    .open = tty_open,
};
