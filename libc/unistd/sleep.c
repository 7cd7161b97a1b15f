/* sleep.c: sleeping, alarms and waiting for signals. */
#include <errno.h>
#include <time.h>
#include <unistd.h>

#include "syscall.h"

int nanosleep(const struct timespec *req, struct timespec *rem)
{
    return (int)__syscall_ret(__syscall2(__NR_nanosleep, req, rem));
}

/* clock_nanosleep returns the error number instead of setting errno. */
int clock_nanosleep(clockid_t id, int flags, const struct timespec *req,
                    struct timespec *rem)
{
    return -(int)__syscall4(__NR_clock_nanosleep, id, flags, req, rem);
}

/* Returns the seconds left if a signal cut the sleep short. */
unsigned sleep(unsigned seconds)
{
    struct timespec ts = { seconds, 0 };
    if (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        return (unsigned)ts.tv_sec + (ts.tv_nsec > 0);   /* round up */
    return 0;
}

int usleep(useconds_t usec)
{
    struct timespec ts = { usec / 1000000, (long)(usec % 1000000) * 1000 };
    return nanosleep(&ts, NULL);
}

/* SIGALRM in `seconds`; returns the seconds left on the previous alarm. */
unsigned alarm(unsigned seconds)
{
    return (unsigned)__syscall1(__NR_alarm, seconds);
}

/* Sleep until a signal is caught; always -1 with EINTR. */
int pause(void)
{
    return (int)__syscall_ret(__syscall0(__NR_pause));
}
