/* sys/wait.h: waiting for children, and decoding their status.
 *
 * The status word (Linux's encoding, which weft's kernel produces):
 *   exited:    (code << 8)            low 7 bits 0
 *   killed:    signal | 0x80 if core  low 7 bits = the signal
 *   stopped:   (signal << 8) | 0x7f
 *   continued: 0xffff
 */
#ifndef _SYS_WAIT_H
#define _SYS_WAIT_H

#include <bits/types.h>
#include <signal.h>
#include <weft/time.h>
#include <weft/wait.h>

#define WEXITSTATUS(s)  (((s) & 0xff00) >> 8)
#define WTERMSIG(s)     ((s) & 0x7f)
#define WSTOPSIG(s)     WEXITSTATUS(s)
#define WCOREDUMP(s)    ((s) & 0x80)
#define WIFEXITED(s)    (WTERMSIG(s) == 0)
#define WIFSTOPPED(s)   (((s) & 0xff) == 0x7f)
#define WIFSIGNALED(s)  (((s) & 0x7f) != 0 && ((s) & 0x7f) != 0x7f)
#define WIFCONTINUED(s) ((s) == 0xffff)

typedef int idtype_t;                  /* P_ALL, P_PID, P_PGID */

pid_t wait(int *status);
pid_t waitpid(pid_t pid, int *status, int options);
pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru);
int waitid(idtype_t type, id_t id, siginfo_t *info, int options);

#endif
