/*
 * seq: print a sequence of integers, one per line.
 *      seq LAST            1, 2, ... LAST
 *      seq FIRST LAST
 *      seq FIRST STEP LAST
 */
#include <stdio.h>
#include <stdlib.h>

static int number(const char *s, long *v)
{
    char *end;
    *v = strtol(s, &end, 10);
    return *s && !*end;
}

int main(int argc, char **argv)
{
    long first = 1, step = 1, last;
    int ok = 1;
    if (argc == 2)
        ok = number(argv[1], &last);
    else if (argc == 3)
        ok = number(argv[1], &first) && number(argv[2], &last);
    else if (argc == 4)
        ok = number(argv[1], &first) && number(argv[2], &step) && number(argv[3], &last);
    else
        ok = 0;
    if (!ok || step == 0) {
        fprintf(stderr, "usage: seq [first [step]] last   (integers; step not 0)\n");
        return 2;
    }
    for (long i = first; step > 0 ? i <= last : i >= last; i += step)
        printf("%ld\n", i);
    return 0;
}
