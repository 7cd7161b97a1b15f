/*
 * mv: move (rename) files.
 *      mv SRC DST          rename SRC to DST
 *      mv SRC... DIR       move each SRC into the directory DIR
 * rename() does it in one step within a file system; weft has only the
 * one, so there is no copy-and-delete fallback.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int main(int argc, char **argv)
{
    if (argc < 3 || argv[1][0] == '-') {
        fprintf(stderr, "usage: mv source dest  or  mv source ... directory\n");
        return 2;
    }
    const char *last = argv[argc - 1];
    struct stat st;
    int isdir = stat(last, &st) == 0 && S_ISDIR(st.st_mode);
    if (argc > 3 && !isdir) {
        fprintf(stderr, "mv: target '%s' is not a directory\n", last);
        return 1;
    }
    int status = 0;
    for (int i = 1; i < argc - 1; i++) {
        char *dst = strdup(last);
        if (isdir) {
            const char *base = strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i];
            size_t n = strlen(last) + strlen(base) + 2;
            dst = realloc(dst, n);
            snprintf(dst, n, "%s/%s", last, base);
        }
        if (rename(argv[i], dst) < 0) {
            fprintf(stderr, "mv: cannot move '%s' to '%s': %s\n", argv[i], dst, strerror(errno));
            status = 1;
        }
        free(dst);
    }
    return status;
}
