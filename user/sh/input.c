/*
 * input.c: reading the shell's input a line at a time, from a file, the
 * terminal, a pipe or a string (sh -c).
 *
 * From a terminal in canonical mode the kernel does the line editing
 * (backspace, ^U, ^D) and read() returns one finished line. From a file
 * we read a buffer's worth at a time; but the commands we run share our
 * standard input, and `read x` or `cat` must find the input just after
 * the line we took, not a block later. So for standard input we seek back
 * over what we read ahead before running a command (input_sync), and
 * when we cannot seek (a pipe) we read one byte at a time, as POSIX asks.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

/* A line from a string: up to and including the next newline. */
static int string_line(struct input *in, struct str *out)
{
    const char *s = in->str + in->str_pos;
    if (!*s)
        return 0;
    size_t n = strcspn(s, "\n");
    n += s[n] == '\n';
    str_addn(out, s, n);
    in->str_pos += n;
    return 1;
}

/*
 * Append the next line, newline included, to out. Returns 1, 0 at the end
 * of the input, or -1 if ^C interrupted the read (interactive shells).
 * A last line without a newline is still a line.
 */
int input_line(struct input *in, struct str *out)
{
    if (in->fd < 0)
        return string_line(in, out);
    int any = 0;
    for (;;) {
        char *start = in->buf + in->start;
        char *nl = memchr(start, '\n', in->end - in->start);
        if (nl) {
            str_addn(out, start, nl + 1 - start);
            in->start += nl + 1 - start;
            return 1;
        }
        if (in->end > in->start) {
            str_addn(out, start, in->end - in->start);
            any = 1;
        }
        in->start = in->end = 0;
        /* Not seekable and not a terminal (a pipe): a byte at a time. */
        size_t want = sizeof in->buf;
        if (in->fd == 0 && lseek(0, 0, SEEK_CUR) < 0 && !isatty(0))
            want = 1;
        ssize_t n = read(in->fd, in->buf, want);
        if (n < 0 && errno == EINTR) {
            if (got_sigint)
                return -1;
            continue;
        }
        if (n <= 0)
            return any;
        in->end = n;
    }
}

/* Give back to standard input what we read ahead (see above). */
void input_sync(struct input *in)
{
    if (in->fd == 0 && in->end > in->start &&
        lseek(0, -(off_t)(in->end - in->start), SEEK_CUR) >= 0)
        in->start = in->end = 0;
}
