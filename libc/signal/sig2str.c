/*
 * sig2str.c: signal names, both ways (POSIX.1-2024 sig2str and str2sig).
 *
 *      char name[SIG2STR_MAX];
 *      sig2str(SIGKILL, name);         // "KILL"
 *      str2sig("TERM", &n);            // n = 15
 *      str2sig("15", &n);              // n = 15 too
 *
 * Names are without the "SIG" prefix, as kill -l prints them; real-time
 * signals are "RTMIN", "RTMIN+n", "RTMAX-n", "RTMAX". For what a user types
 * to kill, signal_name_to_number below is more forgiving.
 */
#include <ctype.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const names[] = {
    [SIGHUP] = "HUP",     [SIGINT] = "INT",       [SIGQUIT] = "QUIT",   [SIGILL] = "ILL",
    [SIGTRAP] = "TRAP",   [SIGABRT] = "ABRT",     [SIGBUS] = "BUS",     [SIGFPE] = "FPE",
    [SIGKILL] = "KILL",   [SIGUSR1] = "USR1",     [SIGSEGV] = "SEGV",   [SIGUSR2] = "USR2",
    [SIGPIPE] = "PIPE",   [SIGALRM] = "ALRM",     [SIGTERM] = "TERM",   [SIGSTKFLT] = "STKFLT",
    [SIGCHLD] = "CHLD",   [SIGCONT] = "CONT",     [SIGSTOP] = "STOP",   [SIGTSTP] = "TSTP",
    [SIGTTIN] = "TTIN",   [SIGTTOU] = "TTOU",     [SIGURG] = "URG",     [SIGXCPU] = "XCPU",
    [SIGXFSZ] = "XFSZ",   [SIGVTALRM] = "VTALRM", [SIGPROF] = "PROF",   [SIGWINCH] = "WINCH",
    [SIGIO] = "IO",       [SIGPWR] = "PWR",       [SIGSYS] = "SYS",
};
#define NNAMES ((int)(sizeof names / sizeof names[0]))

int sig2str(int sig, char *str)
{
    if (sig > 0 && sig < NNAMES && names[sig]) {
        strcpy(str, names[sig]);
    } else if (sig == SIGRTMIN) {
        strcpy(str, "RTMIN");
    } else if (sig == SIGRTMAX) {
        strcpy(str, "RTMAX");
    } else if (sig > SIGRTMIN && sig < SIGRTMAX) {
        /* The lower half counts up from RTMIN, the upper down from RTMAX. */
        if (sig <= (SIGRTMIN + SIGRTMAX) / 2)
            snprintf(str, SIG2STR_MAX, "RTMIN+%d", sig - SIGRTMIN);
        else
            snprintf(str, SIG2STR_MAX, "RTMAX-%d", SIGRTMAX - sig);
    } else {
        return -1;
    }
    return 0;
}

int str2sig(const char *str, int *sig)
{
    if (*str >= '0' && *str <= '9') {
        char *end;
        long n = strtol(str, &end, 10);
        if (*end || n <= 0 || n >= NSIG)
            return -1;
        *sig = (int)n;
        return 0;
    }
    for (int i = 1; i < NNAMES; i++) {
        if (names[i] && strcmp(str, names[i]) == 0) {
            *sig = i;
            return 0;
        }
    }
    int base = strncmp(str, "RTMIN", 5) == 0 ? SIGRTMIN : strncmp(str, "RTMAX", 5) == 0 ? SIGRTMAX : 0;
    if (!base)
        return -1;
    int off = 0;
    if (str[5]) {
        char *end;
        off = (int)strtol(str + 6, &end, 10);
        if ((str[5] != '+' && str[5] != '-') || *end || str[6] < '0' || str[6] > '9')
            return -1;
        off = str[5] == '+' ? off : -off;
    }
    int n = base + off;
    if (n < SIGRTMIN || n > SIGRTMAX)
        return -1;
    *sig = n;
    return 0;
}

/* Not POSIX: a signal as kill(1) takes it on its command line, a number or
 * a name in any case, with or without "SIG": "9", "KILL", "kill", "SIGKILL"
 * -> 9. (procps, which has Linux's kill, has a function of the same name.)
 * Returns the signal, or -1 if it is none. */
int signal_name_to_number(const char *name)
{
    if (strncasecmp(name, "SIG", 3) == 0)
        name += 3;
    char up[SIG2STR_MAX];
    if (strlen(name) >= sizeof up)
        return -1;
    size_t i = 0;
    for (; name[i]; i++)
        up[i] = (char)toupper((unsigned char)name[i]);
    up[i] = '\0';
    int sig;
    return str2sig(up, &sig) == 0 ? sig : -1;
}
