/*
 * touch: make files exist, and set their times to now.
 *      touch FILE...
 * A missing file is created empty (open with O_CREAT); an existing one
 * gets its access and modification times set to now (utimensat with no
 * times means "now").
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int status = 0;
    if (argc < 2 || argv[1][0] == '-') {
        fprintf(stderr, "usage: touch file ...\n");
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        int fd = open(argv[i], O_WRONLY | O_CREAT | O_NOCTTY, 0666);
        if (fd < 0 && errno == EISDIR)
            fd = open(argv[i], O_RDONLY);   /* a directory exists: fine */
        if (fd < 0) {
            fprintf(stderr, "touch: cannot touch '%s': %s\n", argv[i], strerror(errno));
            status = 1;
            continue;
        }
        close(fd);
        /* libc has no utimensat() wrapper: the system call directly. */
        if (syscall(SYS_utimensat, AT_FDCWD, argv[i], NULL, 0) < 0 && errno != ENOSYS) {
            fprintf(stderr, "touch: setting times of '%s': %s\n", argv[i], strerror(errno));
            status = 1;
        }
    }
    return status;
}
