/*
 * libc_stdio.c: stdio on real files and pipes: fopen's modes, buffering,
 * reading lines, seeking, errors, and the flush at exit.
 * Files go in /tmp (writable on weft's root file system too).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "libc_check.h"

#define F1 "/tmp/libc_stdio.1"
#define F2 "/tmp/libc_stdio.2"

/* The whole content of a file, via the system calls (not stdio). */
static const char *slurp(const char *path)
{
    static char buf[8192];
    int fd = open(path, O_RDONLY);
    ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
    if (fd >= 0)
        close(fd);
    buf[n < 0 ? 0 : n] = '\0';
    return buf;
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) < 0 ? -1 : st.st_size;
}

static void write_and_read(void)
{
    FILE *f = fopen(F1, "w");
    CHECK(f != NULL);
    CHECK_EQ(fprintf(f, "line %d\n", 1), 7);
    CHECK(fputs("line 2\n", f) >= 0);
    CHECK_EQ(fputc('x', f), 'x');
    CHECK_EQ(fwrite("yz\n", 1, 3, f), 3);
    CHECK_EQ(fclose(f), 0);
    CHECK_STREQ(slurp(F1), "line 1\nline 2\nxyz\n");

    f = fopen(F1, "r");
    char line[64];
    CHECK(fgets(line, sizeof line, f) != NULL);
    CHECK_STREQ(line, "line 1\n");
    CHECK_EQ(fgetc(f), 'l');
    CHECK_EQ(ungetc('L', f), 'L');            /* push back a different byte */
    CHECK(fgets(line, 4, f) != NULL);         /* size 4: three bytes + NUL */
    CHECK_STREQ(line, "Lin");
    char rest[64] = { 0 };
    CHECK_EQ(fread(rest, 1, sizeof rest, f), 8);   /* "e 2\nxyz\n": short read */
    CHECK_STREQ(rest, "e 2\nxyz\n");
    CHECK(feof(f));
    CHECK(!ferror(f));
    CHECK_EQ(fgetc(f), EOF);
    CHECK(fgets(line, sizeof line, f) == NULL);
    clearerr(f);
    CHECK(!feof(f));
    fclose(f);
}

static void modes(void)
{
    FILE *f = fopen(F1, "w");
    fputs("hello", f);
    fclose(f);
    f = fopen(F1, "a");                       /* append */
    fputs(" world", f);
    fclose(f);
    CHECK_STREQ(slurp(F1), "hello world");

    f = fopen(F1, "r+");                      /* read and write, no truncation */
    char buf[8] = { 0 };
    CHECK_EQ(fread(buf, 1, 5, f), 5);
    CHECK_STREQ(buf, "hello");
    CHECK_EQ(fseek(f, 0, SEEK_CUR), 0);       /* C wants a seek between the two */
    fputs("_", f);                            /* overwrite the space */
    fclose(f);
    CHECK_STREQ(slurp(F1), "hello_world");

    f = fopen(F1, "w+");                      /* truncate, then read back */
    CHECK_EQ(file_size(F1), 0);
    fputs("abc", f);
    rewind(f);
    CHECK_EQ(fgetc(f), 'a');
    fclose(f);

    f = fopen(F1, "a+");                      /* append; reads from the start */
    fputs("def", f);
    fflush(f);
    rewind(f);
    CHECK(fgets(buf, sizeof buf, f) != NULL);
    CHECK_STREQ(buf, "abcdef");
    fputs("g", f);                            /* still appends at the end */
    fclose(f);
    CHECK_STREQ(slurp(F1), "abcdefg");

    f = fopen(F1, "rb");                      /* 'b' is accepted and ignored */
    CHECK(f != NULL);
    fclose(f);
    errno = 0;
    CHECK(fopen("/tmp/libc_stdio.does-not-exist", "r") == NULL);
    CHECK_EQ(errno, ENOENT);
    errno = 0;
    CHECK(fopen(F1, "q") == NULL);
    CHECK_EQ(errno, EINVAL);
    f = fopen(F1, "r");
    CHECK_EQ(fputc('x', f), EOF);             /* not open for writing */
    CHECK(ferror(f));
    fclose(f);
}

static void seek_and_tell(void)
{
    FILE *f = fopen(F1, "w+");
    for (int i = 0; i < 1000; i++)
        fprintf(f, "%04d", i);                /* 4000 bytes */
    CHECK_EQ(ftell(f), 4000);                 /* counts the buffered bytes */
    CHECK_EQ(fseek(f, 400, SEEK_SET), 0);
    char buf[5] = { 0 };
    CHECK_EQ(fread(buf, 1, 4, f), 4);
    CHECK_STREQ(buf, "0100");
    CHECK_EQ(ftell(f), 404);                  /* despite the read-ahead */
    CHECK_EQ(fseek(f, -8, SEEK_CUR), 0);
    CHECK_EQ(fread(buf, 1, 4, f), 4);
    CHECK_STREQ(buf, "0099");
    CHECK_EQ(fseek(f, -4, SEEK_END), 0);
    CHECK_EQ(fread(buf, 1, 4, f), 4);
    CHECK_STREQ(buf, "0999");
    CHECK_EQ(fgetc(f), EOF);
    CHECK_EQ(fseek(f, 0, SEEK_SET), 0);
    CHECK(!feof(f));                          /* fseek clears end-of-file */
    fclose(f);
}

static void lines(void)
{
    FILE *f = fopen(F1, "w");
    fputs("short\n\n", f);
    for (int i = 0; i < 10000; i++)           /* a line longer than BUFSIZ */
        fputc('a' + i % 26, f);
    fputs("\nno newline at end", f);
    fclose(f);

    f = fopen(F1, "r");
    char *line = NULL;
    size_t cap = 0;
    CHECK_EQ(getline(&line, &cap, f), 6);
    CHECK_STREQ(line, "short\n");
    CHECK_EQ(getline(&line, &cap, f), 1);
    CHECK_EQ(getline(&line, &cap, f), 10001);
    CHECK(cap > 10001);
    CHECK_EQ(line[9999], 'a' + 9999 % 26);
    CHECK_EQ(getline(&line, &cap, f), 17);
    CHECK_STREQ(line, "no newline at end");
    CHECK_EQ(getline(&line, &cap, f), -1);
    rewind(f);
    CHECK_EQ(getdelim(&line, &cap, 'o', f), 3);    /* up to and with the 'o' */
    CHECK_STREQ(line, "sho");
    free(line);
    fclose(f);
}

/* Buffering seen from outside: the file's size before and after fflush. */
static void buffering(void)
{
    FILE *f = fopen(F1, "w");
    fputs("buffered", f);
    CHECK_EQ(file_size(F1), 0);               /* still in the buffer */
    CHECK_EQ(fflush(f), 0);
    CHECK_EQ(file_size(F1), 8);
    fclose(f);

    f = fopen(F1, "w");
    CHECK_EQ(setvbuf(f, NULL, _IONBF, 0), 0);
    fputs("now", f);
    CHECK_EQ(file_size(F1), 3);               /* unbuffered: written at once */
    fclose(f);

    f = fopen(F1, "w");
    char mybuf[64];
    CHECK_EQ(setvbuf(f, mybuf, _IOLBF, sizeof mybuf), 0);
    fputs("no newline", f);
    CHECK_EQ(file_size(F1), 0);
    fputs(" - now one\nmore", f);
    /* The newline sends the buffer: the line, and (weft's simplification:
     * the whole buffer goes) the "more" after it. */
    CHECK_EQ(file_size(F1), 25);
    fclose(f);

    FILE *g = fopen(F2, "w");
    f = fopen(F1, "w");
    fputs("a", f);
    fputs("b", g);
    CHECK_EQ(fflush(NULL), 0);                /* NULL: every stream */
    CHECK_EQ(file_size(F1), 1);
    CHECK_EQ(file_size(F2), 1);
    fclose(f);
    fclose(g);
}

/* A pipe: fdopen both ends, a child writes, the parent reads. */
static void pipes(void)
{
    int fds[2];
    CHECK_EQ(pipe(fds), 0);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        FILE *w = fdopen(fds[1], "w");
        for (int i = 0; i < 500; i++)
            fprintf(w, "row %d\n", i);
        exit(0);                              /* exit flushes the stream */
    }
    close(fds[1]);
    FILE *r = fdopen(fds[0], "r");
    CHECK(r != NULL);
    CHECK_EQ(fileno(r), fds[0]);
    char line[32];
    int n = 0, ok = 1;
    while (fgets(line, sizeof line, r)) {
        char want[32];
        snprintf(want, sizeof want, "row %d\n", n++);
        ok &= strcmp(line, want) == 0;
    }
    CHECK(ok);
    CHECK_EQ(n, 500);
    CHECK(feof(r));
    fclose(r);
    int status;
    CHECK_EQ(waitpid(pid, &status, 0), pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    errno = 0;
    CHECK(fdopen(999, "r") == NULL);          /* not an open descriptor */
    CHECK_EQ(errno, EBADF);
}

static void print_without_newline(void) { printf("flushed by exit"); }
static void print_then__exit(void) { printf("lost"); _exit(0); }
static void print_perror(void) { errno = ENOENT; perror("thing"); perror(NULL); }
/* The first printf decides stdout's buffering with an ioctl that fails on
 * a pipe: errno must survive that, for %m and for the caller. */
static void print_errno(void) { errno = EACCES; printf("%m|"); printf("%d\n", errno); }
static void print_mixed(void)
{
    printf("out1 ");
    fprintf(stderr, "err ");                  /* unbuffered: first */
    printf("out2\n");
    dprintf(1, "fd %d\n", 42);                /* straight to the descriptor */
}

static void exit_flush_and_stderr(void)
{
    CHECK_STREQ(child_output(print_without_newline, NULL), "flushed by exit");
    CHECK_STREQ(child_output(print_then__exit, NULL), "");      /* _exit flushes nothing */
    CHECK_STREQ(child_output(print_errno, NULL), "Permission denied|13\n");
    CHECK_STREQ(child_output(print_perror, NULL),
                "thing: No such file or directory\nNo such file or directory\n");
    /* stdout on a pipe is fully buffered: it comes out at exit, after
     * the unbuffered stderr and the dprintf. */
    CHECK_STREQ(child_output(print_mixed, NULL), "err fd 42\nout1 out2\n");
}

static void remove_and_rename(void)
{
    FILE *f = fopen(F1, "w");
    fputs("moved", f);
    fclose(f);
    unlink(F2);
    CHECK_EQ(rename(F1, F2), 0);
    CHECK_EQ(access(F1, F_OK), -1);
    CHECK_STREQ(slurp(F2), "moved");
    CHECK_EQ(remove(F2), 0);
    CHECK_EQ(access(F2, F_OK), -1);
    mkdir("/tmp/libc_stdio.dir", 0755);
    CHECK_EQ(remove("/tmp/libc_stdio.dir"), 0);           /* directories too */
    CHECK_EQ(remove("/tmp/libc_stdio.dir"), -1);
    CHECK_EQ(errno, ENOENT);
}

static void formatted_io(void)
{
    char buf[64];
    CHECK_EQ(snprintf(buf, sizeof buf, "%5.2f|%-4d|%x|%s", 3.14159, 7, 255, "ok"), 16);
    CHECK_STREQ(buf, " 3.14|7   |ff|ok");
    int a, b;
    char word[16];
    CHECK_EQ(sscanf("12 -7 word", "%d %d %15s", &a, &b, word), 3);
    CHECK_EQ(a, 12);
    CHECK_EQ(b, -7);
    CHECK_STREQ(word, "word");
    FILE *f = fopen(F1, "w");
    CHECK_EQ(fprintf(f, "%s=%ld\n", "big", 1234567890123L), 18);
    fclose(f);
    CHECK_STREQ(slurp(F1), "big=1234567890123\n");
    unlink(F1);
}

static const struct check_case cases[] = {
    CASE(write_and_read), CASE(modes), CASE(seek_and_tell), CASE(lines),
    CASE(buffering), CASE(pipes), CASE(exit_flush_and_stderr),
    CASE(remove_and_rename), CASE(formatted_io),
};

int main(int argc, char **argv)
{
    return RUN("stdio", cases);
}
