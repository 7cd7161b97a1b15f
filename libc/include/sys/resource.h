/* sys/resource.h: priorities, limits and usage. */
#ifndef _SYS_RESOURCE_H
#define _SYS_RESOURCE_H

#include <bits/types.h>
#include <weft/misc.h>
#include <weft/sched.h>                 /* PRIO_PROCESS ... */
#include <weft/time.h>                  /* struct rusage */

int getpriority(int which, id_t who);
int setpriority(int which, id_t who, int prio);
int getrlimit(int resource, struct rlimit *rl);
int setrlimit(int resource, const struct rlimit *rl);
int getrusage(int who, struct rusage *ru);

#endif
