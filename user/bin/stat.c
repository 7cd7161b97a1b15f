/*
 * stat: everything lstat() says about a file, as coreutils shows it.
 *      stat FILE...
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char *type_name(unsigned m)
{
    switch (m & S_IFMT) {
    case S_IFREG: return "regular file";
    case S_IFDIR: return "directory";
    case S_IFLNK: return "symbolic link";
    case S_IFCHR: return "character special file";
    case S_IFBLK: return "block special file";
    case S_IFIFO: return "fifo";
    case S_IFSOCK: return "socket";
    }
    return "unknown";
}

static void print_time(const char *label, const struct timespec *ts)
{
    struct tm tm;
    char buf[64];
    gmtime_r(&ts->tv_sec, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
    printf("%s: %s.%09ld +0000\n", label, buf, ts->tv_nsec);
}

int main(int argc, char **argv)
{
    int status = 0;
    if (argc < 2 || argv[1][0] == '-') {
        fprintf(stderr, "usage: stat file ...\n");
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (lstat(argv[i], &st) < 0) {
            fprintf(stderr, "stat: cannot stat '%s': %s\n", argv[i], strerror(errno));
            status = 1;
            continue;
        }
        char link[4096] = "";
        if (S_ISLNK(st.st_mode)) {
            ssize_t n = readlink(argv[i], link, sizeof link - 1);
            if (n >= 0)
                link[n] = '\0';
        }
        printf("  File: %s%s%s\n", argv[i], *link ? " -> " : "", link);
        printf("  Size: %-15ld Blocks: %-10ld IO Block: %-6ld %s\n", st.st_size,
               st.st_blocks, st.st_blksize, type_name(st.st_mode));
        printf("Device: %lu,%lu\tInode: %-11lu Links: %lu\n", st.st_dev >> 8,
               st.st_dev & 0xff, st.st_ino, st.st_nlink);
        char mode[11] = "?---------";
        const char *types = "?pc?d?b?-?l?s???";
        mode[0] = types[(st.st_mode & S_IFMT) >> 12];
        for (int b = 0; b < 9; b++)
            if (st.st_mode & (0400 >> b))
                mode[1 + b] = "rwx"[b % 3];
        printf("Access: (%04o/%s)  Uid: (%5u/%8s)   Gid: (%5u/%8s)\n", st.st_mode & 07777, mode,
               st.st_uid, st.st_uid ? "?" : "root", st.st_gid, st.st_gid ? "?" : "root");
        print_time("Access", &st.st_atim);
        print_time("Modify", &st.st_mtim);
        print_time("Change", &st.st_ctim);
    }
    return status;
}
