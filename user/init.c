/*
 * init: process 1, the ancestor of every other process.
 *
 * It does three jobs (the kernel picks which through its arguments, see
 * kernel/proc/init.c):
 *
 *      init                  interactive: start the shell on the console
 *      init -c COMMAND       run COMMAND (make run CMD=...), exit with its
 *                            status: the kernel then ends QEMU with it
 *      init --test PATTERN   run the test suite (make test)
 *
 * In every mode it also reaps: any orphan whose parent died is adopted by
 * init (claim P6), and init's wait() loop collects it when it exits.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Start argv[0] with argv, return its pid. */
static pid_t spawn(char *const argv[])
{
    pid_t pid = fork();
    if (pid < 0) {
        perror("init: fork");
        return -1;
    }
    if (pid == 0) {
        setpgid(0, 0);                      /* its own process group */
        execvp(argv[0], argv);              /* searches PATH for a bare name */
        fprintf(stderr, "init: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    return pid;
}

/* Reap children until 'main' exits; return its wait status. Orphans
 * reparented to us are collected on the way. */
static int wait_for(pid_t main)
{
    for (;;) {
        int status;
        pid_t pid = wait(&status);
        if (pid == main)
            return status;
        if (pid < 0 && errno == ECHILD)
            return 0;
    }
}

/* The shell's convention for a status: the exit code, or 128 + signal. */
static int exit_code(int status)
{
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return 128 + WTERMSIG(status);
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "-c") == 0) {
        /* One command: through the shell if there is one, else split at
         * spaces and run directly (no quoting, pipes or variables then). */
        char *cmd[] = { "/bin/sh", "-c", argv[2], NULL };
        if (access("/bin/sh", X_OK) == 0)
            return exit_code(wait_for(spawn(cmd)));
        char *words[64];
        int n = 0;
        for (char *w = strtok(argv[2], " \t"); w && n < 63; w = strtok(NULL, " \t"))
            words[n++] = w;
        words[n] = NULL;
        if (n == 0)
            return 0;
        return exit_code(wait_for(spawn(words)));
    }
    if (argc >= 2 && strcmp(argv[1], "--test") == 0) {
        char *cmd[] = { "/test/runtests", argc >= 3 ? argv[2] : "", NULL };
        return exit_code(wait_for(spawn(cmd)));
    }

    /* Interactive: a shell on the console, again whenever it exits. */
    for (;;) {
        char *sh[] = { "/bin/sh", NULL };
        pid_t pid = spawn(sh);
        if (pid < 0) {
            sleep(1);
            continue;
        }
        tcsetpgrp(0, pid);                  /* the shell's group owns the terminal */
        int status = wait_for(pid);
        printf("init: the shell exited (status %d); starting a new one\n", exit_code(status));
    }
}
