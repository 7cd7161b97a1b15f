/*
 * start.c: from _start (arch/x86_64/crt0.S) to main.
 *
 * The kernel left argc, argv, envp and the auxiliary vector on the stack.
 * Before main may run we must: remember the environment, read what the
 * auxiliary vector tells us (page size, where the program headers are),
 * and set up thread-local storage, without which errno does not work.
 */
#include <stdlib.h>
#include <weft/auxvec.h>

#include "libc.h"

char **environ;
const char *__progname = "";
struct libc_globals __libc = { .page_size = 4096, .clk_tck = 100 };

_Noreturn void __libc_start_main(int (*main)(int, char **, char **), int argc,
                                 char **argv, char **envp);

_Noreturn void __libc_start_main(int (*main)(int, char **, char **), int argc,
                                 char **argv, char **envp)
{
    environ = envp;

    /* The auxiliary vector starts after envp's terminating NULL: pairs of
     * (AT_* key, value), ending with AT_NULL. */
    char **e = envp;
    while (*e)
        e++;
    for (unsigned long *av = (unsigned long *)(e + 1); av[0] != AT_NULL; av += 2) {
        switch (av[0]) {
        case AT_PAGESZ: __libc.page_size = av[1]; break;
        case AT_CLKTCK: __libc.clk_tck = (long)av[1]; break;
        case AT_RANDOM: __libc.random = (const unsigned char *)av[1]; break;
        case AT_PHDR: __libc.phdr = (const void *)av[1]; break;
        case AT_PHNUM: __libc.phnum = av[1]; break;
        }
    }

    if (argc > 0 && argv[0]) {          /* "/bin/ls" -> "ls", for messages */
        __progname = argv[0];
        for (const char *p = argv[0]; *p; p++)
            if (*p == '/')
                __progname = p + 1;
    }

    /* No errno before this line: errno lives in TLS. */
    __init_tls();

    exit(main(argc, argv, envp));
}
