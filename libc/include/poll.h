/* poll.h: waiting for file descriptors. */
#ifndef _POLL_H
#define _POLL_H
#include <weft/misc.h>                  /* struct pollfd, POLL* */
typedef unsigned long nfds_t;
int poll(struct pollfd *fds, nfds_t n, int timeout_ms);
#endif
