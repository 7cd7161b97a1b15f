/* sigset.c: building signal sets. Signal n is bit n-1 of the first word
 * (the only word the kernel reads). */
#include <errno.h>
#include <signal.h>
#include <string.h>

static int bad(int sig)
{
    if (sig < 1 || sig >= _NSIG) {
        errno = EINVAL;
        return 1;
    }
    return 0;
}

int sigemptyset(sigset_t *set)
{
    memset(set, 0, sizeof *set);
    return 0;
}

/* All 64 signals. (The kernel never lets SIGKILL and SIGSTOP be blocked,
 * whatever the set says.) */
int sigfillset(sigset_t *set)
{
    memset(set, 0, sizeof *set);
    set->__bits[0] = ~0ul;
    return 0;
}

int sigaddset(sigset_t *set, int sig)
{
    if (bad(sig))
        return -1;
    set->__bits[0] |= 1ul << (sig - 1);
    return 0;
}

int sigdelset(sigset_t *set, int sig)
{
    if (bad(sig))
        return -1;
    set->__bits[0] &= ~(1ul << (sig - 1));
    return 0;
}

int sigismember(const sigset_t *set, int sig)
{
    if (bad(sig))
        return -1;
    return !!(set->__bits[0] & (1ul << (sig - 1)));
}
