/* pwd: print the current directory (the shell has a builtin too). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    char buf[PATH_MAX];
    if (argc > 1 && argv[1][0] == '-' && strcmp(argv[1], "-L") && strcmp(argv[1], "-P")) {
        fprintf(stderr, "usage: pwd\n");
        return 2;
    }
    if (!getcwd(buf, sizeof buf)) {
        fprintf(stderr, "pwd: %s\n", strerror(errno));
        return 1;
    }
    puts(buf);
    return 0;
}
