/*
 * t_sig.h: a signal's disposition and mask bit, one call each.
 */
#ifndef WEFT_T_SIG_H
#define WEFT_T_SIG_H

#include <signal.h>
#include <stddef.h>

/* Is sig blocked in this thread's mask? */
static inline int is_blocked(int sig)
{
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    return sigismember(&cur, sig);
}

/* Back to SIG_DFL (no handler, no flags). */
static inline void set_default(int sig)
{
    struct sigaction sa = { 0 };
    sa.sa_handler = SIG_DFL;
    sigaction(sig, &sa, NULL);
}

#endif
