/*
 * wc: count lines, words and bytes.
 *      wc [-l] [-w] [-c] [FILE...]
 * Without options, all three. A word is a run of non-blank characters.
 * With several files, a "total" line too.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int show_l, show_w, show_c;

struct counts {
    long lines, words, bytes;
};

static int count(int fd, const char *name, struct counts *c)
{
    char buf[8192];
    int in_word = 0;
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        c->bytes += n;
        for (ssize_t i = 0; i < n; i++) {
            unsigned char ch = buf[i];
            c->lines += ch == '\n';
            if (isspace(ch)) {
                in_word = 0;
            } else if (!in_word) {
                in_word = 1;
                c->words++;
            }
        }
    }
    if (n < 0) {
        fprintf(stderr, "wc: %s: %s\n", name, strerror(errno));
        return 1;
    }
    return 0;
}

/* One number alone is printed bare (`wc -l < f` says "3"); several are
 * lined up in columns, as coreutils does. */
static void print(struct counts *c, const char *name)
{
    int one = show_l + show_w + show_c == 1;
    const char *sep = "";
    long v[3] = { c->lines, c->words, c->bytes };
    int show[3] = { show_l, show_w, show_c };
    for (int i = 0; i < 3; i++) {
        if (!show[i])
            continue;
        printf(one ? "%s%ld" : "%s%7ld", sep, v[i]);
        sep = " ";
    }
    printf(name ? " %s\n" : "\n", name);
}

int main(int argc, char **argv)
{
    int c, status = 0;
    while ((c = getopt(argc, argv, "lwc")) != -1) {
        if (c == 'l')
            show_l = 1;
        else if (c == 'w')
            show_w = 1;
        else if (c == 'c')
            show_c = 1;
        else {
            fprintf(stderr, "usage: wc [-lwc] [file ...]\n");
            return 2;
        }
    }
    if (!show_l && !show_w && !show_c)
        show_l = show_w = show_c = 1;
    if (optind >= argc) {
        struct counts k = {0};
        status = count(0, "-", &k);
        print(&k, NULL);
        return status;
    }
    struct counts total = {0};
    for (int i = optind; i < argc; i++) {
        struct counts k = {0};
        int fd = strcmp(argv[i], "-") ? open(argv[i], O_RDONLY) : 0;
        if (fd < 0) {
            fprintf(stderr, "wc: %s: %s\n", argv[i], strerror(errno));
            status = 1;
            continue;
        }
        status |= count(fd, argv[i], &k);
        if (fd > 0)
            close(fd);
        print(&k, argv[i]);
        total.lines += k.lines;
        total.words += k.words;
        total.bytes += k.bytes;
    }
    if (argc - optind > 1)
        print(&total, "total");
    return status;
}
