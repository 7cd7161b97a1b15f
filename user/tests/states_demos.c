/*
 * states_demos.c: the process demos (user/demos) run and say what they
 * should: `states all` sees R, S, D, T and Z and exits 0; `zombie` shows
 * the orphaned zombie adopted by init (PPID 1) and reaped; `supervisor 2`
 * restarts its crashing worker twice while the others keep counting;
 * `threadcrash` reports that the whole process died of SIGSEGV.
 *
 * Each demo's output is copied into the log, indented, for a human to read.
 * Where a demo is not installed (this binary run natively on Linux), its
 * case is skipped; on weft that is a failure.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "t.h"
#include "t_run.h"

static char out[16384];

/* Run argv with stdout and stderr into out[]; returns the wait status, or
 * -1 if the program is not there. */
static int run(char *const argv[])
{
    return capture(argv[0], argv, environ, CAPTURE_STDERR | CAPTURE_ECHO, out, sizeof out);
}

static void test_states_all(void)
{
    char *argv[] = { "/bin/states", "all", NULL };
    int status = run(argv);
    REQUIRE(status != -1, "/bin/states");
    CHECKF(EXITED_OK(status), "states all: status %#x", status);
    const char *rows[] = { "R     running", "S     sleeping", "D     disk sleep", "T     stopped",
                           "Z     zombie" };
    for (int i = 0; i < 5; i++) {
        char *row = strstr(out, rows[i]);
        CHECKF(row != NULL, "no row \"%s\"", rows[i]);
        size_t len = strcspn(row, "\n");
        char line[160];
        snprintf(line, sizeof line, "%.*s", (int)len, row);
        CHECKF(strstr(line, " ok") != NULL, "row: %s", line);
    }
    CHECK(strstr(out, "5 of 5 states observed as expected") != NULL);
}

static void test_zombie(void)
{
    char *argv[] = { "/bin/zombie", NULL };
    int status = run(argv);
    REQUIRE(status != -1, "/bin/zombie");
    CHECKF(EXITED_OK(status), "zombie: status %#x", status);
    CHECK(strstr(out, "A is in state Z") != NULL);
    CHECK(strstr(out, "B is in state S, ppid 1") != NULL);
    CHECK(strstr(out, "PPID changed from") != NULL && strstr(out, "to 1 (init)") != NULL);
    CHECK(strstr(out, "reaped") != NULL);
    CHECK(strstr(out, "zombie: ok") != NULL);
}

static void test_supervisor_two_restarts(void)
{
    char *argv[] = { "/bin/supervisor", "2", NULL };
    int status = run(argv);
    REQUIRE(status != -1, "/bin/supervisor");
    CHECKF(EXITED_OK(status), "supervisor 2: status %#x", status);
    int deaths = 0;
    for (char *p = out; (p = strstr(p, "died: Segmentation fault; restarting")); p++)
        deaths++;
    CHECKF(deaths == 2, "%d \"died: Segmentation fault; restarting\" lines, not 2", deaths);
    CHECK(strstr(out, "worker 2 (pid") != NULL);
    CHECK(strstr(out, "crashed 2 times, restarted 2 times (each time by SIGSEGV)") != NULL);
    CHECK(strstr(out, "kept counting") != NULL);
    CHECK(strstr(out, "supervisor: ok") != NULL);
}

static void test_threadcrash(void)
{
    char *argv[] = { "/bin/threadcrash", NULL };
    int status = run(argv);
    REQUIRE(status != -1, "/bin/threadcrash");
    CHECKF(EXITED_OK(status), "threadcrash: status %#x", status);
    CHECK(strstr(out, "killed by signal 11 (Segmentation fault)") != NULL);
    CHECK(strstr(out, "progress stopped") != NULL);
    CHECK(strstr(out, "threadcrash: ok") != NULL);
}

int main(int argc, char **argv)
{
    T_INIT("states_demos", argc, argv);
    RUN(test_states_all);
    RUN(test_zombie);
    RUN(test_supervisor_two_restarts);
    RUN(test_threadcrash);
    return T_DONE();
}
