/*
 * main.c: the shell's start, and its read-parse-run loop.
 *
 *   sh                      read commands from standard input; when that
 *                           is a terminal: a prompt, and job control
 *   sh FILE [ARG...]        run the script FILE, with $1... = ARGs
 *   sh -c CMD [ARG0 [ARG...]]  run the string CMD
 *
 * The exit status is the last command's (or that given to `exit`).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

/* "weft:/tmp# ", after "[1] " if the last command failed; "> " when the
 * command goes on (an open quote, a trailing |, an if without fi). */
static void prompt(int more)
{
    char cwd[PATH_MAX], buf[PATH_MAX + 32];
    if (more) {
        fputs("> ", stderr);
        return;
    }
    if (!getcwd(cwd, sizeof cwd))
        strcpy(cwd, "?");
    int n = 0;
    if (last_status)
        n = snprintf(buf, sizeof buf, "[%d] ", last_status);
    snprintf(buf + n, sizeof buf - n, "weft:%s%c ", cwd, geteuid() == 0 ? '#' : '$');
    fputs(buf, stderr);
}

/*
 * Read, parse, run, until the input ends. A command may span several
 * lines: parse says "incomplete" until it has all of them. A syntax error
 * ends a script (bash does the same); at a prompt, it is just reported.
 */
int run_source(struct input *in, int interactive_input)
{
    struct str text = {0};
    for (;;) {
        if (interactive_input) {
            if (!text.len)
                jobs_notify();
            prompt(text.len > 0);
        }
        got_sigint = 0;
        int r = input_line(in, &text);
        if (r < 0) {                    /* ^C: forget the line */
            fputc('\n', stderr);
            str_free(&text);
            last_status = 130;
            continue;
        }
        if (r == 0) {
            if (text.len) {
                sh_error("syntax error: unexpected end of file");
                last_status = 2;
            }
            break;
        }
        struct arena arena = {0};
        struct node *tree = NULL;
        enum parse_result res = parse(text.s, &arena, &tree);
        if (res != P_INCOMPLETE)
            str_free(&text);            /* the tree has copies of it all */
        if (res == P_OK) {
            input_sync(in);
            interrupted = 0;
            run(tree);
        }
        if (!(res == P_OK && arena.keep))
            arena_free(&arena);         /* (a function's body stays) */
        if (res == P_ERROR) {
            last_status = 2;
            if (!interactive_input)
                break;
        }
    }
    str_free(&text);
    return last_status;
}

int run_string(const char *s)
{
    struct input in = { .fd = -1, .str = s };
    return run_source(&in, 0);
}

/* A script: its descriptor moves to 10 or above, close-on-exec, out of
 * the way of the descriptors (0-9) that redirections may name. */
int run_file(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        sh_error("%s: %s", path, strerror(errno));
        return 127;
    }
    struct input in = { .fd = fcntl(fd, F_DUPFD_CLOEXEC, 10) };
    close(fd);
    int status = run_source(&in, 0);
    close(in.fd);
    return status;
}

static _Noreturn void usage(void)
{
    fprintf(stderr, "usage: sh [-c command [arg0 [arg ...]]] | [file [arg ...]]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    shell_pid = getpid();
    vars_init(environ);
    arg0 = argv[0] ? argv[0] : "sh";
    int i = 1;
    if (i < argc && !strcmp(argv[i], "-c")) {
        if (argc < 3)
            usage();
        if (argc > 3) {
            arg0 = argv[3];
            posv = argv + 4;
            posc = argc - 4;
        }
        sh_exit(run_string(argv[2]));
    }
    if (i < argc && !strcmp(argv[i], "--"))
        i++;
    else if (i < argc && argv[i][0] == '-' && argv[i][1])
        usage();
    if (i < argc) {
        arg0 = argv[i];
        posv = argv + i + 1;
        posc = argc - i - 1;
        sh_exit(run_file(argv[i]));
    }

    interactive = isatty(0);
    jobs_init();
    struct input in = { .fd = 0 };
    run_source(&in, interactive);
    if (interactive)
        fputs("exit\n", stderr);
    sh_exit(last_status);
}
