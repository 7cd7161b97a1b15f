/* errno.h: the kernel returns Linux's error numbers, negated. */
#ifndef WEFT_ERRNO_H
#define WEFT_ERRNO_H
#include "weft/errno.h"

/* Kernel-internal: a system call interrupted by a signal. They never
 * reach user space: trap_exit() turns them into a restart of the call or
 * into -EINTR (proc/sigdeliver.c), with Linux's rules:
 *   ERESTARTSYS     restart if the handler has SA_RESTART (or none ran)
 *   ERESTARTNOINTR  always restart
 *   ERESTARTNOHAND  restart only if no handler ran (pause)
 *   ERESTART_RESTARTBLOCK  the same, but resume through restart_syscall()
 *                   with what is left (nanosleep)  */
#define ERESTARTSYS     512
#define ERESTARTNOINTR  513
#define ERESTARTNOHAND  514
#define ERESTART_RESTARTBLOCK 516   /* restart through restart_syscall() */
#endif
