/*
 * chmod: change a file's permission bits.
 *      chmod MODE FILE...
 * MODE is octal (755, 0644) or symbolic: [ugoa]*[+-=][rwx]*, several
 * joined by commas (u+x, go-w, a=r, +x).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Apply a symbolic mode to old; -1 if it does not parse. */
static long symbolic(const char *s, unsigned old)
{
    long mode = old & 07777;
    while (*s) {
        unsigned who = 0;
        for (; *s && strchr("ugoa", *s); s++)
            who |= *s == 'u' ? 04700 : *s == 'g' ? 02070 : *s == 'o' ? 01007 : 07777;
        if (!who)
            who = 07777;                /* no u/g/o: all (ignoring umask) */
        char op = *s++;
        if (op != '+' && op != '-' && op != '=')
            return -1;
        unsigned bits = 0;
        for (; *s && strchr("rwx", *s); s++)
            bits |= *s == 'r' ? 0444 : *s == 'w' ? 0222 : 0111;
        bits &= who;
        if (op == '+')
            mode |= bits;
        else if (op == '-')
            mode &= ~bits;
        else
            mode = (mode & ~(who & 0777)) | bits;
        if (*s == ',')
            s++;
        else if (*s)
            return -1;
    }
    return mode;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: chmod mode file ...\n");
        return 2;
    }
    char *end;
    long octal = strtol(argv[1], &end, 8);
    int is_octal = *argv[1] && !*end && octal >= 0 && octal <= 07777;
    int status = 0;
    for (int i = 2; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) < 0) {
            fprintf(stderr, "chmod: cannot access '%s': %s\n", argv[i], strerror(errno));
            status = 1;
            continue;
        }
        long mode = is_octal ? octal : symbolic(argv[1], st.st_mode);
        if (mode < 0) {
            fprintf(stderr, "chmod: invalid mode: '%s'\n", argv[1]);
            return 2;
        }
        if (chmod(argv[i], mode) < 0) {
            fprintf(stderr, "chmod: changing permissions of '%s': %s\n", argv[i],
                    strerror(errno));
            status = 1;
        }
    }
    return status;
}
