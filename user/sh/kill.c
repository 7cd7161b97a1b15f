/*
 * kill.c: the kill builtin, and signal names.
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
#include <strings.h>

#include "sh.h"

/* "9", "KILL", "SIGKILL", "kill" -> 9; -1 if it is no signal. The names
 * come from libc (sig2str/str2sig), shared with /bin/kill. */
static int sig_number(const char *s)
{
    char up[SIG2STR_MAX];
    if (strncasecmp(s, "SIG", 3) == 0)
        s += 3;
    size_t i = 0;
    for (; s[i] && i < sizeof up - 1; i++)
        up[i] = (char)toupper((unsigned char)s[i]);
    up[i] = '\0';
    int sig;
    return str2sig(up, &sig) == 0 ? sig : -1;
}

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
        int n = sig_number(argv[i]);
        if (isdigit((unsigned char)argv[i][0])) {
            n = atoi(argv[i]);
            n = n > 128 ? n - 128 : n;
            if (sig2str(n, name) == 0) {
                printf("%s\n", name);
                continue;
            }
        } else if (n > 0) {
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
    if (argc > 1 && !strcmp(argv[1], "-l"))
        return list(argc - 2, argv + 2);
    if (argc > 2 && (!strcmp(argv[1], "-s") || !strcmp(argv[1], "-n"))) {
        sig = sig_number(argv[2]);
        i = 3;
        if (sig < 0) {
            sh_error("kill: %s: invalid signal specification", argv[2]);
            return 1;
        }
    } else if (argc > 1 && argv[1][0] == '-' && strcmp(argv[1], "--")) {
        sig = sig_number(argv[1] + 1);
        i = 2;
        if (sig < 0) {
            sh_error("kill: %s: invalid signal specification", argv[1] + 1);
            return 1;
        }
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
