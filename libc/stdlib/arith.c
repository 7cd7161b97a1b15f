/* arith.c: integer odds and ends, and the pseudo-random generator. */
#include <stdlib.h>

int abs(int x) { return x < 0 ? -x : x; }
long labs(long x) { return x < 0 ? -x : x; }
long long llabs(long long x) { return x < 0 ? -x : x; }

/* C division truncates toward zero; the remainder has the dividend's sign. */
div_t div(int a, int b) { return (div_t){ a / b, a % b }; }
ldiv_t ldiv(long a, long b) { return (ldiv_t){ a / b, a % b }; }
lldiv_t lldiv(long long a, long long b) { return (lldiv_t){ a / b, a % b }; }

/*
 * rand: a 64-bit linear congruential generator (Knuth's MMIX constants),
 * returning the high 31 bits, which are the good ones (the low bits of an
 * LCG repeat with short periods). Fine for games and tests, useless for
 * cryptography. srand(1) is the initial state, as C requires.
 */
static unsigned long long rand_state = 1;

void srand(unsigned seed)
{
    rand_state = seed;
}

static unsigned long long step(unsigned long long s)
{
    return s * 6364136223846793005ull + 1442695040888963407ull;
}

int rand(void)
{
    rand_state = step(rand_state);
    return (int)(rand_state >> 33);
}

/* The same with the caller's state (only 32 bits of it: POSIX's type). */
int rand_r(unsigned *seed)
{
    unsigned long long s = step(*seed);
    *seed = (unsigned)(s >> 32);
    return (int)(s >> 33);
}
