/* getopt.h: getopt() is declared in unistd.h; some programs include this. */
#ifndef _GETOPT_H
#define _GETOPT_H
#include <unistd.h>
#endif
