/*
 * sig_stopcont.c: stopping and continuing (claim P5), as a parent sees it:
 * wait4 with WUNTRACED / WCONTINUED (WIFSTOPPED, WSTOPSIG, WIFCONTINUED),
 * SIGCHLD with CLD_STOPPED / CLD_CONTINUED (unless SA_NOCLDSTOP), and the
 * rules that tie SIGSTOP, SIGCONT and SIGKILL together.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "t.h"
#include "t_child.h"
#include "t_proc.h"
#include "t_time.h"

static int ack = -1;

static void on_cont(int sig)
{
    (void)sig;
    write(ack, "c", 1);
}

static void test_sigstop_wuntraced_wcontinued(void)
{
    pid_t pid = idle_child();
    int status;
    CHECK(kill(pid, SIGSTOP) == 0);
    CHECK(waitpid(pid, &status, WUNTRACED) == pid);
    CHECKF(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP, "status %#x", status);
    CHECK(!WIFEXITED(status) && !WIFSIGNALED(status) && !WIFCONTINUED(status));
    CHECKF(waitpid(pid, &status, WUNTRACED | WNOHANG) == 0, "a stop is reported only once");
    CHECK(kill(pid, SIGCONT) == 0);
    CHECK(waitpid(pid, &status, WCONTINUED) == pid);
    CHECKF(WIFCONTINUED(status) && status == 0xffff, "status %#x", status);
    CHECK(!WIFSTOPPED(status) && !WIFEXITED(status) && !WIFSIGNALED(status));
    CHECKF(waitpid(pid, &status, WCONTINUED | WNOHANG) == 0, "a continue is reported only once");
    kill(pid, SIGKILL);
    status = reap(pid);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

/* SIGTSTP (^Z), SIGTTIN and SIGTTOU stop by default, and WSTOPSIG says which. */
static void test_other_stop_signals(void)
{
    int sigs[] = { SIGTSTP, SIGTTIN, SIGTTOU };
    for (int i = 0; i < 3; i++) {
        pid_t pid = idle_child();
        int status;
        kill(pid, sigs[i]);
        pid_t r = waitpid(pid, &status, WUNTRACED);
        kill(pid, SIGKILL);
        reap(pid);
        CHECKF(r == pid && WIFSTOPPED(status) && WSTOPSIG(status) == sigs[i],
               "signal %d: status %#x", sigs[i], status);
    }
}

/* The parent is told nothing about children it did not ask about: without
 * WCONTINUED/WUNTRACED, and for a child that never stopped. */
static void test_wcontinued_only_after_a_continue(void)
{
    pid_t pid = idle_child();
    int status = 0;
    pid_t r1 = waitpid(pid, &status, WCONTINUED | WNOHANG);
    int s1 = status;
    pid_t r2 = waitpid(pid, &status, WUNTRACED | WCONTINUED | WNOHANG);
    int s2 = status;
    kill(pid, SIGKILL);
    reap(pid);
    CHECKF(r1 == 0, "waitpid(WCONTINUED|WNOHANG) on a child that never stopped returned "
                    "%d (status %#x), not 0", r1, s1);
    CHECKF(r2 == 0, "waitpid(WUNTRACED|WCONTINUED|WNOHANG) returned %d (status %#x)", r2, s2);
}

static void test_stop_without_wuntraced_is_not_reported(void)
{
    pid_t pid = idle_child();
    int status;
    kill(pid, SIGSTOP);
    sleep_ms(50);
    pid_t r = waitpid(pid, &status, WNOHANG);
    kill(pid, SIGKILL);
    reap(pid);
    CHECKF(r == 0, "plain waitpid reported a stopped child: %d, status %#x", r, status);
}

static volatile sig_atomic_t nchld;
static volatile int chld_code[8], chld_status[8], chld_pid[8];

static void on_chld(int sig, siginfo_t *si, void *ctx)
{
    (void)sig, (void)ctx;
    if (nchld < 8) {
        chld_code[nchld] = si->si_code;
        chld_status[nchld] = si->si_status;
        chld_pid[nchld] = si->si_pid;
    }
    nchld++;
}

static void catch_chld(int flags)
{
    struct sigaction sa = { 0 };
    sa.sa_sigaction = on_chld;
    sa.sa_flags = SA_SIGINFO | SA_RESTART | flags;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGCHLD, &sa, NULL);
    nchld = 0;
}

static void uncatch_chld(void)
{
    struct sigaction sa = { 0 };
    sa.sa_handler = SIG_DFL;
    sigaction(SIGCHLD, &sa, NULL);
}

/* Wait until n SIGCHLDs have arrived (or a second passes). */
static int chld_count(int n)
{
    long long end = now_ms() + 1000;
    while (nchld < n && now_ms() < end)
        sleep_ms(2);
    return nchld;
}

static void test_sigchld_on_stop_continue_and_death(void)
{
    catch_chld(0);
    pid_t pid = idle_child();
    int status;
    kill(pid, SIGSTOP);
    int n1 = chld_count(1);
    waitpid(pid, &status, WUNTRACED);
    kill(pid, SIGCONT);
    int n2 = chld_count(2);
    kill(pid, SIGTERM);
    int n3 = chld_count(3);
    status = reap(pid);
    uncatch_chld();
    CHECKF(n1 == 1, "%d SIGCHLDs after the stop", n1);
    CHECKF(chld_code[0] == CLD_STOPPED && chld_status[0] == SIGSTOP && chld_pid[0] == pid,
           "stop: si_code %d si_status %d si_pid %d", chld_code[0], chld_status[0], chld_pid[0]);
    CHECKF(n2 == 2, "%d SIGCHLDs after the continue", n2);
    CHECKF(chld_code[1] == CLD_CONTINUED && chld_status[1] == SIGCONT && chld_pid[1] == pid,
           "continue: si_code %d si_status %d", chld_code[1], chld_status[1]);
    CHECKF(n3 == 3, "%d SIGCHLDs after the death", n3);
    CHECKF(chld_code[2] == CLD_KILLED && chld_status[2] == SIGTERM && chld_pid[2] == pid,
           "death: si_code %d si_status %d", chld_code[2], chld_status[2]);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
}

static void test_sigchld_on_exit(void)
{
    catch_chld(0);
    pid_t pid = fork();
    if (pid == 0)
        _exit(4);
    int n = chld_count(1);
    int status = reap(pid);
    uncatch_chld();
    CHECK(n == 1);
    CHECKF(chld_code[0] == CLD_EXITED && chld_status[0] == 4 && chld_pid[0] == pid,
           "si_code %d si_status %d si_pid %d", chld_code[0], chld_status[0], chld_pid[0]);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 4);
}

static void test_SA_NOCLDSTOP(void)
{
    catch_chld(SA_NOCLDSTOP);
    pid_t pid = idle_child();
    int status;
    kill(pid, SIGSTOP);
    pid_t r = waitpid(pid, &status, WUNTRACED);     /* wait4 still sees it */
    kill(pid, SIGCONT);
    sleep_ms(100);
    int after_stop_cont = nchld;
    kill(pid, SIGKILL);
    int after_death = chld_count(1);
    reap(pid);
    uncatch_chld();
    CHECK(r == pid && WIFSTOPPED(status));
    CHECKF(after_stop_cont == 0, "%d SIGCHLDs for stop/continue under SA_NOCLDSTOP",
           after_stop_cont);
    CHECKF(after_death == 1, "%d SIGCHLDs for the death", after_death);
}

/* A signal that would kill a stopped process waits for SIGCONT; SIGKILL
 * does not wait. */
static void test_sigterm_to_stopped_waits_for_cont(void)
{
    pid_t pid = idle_child();
    int status;
    kill(pid, SIGSTOP);
    CHECK(waitpid(pid, &status, WUNTRACED) == pid);
    kill(pid, SIGTERM);
    sleep_ms(50);
    pid_t r = waitpid(pid, &status, WNOHANG);
    char s = state_of(pid);
    kill(pid, SIGCONT);
    int final = reap(pid);
    CHECKF(r == 0, "a stopped process died of a pending SIGTERM: status %#x", status);
    CHECKF(s == 'T' || s == '?', "state %c while stopped with SIGTERM pending", s);
    CHECKF(WIFSIGNALED(final) && WTERMSIG(final) == SIGTERM, "status %#x", final);
}

static void test_sigkill_ends_a_stopped_process(void)
{
    pid_t pid = idle_child();
    int status;
    kill(pid, SIGSTOP);
    CHECK(waitpid(pid, &status, WUNTRACED) == pid);
    kill(pid, SIGKILL);
    status = reap(pid);
    CHECKF(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "status %#x", status);
}

/* SIGCONT throws away a pending stop signal, and a stop signal a pending
 * SIGCONT (here: a blocked SIGTSTP is discarded by SIGCONT). */
static void test_sigcont_discards_pending_stop(void)
{
    int go[2], ready[2];
    CHECK(pipe(go) == 0 && pipe(ready) == 0);
    pid_t pid = fork();
    if (pid == 0) {
        sigset_t set, pend;
        sigemptyset(&set);
        sigaddset(&set, SIGTSTP);
        sigprocmask(SIG_BLOCK, &set, NULL);
        write(ready[1], "r", 1);
        char c;
        read(go[0], &c, 1);
        sigpending(&pend);
        int still = sigismember(&pend, SIGTSTP);
        sigprocmask(SIG_UNBLOCK, &set, NULL);   /* would stop here if still pending */
        _exit(still ? 1 : 0);
    }
    char c;
    read(ready[0], &c, 1);
    kill(pid, SIGTSTP);                         /* blocked: pending */
    kill(pid, SIGCONT);                         /* discards it */
    write(go[1], "g", 1);
    int status;
    pid_t r = waitpid(pid, &status, WUNTRACED);
    if (r == pid && WIFSTOPPED(status)) {
        kill(pid, SIGKILL);
        reap(pid);
    }
    close(go[0]), close(go[1]), close(ready[0]), close(ready[1]);
    CHECKF(r == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
           "status %#x (exit 1: SIGTSTP still pending after SIGCONT)", status);
}

/* A SIGCONT handler runs once the process is running again. */
static void test_sigcont_handler_runs_after_resume(void)
{
    int fds[2];
    CHECK(pipe(fds) == 0);
    pid_t pid = fork();
    if (pid == 0) {
        ack = fds[1];
        signal(SIGCONT, on_cont);
        for (;;)
            pause();
    }
    close(fds[1]);
    int status;
    sleep_ms(20);
    kill(pid, SIGSTOP);
    CHECK(waitpid(pid, &status, WUNTRACED) == pid && WIFSTOPPED(status));
    kill(pid, SIGCONT);
    char c = 0;
    ssize_t n = read(fds[0], &c, 1);
    kill(pid, SIGKILL);
    reap(pid);
    close(fds[0]);
    CHECKF(n == 1 && c == 'c', "the SIGCONT handler did not run");
}

static void test_waitid_sees_stop_and_continue(void)
{
    pid_t pid = idle_child();
    siginfo_t si;
    kill(pid, SIGSTOP);
    memset(&si, 0, sizeof si);
    int r1 = waitid(P_PID, (id_t)pid, &si, WSTOPPED);
    int code1 = si.si_code, st1 = si.si_status, pid1 = si.si_pid;
    kill(pid, SIGCONT);
    memset(&si, 0, sizeof si);
    int r2 = waitid(P_PID, (id_t)pid, &si, WCONTINUED);
    int code2 = si.si_code, st2 = si.si_status;
    kill(pid, SIGKILL);
    reap(pid);
    CHECK(r1 == 0 && r2 == 0);
    CHECKF(code1 == CLD_STOPPED && st1 == SIGSTOP && pid1 == pid, "stop: code %d status %d",
           code1, st1);
    CHECKF(code2 == CLD_CONTINUED && st2 == SIGCONT, "continue: code %d status %d", code2, st2);
}

int main(int argc, char **argv)
{
    T_INIT("sig_stopcont", argc, argv);
    RUN(test_sigstop_wuntraced_wcontinued);
    RUN(test_other_stop_signals);
    RUN(test_wcontinued_only_after_a_continue);
    RUN(test_stop_without_wuntraced_is_not_reported);
    RUN(test_sigchld_on_stop_continue_and_death);
    RUN(test_sigchld_on_exit);
    RUN(test_SA_NOCLDSTOP);
    RUN(test_sigterm_to_stopped_waits_for_cont);
    RUN(test_sigkill_ends_a_stopped_process);
    RUN(test_sigcont_discards_pending_stop);
    RUN(test_sigcont_handler_runs_after_resume);
    RUN(test_waitid_sees_stop_and_continue);
    return T_DONE();
}
