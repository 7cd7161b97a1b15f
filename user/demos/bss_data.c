/*
 * bss_data: the same program as bss_zero.c, with the array initialised
 * (claim A3):
 *
 *      static char big[1 << 20] = {1};
 *
 * One non-zero byte is enough to move all 1 MiB from .bss to .data, so
 * the whole array, 1048575 zeros included, is stored in the executable.
 * /bin/bsssize compares the two files' sizes.
 */
#define BIG_INIT = { 1 }
#define NAME "bss_data"
#include "bss_zero.c"
