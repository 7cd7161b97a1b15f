/* clear: clear the terminal (ANSI: cursor home, erase the screen). */
#include <stdio.h>

int main(void)
{
    fputs("\033[H\033[2J", stdout);
    return 0;
}
