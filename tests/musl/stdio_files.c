/* stdio_files.c: musl's stdio on files in /tmp: write, read back line by
 * line, append, seek, remove. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#define PATH "/tmp/musl_stdio.txt"

static int fail(const char *what)
{
    printf("FAIL %s: %s\n", what, strerror(errno));
    return 1;
}

int main(void)
{
    FILE *f = fopen(PATH, "w");
    if (!f)
        return fail("fopen w");
    for (int i = 1; i <= 3; i++)
        fprintf(f, "line %d of %d\n", i, 3);
    if (fclose(f) != 0)
        return fail("fclose");

    f = fopen(PATH, "a");
    if (!f)
        return fail("fopen a");
    fputs("appended\n", f);
    fclose(f);

    f = fopen(PATH, "r");
    if (!f)
        return fail("fopen r");
    char line[64];
    while (fgets(line, sizeof line, f))
        printf("read: %s", line);
    if (ferror(f))
        return fail("fgets");
    /* Back to the second line. */
    if (fseek(f, 12, SEEK_SET) != 0)
        return fail("fseek");
    long pos = ftell(f);
    if (!fgets(line, sizeof line, f))
        return fail("fgets after fseek");
    printf("at %ld: %s", pos, line);
    fclose(f);

    if (remove(PATH) != 0)
        return fail("remove");
    if (fopen(PATH, "r") != NULL || errno != ENOENT)
        return fail("still there");
    printf("ok\n");
    return 0;
}
