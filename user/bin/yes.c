/* yes: print "y" (or the arguments) forever, until the reader goes away
 * (SIGPIPE ends us: try `yes | head -3`). */
#include <stdio.h>

int main(int argc, char **argv)
{
    for (;;) {
        if (argc < 2) {
            fputs("y", stdout);
        } else {
            for (int i = 1; i < argc; i++)
                printf(i > 1 ? " %s" : "%s", argv[i]);
        }
        if (putchar('\n') == EOF)
            return 1;
    }
}
