/* strsignal.c: a signal's description, in glibc's words. */
#include <signal.h>
#include <string.h>

static const char *const names[] = {
    [SIGHUP] = "Hangup",
    [SIGINT] = "Interrupt",
    [SIGQUIT] = "Quit",
    [SIGILL] = "Illegal instruction",
    [SIGTRAP] = "Trace/breakpoint trap",
    [SIGABRT] = "Aborted",
    [SIGBUS] = "Bus error",
    [SIGFPE] = "Floating point exception",
    [SIGKILL] = "Killed",
    [SIGUSR1] = "User defined signal 1",
    [SIGSEGV] = "Segmentation fault",
    [SIGUSR2] = "User defined signal 2",
    [SIGPIPE] = "Broken pipe",
    [SIGALRM] = "Alarm clock",
    [SIGTERM] = "Terminated",
    [SIGSTKFLT] = "Stack fault",
    [SIGCHLD] = "Child exited",
    [SIGCONT] = "Continued",
    [SIGSTOP] = "Stopped (signal)",
    [SIGTSTP] = "Stopped",
    [SIGTTIN] = "Stopped (tty input)",
    [SIGTTOU] = "Stopped (tty output)",
    [SIGURG] = "Urgent I/O condition",
    [SIGXCPU] = "CPU time limit exceeded",
    [SIGXFSZ] = "File size limit exceeded",
    [SIGVTALRM] = "Virtual timer expired",
    [SIGPROF] = "Profiling timer expired",
    [SIGWINCH] = "Window changed",
    [SIGIO] = "I/O possible",
    [SIGPWR] = "Power failure",
    [SIGSYS] = "Bad system call",
};

/* Writes the decimal form of n at p, terminated. */
static void put_number(char *p, int n)
{
    char digits[12], *d = digits + sizeof digits;
    unsigned u = n < 0 ? -(unsigned)n : (unsigned)n;
    *--d = '\0';
    do
        *--d = '0' + u % 10;
    while (u /= 10);
    if (n < 0)
        *--d = '-';
    strcpy(p, d);
}

char *strsignal(int sig)
{
    static __thread char buf[32];       /* per thread, like strerror's */
    if (sig > 0 && sig < (int)(sizeof names / sizeof names[0]))
        return (char *)names[sig];
    if (sig >= SIGRTMIN && sig <= SIGRTMAX) {
        put_number(stpcpy(buf, "Real-time signal "), sig - SIGRTMIN);
        return buf;
    }
    put_number(stpcpy(buf, "Unknown signal "), sig);
    return buf;
}
