/*
 * kill: send a signal to processes.
 *      kill [-s NAME | -NAME | -N] PID...      (default: TERM)
 *      kill -l [N...]                          the signal names
 * A negative PID names a process group: kill -- -5, or kill -9 -5.
 * (The shell's builtin kill also knows jobs: kill %1.)
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int usage(void)
{
    fprintf(stderr, "usage: kill [-s signal | -signal] pid ...\n       kill -l [signal]\n");
    return 2;
}

int main(int argc, char **argv)
{
    int sig = SIGTERM, i = 1, status = 0;
    if (argc > 1 && !strcmp(argv[1], "-l")) {
        char name[SIG2STR_MAX];
        if (argc == 2) {
            for (int k = 1; k <= SIGSYS; k++)
                if (sig2str(k, name) == 0)
                    printf("%s%c", name, k == SIGSYS ? '\n' : ' ');
            return 0;
        }
        for (i = 2; i < argc; i++) {
            int n = atoi(argv[i]) & 127;    /* 137 (a $?) means 9 too */
            if (sig2str(n, name) != 0) {
                fprintf(stderr, "kill: unknown signal: %s\n", argv[i]);
                return 1;
            }
            puts(name);
        }
        return 0;
    }
    if (argc > 2 && !strcmp(argv[1], "-s")) {
        sig = signal_name_to_number(argv[2]);
        i = 3;
    } else if (argc > 1 && argv[1][0] == '-' && strcmp(argv[1], "--")) {
        sig = signal_name_to_number(argv[1] + 1);
        i = 2;
    }
    if (sig < 0) {
        fprintf(stderr, "kill: unknown signal: %s\n", argv[i - 1]);
        return 1;
    }
    if (i < argc && !strcmp(argv[i], "--"))
        i++;
    if (i >= argc)
        return usage();
    for (; i < argc; i++) {
        char *end;
        long pid = strtol(argv[i], &end, 10);
        if (!*argv[i] || *end) {
            fprintf(stderr, "kill: %s: not a process id\n", argv[i]);
            status = 1;
        } else if (kill(pid, sig) < 0) {
            fprintf(stderr, "kill: (%ld): %s\n", pid, strerror(errno));
            status = 1;
        }
    }
    return status;
}
