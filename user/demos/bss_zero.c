/*
 * bss_zero: a program with a 1 MiB array that is NOT initialised (claim A3).
 *
 *      static char big[1 << 20];           <- this file
 *      static char big[1 << 20] = {1};     <- bss_data.c, the same program
 *
 * The compiler puts an uninitialised (or all-zero) global in .bss: the
 * executable only records ".bss is 1 MiB long", and the kernel gives the
 * program zero-filled pages when it touches them. An initialised global
 * goes in .data, and all of its bytes, zeros included, are stored in the
 * file. Compare the two files: `ls -l /bin/bss_zero /bin/bss_data`, or
 * run /bin/bsssize, which does it for you.
 *
 * The program checks that the array holds what the source says (all
 * zeros here; a 1 and then zeros in bss_data) and exits 0 if so.
 */
#include <stdio.h>

#ifndef BIG_INIT
#define BIG_INIT                    /* nothing: uninitialised, in .bss */
#define NAME "bss_zero"
#endif

static char big[1 << 20] BIG_INIT;

int main(void)
{
    long nonzero = 0;
    for (unsigned long i = 0; i < sizeof big; i++)
        nonzero += big[i] != 0;
    int first = big[0];
    int ok = nonzero == (first ? 1 : 0);
    printf("%s: big[] is %lu bytes at %p; big[0] = %d; %ld non-zero bytes: %s\n", NAME,
           (unsigned long)sizeof big, (void *)big, first, nonzero,
           ok ? "as the source says" : "WRONG");
    return ok ? 0 : 1;
}
