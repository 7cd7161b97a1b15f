/* abort.c: abnormal termination, and assert()'s failure path. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "libc.h"

/*
 * Raise SIGABRT. If a handler returns, or the signal is ignored or
 * blocked, C still requires that abort not return: restore the default
 * action, unblock, and raise again. No stdio flushing (POSIX allows
 * either; glibc, like us, does not).
 */
_Noreturn void abort(void)
{
    raise(SIGABRT);
    struct sigaction dfl = { .sa_handler = SIG_DFL };
    sigaction(SIGABRT, &dfl, NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGABRT);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(SIGABRT);
    _exit(127);                         /* the kernel did not kill us?! */
}

/* "prog: file.c:12: main: Assertion `x > 0' failed." as glibc words it. */
_Noreturn void __assert_fail(const char *expr, const char *file, int line,
                             const char *func)
{
    dprintf(2, "%s: %s:%d: %s: Assertion `%s' failed.\n", __progname, file, line,
            func, expr);
    abort();
}
