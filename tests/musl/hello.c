/* hello.c: the smallest musl program (built by musl-gcc -static, run on
 * weft by user/tests/musl.c; also built as a static PIE). */
#include <stdio.h>

int main(void)
{
    puts("hello from musl");
    return 0;
}
