/*
 * runtests: the in-QEMU test runner (init starts it in test mode).
 *
 *      /test/runtests [PATTERN]
 *
 * Runs every program in /test (and every shell script in /test ending in .sh, through
 * /bin/sh) whose name contains PATTERN, one at a time, each under a time
 * limit. The programs print their own result lines
 *
 *      TEST START user/NAME/case
 *      TEST PASS user/NAME/case        or   TEST FAIL user/NAME/case: why
 *
 * which tests/run-tests on the host collects. The runner adds a failure
 * line for a program that dies of a signal, exits non-zero without having
 * reported a failure, or runs past its limit, and ends the run with
 * "TESTS DONE".
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TIME_LIMIT 60       /* seconds per test program */

static volatile sig_atomic_t timed_out;

static void on_alarm(int sig)
{
    (void)sig;
    timed_out = 1;
}

/* Run one program; report what the program itself cannot. */
static void run(const char *name, char *const argv[])
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        printf("TEST FAIL user/%s: fork: %s\n", name, strerror(errno));
        return;
    }
    if (pid == 0) {
        setpgid(0, 0);                  /* its own group, so we can kill all of it */
        execv(argv[0], argv);
        printf("TEST FAIL user/%s: exec: %s\n", name, strerror(errno));
        _exit(127);
    }
    timed_out = 0;
    alarm(TIME_LIMIT);
    int status;
    pid_t r;
    while ((r = waitpid(pid, &status, 0)) < 0 && errno == EINTR) {
        if (timed_out) {
            kill(-pid, SIGKILL);        /* the program and whatever it started */
            printf("TEST FAIL user/%s: still running after %d s: killed\n", name, TIME_LIMIT);
        }
    }
    alarm(0);
    if (r == pid && WIFSIGNALED(status) && !timed_out)
        printf("TEST FAIL user/%s: killed by signal %d (%s)\n", name, WTERMSIG(status),
               strsignal(WTERMSIG(status)));
    else if (r == pid && WIFEXITED(status) && WEXITSTATUS(status) != 0)
        printf("TEST NOTE user/%s: exited with status %d\n", name, WEXITSTATUS(status));
    /* Collect anything the test left behind in its group. */
    kill(-pid, SIGKILL);
    while (waitpid(-1, &status, WNOHANG) > 0)
        ;
}

/*
 * Which programs a pattern (make test T=...) selects. A path-like pattern
 * selects the programs it names ("user/pipes" or "user/pipes/eof"; a
 * "kernel/..." pattern none); a bare word ("pipe") runs every program,
 * which runs only its cases whose names contain the word (user/tests/t.h).
 */
static int selected(const char *full, const char *pattern)
{
    if (!*pattern || !strchr(pattern, '/'))
        return 1;
    size_t n = strlen(full);
    return strstr(full, pattern) != NULL ||
           (strncmp(pattern, full, n) == 0 && pattern[n] == '/');
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    const char *pattern = argc > 1 ? argv[1] : "";
    struct sigaction sa = { 0 };
    sa.sa_handler = on_alarm;           /* no SA_RESTART: waitpid returns EINTR */
    sigaction(SIGALRM, &sa, NULL);
    setvbuf(stdout, NULL, _IOLBF, 0);

    DIR *d = opendir("/test");
    if (!d) {
        printf("TEST FAIL user/runtests: cannot open /test: %s\nTESTS DONE\n", strerror(errno));
        return 1;
    }
    char *names[512];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < 512)
        if (e->d_name[0] != '.' && strcmp(e->d_name, "runtests") != 0)
            names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], by_name);

    for (int i = 0; i < n; i++) {
        char full[300], path[300];
        snprintf(full, sizeof full, "user/%s", names[i]);
        if (!selected(full, pattern))
            continue;
        snprintf(path, sizeof path, "/test/%s", names[i]);
        size_t len = strlen(names[i]);
        if (len > 3 && strcmp(names[i] + len - 3, ".sh") == 0) {
            char *av[] = { "/bin/sh", path, (char *)pattern, NULL };
            run(names[i], av);
        } else {
            char *av[] = { path, (char *)pattern, NULL };
            run(names[i], av);
        }
    }
    printf("TESTS DONE\n");
    return 0;
}
