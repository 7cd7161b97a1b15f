/* args.c: print what the kernel put on the initial stack, as musl's start
 * code found it: argc, argv, the environment, and two auxv entries. An
 * argument "exit=N" makes it exit with status N (else 0). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

extern char **environ;

int main(int argc, char **argv)
{
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++)
        printf("argv[%d]=%s\n", i, argv[i]);
    if (argv[argc] != NULL)
        printf("argv not NULL-terminated\n");
    int n = 0;
    for (char **e = environ; *e; e++)
        printf("env[%d]=%s\n", n++, *e);
    printf("envc=%d\n", n);
    /* The page size and a 16-byte random block (musl's stack canary). */
    printf("pagesz=%lu random=%s\n", getauxval(AT_PAGESZ), getauxval(AT_RANDOM) ? "yes" : "no");
    int status = 0;
    for (int i = 1; i < argc; i++)
        if (strncmp(argv[i], "exit=", 5) == 0)
            status = atoi(argv[i] + 5);
    return status;
}
