/*
 * read.c: the read builtin, a line of standard input into variables.
 *
 *   read [-r] [-p PROMPT] [NAME...]
 *
 * The line is split at blanks: the first field goes to the first NAME,
 * and so on; the last NAME gets the rest of the line. No NAME: $REPLY.
 * Without -r a backslash takes the next character literally (and a
 * backslash at the end of the line continues it on the next).
 *
 * One byte per read(): whatever follows the line must stay in the input
 * for the next command (`read a; cat` gives cat the rest).
 * Status 1 at end of input with nothing read.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

int bi_read(int argc, char **argv)
{
    int raw = 0, i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "-r")) {
            raw = 1;
        } else if (!strcmp(argv[i], "-p") && i + 1 < argc) {
            fputs(argv[++i], stderr);
        } else {
            sh_error("read: usage: read [-r] [-p prompt] [name ...]");
            return 2;
        }
    }
    /* The line, with a marker byte (\1) before each escaped character so
     * that splitting below leaves escaped blanks alone. */
    struct str line = {0};
    int got = 0;
    char c;
    for (;;) {
        ssize_t n = read(0, &c, 1);
        if (n < 0 && errno == EINTR && !got_sigint)
            continue;
        if (n <= 0)
            break;
        got = 1;
        if (c == '\n')
            break;
        if (c == '\\' && !raw) {
            if (read(0, &c, 1) <= 0 || c == '\n')
                continue;               /* \newline: the line goes on */
            str_addc(&line, '\1');
        }
        str_addc(&line, c);
    }
    const char *p = line.s ? line.s : "";
    char *const reply[] = { "REPLY", NULL };
    char *const *names = i < argc ? argv + i : reply;
    for (; *names; names++) {
        while (is_blank(*p))
            p++;
        struct str field = {0};
        for (; *p && (names[1] == NULL || !is_blank(*p)); p++) {
            if (*p == '\1')
                p++;
            str_addc(&field, *p);
        }
        while (!names[1] && field.len && is_blank(field.s[field.len - 1]))
            field.s[--field.len] = '\0';    /* the last keeps inner blanks */
        var_set(*names, field.s ? field.s : "", 0);
        str_free(&field);
    }
    str_free(&line);
    return got ? 0 : 1;
}
