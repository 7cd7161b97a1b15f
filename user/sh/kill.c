/*
 * kill.c: the kill builtin.
 *
 * kill is built in (there is also /bin/kill) because only the shell knows
 * what %1 means: the process group of job 1.
 *
 *   kill [-s NAME | -NAME | -N] pid|%job ...     (default: TERM)
 *   kill -l [N | NAME ...]                       list, or translate
 */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

/* kill -l: all the names; kill -l 9 -> KILL, kill -l 137 -> KILL (a $?
 * of a killed command), kill -l KILL -> 9. */
static int list(int argc, char **argv)
{
    char name[SIG2STR_MAX];
    if (argc == 0) {
        for (int i = 1; i <= SIGSYS; i++)
            if (sig2str(i, name) == 0)
                printf("%2d) SIG%-8s%s", i, name, i % 5 == 0 || i == SIGSYS ? "\n" : " ");
        return 0;
    }
    int status = 0;
    for (int i = 0; i < argc; i++) {
        int n;
        if (isdigit((unsigned char)argv[i][0])) {
            n = atoi(argv[i]);
            if (sig2str(n > 128 ? n - 128 : n, name) == 0) {
                printf("%s\n", name);
                continue;
            }
        } else if ((n = signal_name_to_number(argv[i])) > 0) {
            printf("%d\n", n);
            continue;
        }
        sh_error("kill: %s: invalid signal specification", argv[i]);
        status = 1;
    }
    return status;
}

/* Signal one target: %job or a process id (negative: a group). */
static int signal_target(const char *t, int sig)
{
    if (t[0] == '%') {
        struct job *j = job_find(t, "kill");
        if (!j)
            return 1;
        if (job_signal(j, sig) < 0) {
            sh_error("kill: %s: %s", t, strerror(errno));
            return 1;
        }
        /* A stopped job cannot act on TERM or HUP until it runs again. */
        if (job_stopped(j) && sig != SIGKILL && sig != SIGCONT && sig != SIGSTOP &&
            sig != SIGTSTP && sig != SIGTTIN && sig != SIGTTOU)
            job_signal(j, SIGCONT);
        return 0;
    }
    char *end;
    long pid = strtol(t, &end, 10);
    if (!*t || *end) {
        sh_error("kill: %s: arguments must be process or job IDs", t);
        return 1;
    }
    if (kill(pid, sig) < 0) {
        sh_error("kill: (%ld) - %s", pid, strerror(errno));
        return 1;
    }
    return 0;
}

int bi_kill(int argc, char **argv)
{
    int sig = SIGTERM, i = 1;
    const char *spec = NULL;            /* the signal, as given */
    if (argc > 1 && !strcmp(argv[1], "-l"))
        return list(argc - 2, argv + 2);
    if (argc > 2 && (!strcmp(argv[1], "-s") || !strcmp(argv[1], "-n"))) {
        spec = argv[2];
        i = 3;
    } else if (argc > 1 && argv[1][0] == '-' && strcmp(argv[1], "--")) {
        spec = argv[1] + 1;
        i = 2;
    }
    if (spec && (sig = signal_name_to_number(spec)) < 0) {
        sh_error("kill: %s: invalid signal specification", spec);
        return 1;
    }
    if (i < argc && !strcmp(argv[i], "--"))
        i++;
    if (i >= argc) {
        sh_error("usage: kill [-s SIGNAL | -SIGNAL] pid | %%job ...  or  kill -l [SIGNAL]");
        return 2;
    }
    int status = 0;
    for (; i < argc; i++)
        status |= signal_target(argv[i], sig);
    return status;
}
