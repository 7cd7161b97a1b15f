/*
 * xargs: run a command with arguments read from standard input.
 *      xargs [-n N] [COMMAND [ARG...]]        (COMMAND: echo)
 * The words of the input (separated by blanks and newlines) are added to
 * the command's arguments, N at a time (default: all at once).
 * Exit status: 0, or 123 if a command failed, 127 if it was not found.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int run(char **argv)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        perror("xargs: fork");
        return 1;
    }
    if (pid == 0) {
        execvp(argv[0], argv);
        fprintf(stderr, "xargs: %s: %s\n", argv[0], strerror(errno));
        _exit(errno == ENOENT ? 127 : 126);
    }
    int ws;
    if (waitpid(pid, &ws, 0) < 0)
        return 1;
    if (WIFEXITED(ws) && WEXITSTATUS(ws) >= 126)
        return WEXITSTATUS(ws);
    return ws != 0;
}

int main(int argc, char **argv)
{
    long max = 0;
    int i = 1;
    if (i + 1 < argc && !strcmp(argv[i], "-n")) {
        char *end;
        max = strtol(argv[i + 1], &end, 10);
        if (*end || max <= 0) {
            fprintf(stderr, "usage: xargs [-n number] [command [arg ...]]\n");
            return 2;
        }
        i += 2;
    }
    int fixed = argc > i ? argc - i : 1;
    char **cmd = malloc((fixed + 1) * sizeof *cmd);
    if (argc > i)
        memcpy(cmd, argv + i, fixed * sizeof *cmd);
    else
        cmd[0] = "echo";
    int n = fixed, status = 0, c;
    size_t cap = fixed + 1;
    char word[4096];
    size_t len = 0;
    do {
        c = getchar();
        if (c != EOF && !isspace(c) && len < sizeof word - 1) {
            word[len++] = c;
            continue;
        }
        if (len) {                      /* a word ended */
            word[len] = '\0';
            len = 0;
            if ((size_t)n + 2 > cap)
                cmd = realloc(cmd, (cap *= 2) * sizeof *cmd);
            cmd[n++] = strdup(word);
        }
        if (n > fixed && ((max && n - fixed == max) || c == EOF)) {
            cmd[n] = NULL;
            int r = run(cmd);
            if (r >= 126)
                return r == 126 ? 126 : 127;
            if (r)
                status = 123;
            n = fixed;
        }
    } while (c != EOF);
    return status;
}
