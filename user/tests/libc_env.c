/*
 * libc_env.c: the environment (from the kernel's initial stack, then
 * changed with setenv and friends, then passed on by exec) and getopt.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "libc_check.h"

static const char *self;
static char **main_envp;

static void from_the_kernel(void)
{
    /* main's envp and environ are the same array, from the initial stack
     * (until the first setenv copies it). */
    CHECK(environ != NULL);
    CHECK(environ == main_envp);
    for (char **e = environ; *e; e++) {
        char name[256];
        size_t len = strcspn(*e, "=");
        if (len >= sizeof name)
            continue;
        memcpy(name, *e, len);
        name[len] = '\0';
        CHECK(getenv(name) != NULL);
    }
    CHECK(getenv("LIBC_ENV_SURELY_NOT_SET") == NULL);
}

static void set_get_unset(void)
{
    CHECK_EQ(setenv("LIBC_A", "one", 1), 0);
    CHECK_STREQ(getenv("LIBC_A"), "one");
    CHECK_EQ(setenv("LIBC_A", "two", 0), 0);      /* no overwrite */
    CHECK_STREQ(getenv("LIBC_A"), "one");
    CHECK_EQ(setenv("LIBC_A", "three", 1), 0);
    CHECK_STREQ(getenv("LIBC_A"), "three");
    CHECK_EQ(setenv("LIBC_AB", "x", 1), 0);       /* a name that extends another */
    CHECK_STREQ(getenv("LIBC_A"), "three");
    CHECK_STREQ(getenv("LIBC_AB"), "x");
    CHECK_EQ(setenv("LIBC_EMPTY", "", 1), 0);
    CHECK_STREQ(getenv("LIBC_EMPTY"), "");
    CHECK_EQ(unsetenv("LIBC_A"), 0);
    CHECK(getenv("LIBC_A") == NULL);
    CHECK_STREQ(getenv("LIBC_AB"), "x");
    CHECK_EQ(unsetenv("LIBC_NEVER"), 0);          /* not there: fine */

    static char entry[] = "LIBC_PUT=first";
    CHECK_EQ(putenv(entry), 0);
    CHECK_STREQ(getenv("LIBC_PUT"), "first");
    strcpy(entry + 9, "later");                    /* putenv shares the string */
    CHECK_STREQ(getenv("LIBC_PUT"), "later");

    errno = 0;
    CHECK_EQ(setenv("BAD=NAME", "v", 1), -1);
    CHECK_EQ(errno, EINVAL);
    CHECK_EQ(setenv("", "v", 1), -1);
    CHECK_EQ(unsetenv("A=B"), -1);
}

/* Many variables: the array must grow. */
static void many(void)
{
    char name[32], value[32];
    for (int i = 0; i < 200; i++) {
        snprintf(name, sizeof name, "LIBC_MANY_%d", i);
        snprintf(value, sizeof value, "v%d", i * 3);
        setenv(name, value, 1);
    }
    int ok = 1;
    for (int i = 0; i < 200; i++) {
        snprintf(name, sizeof name, "LIBC_MANY_%d", i);
        snprintf(value, sizeof value, "v%d", i * 3);
        const char *v = getenv(name);
        ok &= v && strcmp(v, value) == 0;
    }
    CHECK(ok);
}

static void passed_to_exec(void)
{
    setenv("LIBC_FOR_CHILD", "handed down", 1);
    pid_t pid = fork();
    if (pid == 0) {
        execl(self, self, "--child", (char *)NULL);
        _exit(100);
    }
    int st;
    waitpid(pid, &st, 0);
    CHECK(WIFEXITED(st));
    CHECK_EQ(WEXITSTATUS(st), 0);
}

/* Parse argv with optstring; return what getopt saw as one string like
 * "a,b=val,?x,|rest" (options, then '|' and the operands). */
static const char *parse(const char *optstring, char **argv)
{
    static char out[256];
    int argc = 0;
    while (argv[argc])
        argc++;
    optind = 1;
    opterr = 0;
    out[0] = '\0';
    int c;
    while ((c = getopt(argc, argv, optstring)) != -1) {
        char piece[64];
        if (c == '?' || c == ':')
            snprintf(piece, sizeof piece, "%c%c,", c, optopt);
        else if (optarg && strchr(optstring, c)[1] == ':')
            snprintf(piece, sizeof piece, "%c=%s,", c, optarg);
        else
            snprintf(piece, sizeof piece, "%c,", c);
        strcat(out, piece);
        optarg = NULL;
    }
    strcat(out, "|");
    for (int i = optind; i < argc; i++) {
        strcat(out, argv[i]);
        strcat(out, " ");
    }
    return out;
}

#define ARGS(...) ((char *[]){ "prog", __VA_ARGS__, NULL })

static void options(void)
{
    CHECK_STREQ(parse("ab", ARGS("-a", "-b", "file")), "a,b,|file ");
    CHECK_STREQ(parse("abc", ARGS("-abc")), "a,b,c,|");
    CHECK_STREQ(parse("o:v", ARGS("-o", "out", "-v")), "o=out,v,|");
    CHECK_STREQ(parse("o:v", ARGS("-vofile", "x")), "v,o=file,|x ");
    CHECK_STREQ(parse("a", ARGS("-a", "--", "-b")), "a,|-b ");
    CHECK_STREQ(parse("a", ARGS("file", "-a")), "|file -a ");     /* POSIX: stops */
    CHECK_STREQ(parse("a", ARGS("-", "-a")), "|- -a ");           /* "-" is an operand */
    CHECK_STREQ(parse("a", ARGS("-x", "-a")), "?x,a,|");
    CHECK_STREQ(parse("o:", ARGS("-o")), "?o,|");                 /* missing argument */
    CHECK_STREQ(parse(":o:", ARGS("-o")), ":o,|");                /* ... reported as ':' */
    CHECK_STREQ(parse("ab:", ARGS("-a", "-b", "-a")), "a,b=-a,|"); /* takes the next word */
}

/* An unknown option, then one without its argument: getopt complains. */
static void bad_options(void)
{
    char *argv[] = { "prog", "-z", "-o", NULL };
    optind = 1;
    opterr = 1;
    getopt(3, argv, "o:");
    getopt(3, argv, "o:");
}

static void getopt_message(void)
{
    const char *buf = child_output(bad_options, NULL);
    /* glibc's wording, with the program's name (argv[0] of this test). */
    CHECK(strstr(buf, ": invalid option -- 'z'\n") != NULL);
    CHECK(strstr(buf, ": option requires an argument -- 'o'\n") != NULL);
}

static const struct check_case cases[] = {
    CASE(from_the_kernel), CASE(set_get_unset), CASE(many), CASE(passed_to_exec),
    CASE(options), CASE(getopt_message),
};

int main(int argc, char **argv, char **envp)
{
    self = argv[0];
    main_envp = envp;
    if (argc == 2 && strcmp(argv[1], "--child") == 0) {
        const char *v = getenv("LIBC_FOR_CHILD");
        return v && strcmp(v, "handed down") == 0 && getenv("LIBC_MANY_199") ? 0 : 1;
    }
    return RUN("env", cases);
}
