/* sysconf.c: system limits and facts, and the host name. */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "libc.h"
#include "syscall.h"

/* CPUs we may run on: the bits set in our affinity mask. The system call
 * returns how many bytes of mask it wrote. */
static long count_cpus(void)
{
    unsigned long mask[16] = { 0 };     /* up to 1024 CPUs */
    long n = __syscall3(__NR_sched_getaffinity, 0, sizeof mask, mask);
    if (n <= 0)
        return 1;                       /* not supported: assume one */
    long cpus = 0;
    for (size_t i = 0; i < (size_t)n / sizeof mask[0]; i++)
        cpus += __builtin_popcountl(mask[i]);
    return cpus ? cpus : 1;
}

long sysconf(int name)
{
    struct rlimit rl;
    switch (name) {
    case _SC_PAGESIZE: return (long)__libc.page_size;
    case _SC_CLK_TCK: return __libc.clk_tck;
    case _SC_NPROCESSORS_CONF:
    case _SC_NPROCESSORS_ONLN: return count_cpus();
    case _SC_ARG_MAX: return ARG_MAX;
    case _SC_CHILD_MAX: return -1;      /* no fixed limit */
    case _SC_NGROUPS_MAX: return NGROUPS_MAX;
    case _SC_LINE_MAX: return LINE_MAX;
    case _SC_HOST_NAME_MAX: return HOST_NAME_MAX;
    case _SC_OPEN_MAX:
        if (getrlimit(RLIMIT_NOFILE, &rl) < 0 || rl.rlim_cur == RLIM_INFINITY)
            return -1;
        return (long)rl.rlim_cur;
    default:
        errno = EINVAL;
        return -1;
    }
}

int getpagesize(void)
{
    return (int)__libc.page_size;
}

int gethostname(char *name, size_t len)
{
    struct utsname u;
    if (uname(&u) < 0)
        return -1;
    if (strlcpy(name, u.nodename, len) >= len) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}
