/*
 * sig_handlers.c: what a handler is told and where it runs.
 *
 *  - SA_SIGINFO: si_signo, si_code (SI_USER for kill, SI_TKILL for raise)
 *    and si_pid of the sender; for a fault, si_addr and the fault's code;
 *  - a handler may leave a SIGSEGV with siglongjmp, which restores the
 *    signal mask, so the next fault is caught too;
 *  - sigaltstack: a handler with SA_ONSTACK runs on the alternate stack,
 *    which is how a stack overflow can be caught at all;
 *  - a fault whose signal is blocked or ignored kills anyway;
 *  - default actions that "dump core" set the core flag in the wait
 *    status (WCOREDUMP) on weft, which dumps nothing but says it would;
 *  - alarm() and setitimer(ITIMER_REAL) deliver SIGALRM, once or
 *    periodically; the FPU registers survive a handler.
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/ucontext.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "t.h"
#include "t_child.h"
#include "t_sig.h"
#include "t_time.h"

/* Run body in a child, so that a kernel bug that kills it does not take
 * the other cases along; the child's failure message comes back through
 * a pipe. */
static void run_in_child(void (*body)(void))
{
    int fds[2];
    if (pipe(fds) < 0)
        return;
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit nocore = { 0, 0 };
        setrlimit(RLIMIT_CORE, &nocore);
        close(fds[0]);
        t_why[0] = '\0';
        alarm(20);
        body();
        write(fds[1], t_why, strlen(t_why));
        _exit(0);
    }
    close(fds[1]);
    char msg[sizeof t_why];
    ssize_t n, got = 0;
    while ((n = read(fds[0], msg + got, sizeof msg - 1 - (size_t)got)) > 0)
        got += n;
    msg[got] = '\0';
    close(fds[0]);
    int status = reap(pid);
    if (got > 0)
        snprintf(t_why, sizeof t_why, "%s", msg);
    else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        snprintf(t_why, sizeof t_why, "the child died: status %#x (signal %d)", status,
                 WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

static void set_handler(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
    struct sigaction sa = { 0 };
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO | flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static volatile sig_atomic_t hits;
static volatile int got_signo, got_code, got_pid, got_uid;
static void *volatile got_addr;
static volatile long long got_rip;

static void info_handler(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    (void)sig;
    hits++;
    got_signo = si->si_signo;
    got_code = si->si_code;
    got_pid = si->si_pid;
    got_uid = (int)si->si_uid;
    got_addr = si->si_addr;
    got_rip = uc->uc_mcontext.gregs[REG_RIP];
}

static void test_siginfo_from_kill(void)
{
    hits = 0;
    set_handler(SIGUSR1, info_handler, 0);
    pid_t pid = fork();
    if (pid == 0) {
        kill(getppid(), SIGUSR1);
        _exit(0);
    }
    long long end = now_ms() + 2000;
    while (!hits && now_ms() < end)
        sleep_ms(2);
    reap(pid);
    set_default(SIGUSR1);
    CHECK(hits == 1);
    CHECK(got_signo == SIGUSR1);
    CHECKF(got_code == SI_USER, "si_code %d, not SI_USER", got_code);
    CHECKF(got_pid == pid, "si_pid %d, not the sender %d", got_pid, pid);
    CHECK(got_uid == (int)getuid());
}

static void test_siginfo_from_raise(void)
{
    hits = 0;
    set_handler(SIGUSR2, info_handler, 0);
    raise(SIGUSR2);                     /* tgkill(getpid(), gettid(), sig) */
    set_default(SIGUSR2);
    CHECK(hits == 1 && got_signo == SIGUSR2);
    CHECKF(got_code == SI_TKILL, "si_code %d, not SI_TKILL", got_code);
    CHECK(got_pid == getpid());
}

static sigjmp_buf env;

static void jump_handler(int sig, siginfo_t *si, void *ctx)
{
    info_handler(sig, si, ctx);
    siglongjmp(env, 1);
}

static void segv_body(void)
{
    set_handler(SIGSEGV, jump_handler, 0);
    volatile int *addrs[] = { (int *)16, (int *)0x1000, (int *)(uintptr_t)0x7ff000 };
    for (int i = 0; i < 3; i++) {
        hits = 0;
        if (sigsetjmp(env, 1) == 0) {
            *addrs[i] = 1;              /* SIGSEGV */
            CHECKF(0, "writing to %p did not fault", (void *)addrs[i]);
        }
        CHECKF(hits == 1, "fault %d: %d handler runs", i, hits);
        CHECKF(got_addr == (void *)addrs[i], "si_addr %p, not %p", got_addr, (void *)addrs[i]);
        CHECKF(got_code == SEGV_MAPERR, "si_code %d, not SEGV_MAPERR", got_code);
        sigset_t cur;
        sigprocmask(SIG_BLOCK, NULL, &cur);
        CHECKF(!sigismember(&cur, SIGSEGV), "siglongjmp left SIGSEGV blocked");
    }
    /* Writing to the program's text: mapped, but read-only. */
    hits = 0;
    volatile char *text = (volatile char *)(uintptr_t)segv_body;
    if (sigsetjmp(env, 1) == 0) {
        *text = 0;
        CHECKF(0, "writing to the program's text did not fault");
    }
    CHECK(hits == 1);
    CHECKF(got_code == SEGV_ACCERR, "text write: si_code %d, not SEGV_ACCERR", got_code);
    CHECKF(got_addr == (void *)text, "text write: si_addr %p, not %p", got_addr, (void *)text);
}

static void test_sigsegv_si_addr_and_siglongjmp(void)
{
    run_in_child(segv_body);
}

static void fpe_body(void)
{
    set_handler(SIGFPE, jump_handler, 0);
    volatile int zero = 0, x = 7;
    hits = 0;
    if (sigsetjmp(env, 1) == 0) {
        x = x / zero;
        CHECKF(0, "dividing by zero did not trap");
    }
    CHECK(hits == 1 && got_signo == SIGFPE);
    CHECKF(got_code == FPE_INTDIV, "si_code %d, not FPE_INTDIV", got_code);
    CHECKF((long long)(uintptr_t)got_addr == got_rip, "si_addr %p, rip %#llx", got_addr,
           got_rip);
    set_handler(SIGILL, jump_handler, 0);
    hits = 0;
    if (sigsetjmp(env, 1) == 0)
        __asm__ volatile("ud2");
    CHECK(hits == 1 && got_signo == SIGILL);
    CHECKF(got_code == ILL_ILLOPN, "si_code %d, not ILL_ILLOPN", got_code);
    CHECKF((long long)(uintptr_t)got_addr == got_rip, "si_addr %p, rip %#llx", got_addr,
           got_rip);
}

static void test_sigfpe_and_sigill(void)
{
    run_in_child(fpe_body);
}

/* A handler may change the registers saved in its ucontext; rt_sigreturn
 * loads them: here it skips the 2-byte ud2 and puts 42 in eax. */
static void fix_and_return(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    (void)sig, (void)si;
    uc->uc_mcontext.gregs[REG_RIP] += 2;
    uc->uc_mcontext.gregs[REG_RAX] = 42;
}

static void test_handler_edits_saved_registers(void)
{
    set_handler(SIGILL, fix_and_return, 0);
    int result;
    __asm__ volatile("mov $7, %%eax\n\t"
                     "ud2\n\t"
                     "mov %%eax, %0"
                     : "=r"(result)
                     :
                     : "rax", "memory");
    set_default(SIGILL);
    CHECKF(result == 42, "after the handler eax is %d, not 42", result);
}

static char altstack[64 * 1024] __attribute__((aligned(16)));
static volatile uintptr_t local_at;
static volatile int ss_flags_inside;

static void where_am_i(int sig, siginfo_t *si, void *ctx)
{
    (void)sig, (void)si, (void)ctx;
    volatile int local = 0;
    local_at = (uintptr_t)&local;
    stack_t now;
    sigaltstack(NULL, &now);
    ss_flags_inside = now.ss_flags;
}

static void test_sigaltstack(void)
{
    stack_t ss = { altstack, 0, sizeof altstack }, old;
    CHECK(sigaltstack(&ss, &old) == 0);
    set_handler(SIGUSR1, where_am_i, SA_ONSTACK);
    raise(SIGUSR1);
    uintptr_t on = local_at;
    int flags_on = ss_flags_inside;
    set_handler(SIGUSR1, where_am_i, 0);        /* without SA_ONSTACK: the usual stack */
    raise(SIGUSR1);
    uintptr_t off = local_at;
    stack_t after;
    sigaltstack(NULL, &after);
    ss.ss_flags = SS_DISABLE;
    sigaltstack(&ss, NULL);
    set_default(SIGUSR1);
    uintptr_t lo = (uintptr_t)altstack, hi = lo + sizeof altstack;
    CHECKF(on >= lo && on < hi, "a local at %#lx, the alternate stack is %#lx-%#lx",
           (unsigned long)on, (unsigned long)lo, (unsigned long)hi);
    CHECK(flags_on & SS_ONSTACK);
    CHECK(!(off >= lo && off < hi));
    CHECK(!(after.ss_flags & SS_ONSTACK));
    errno = 0;
    ss.ss_flags = 0;
    ss.ss_size = 512;                           /* below MINSIGSTKSZ */
    CHECK(sigaltstack(&ss, NULL) == -1 && errno == ENOMEM);
}

static volatile int depth_reached, depth_limit = 1 << 30;

static int recurse(int n)
{
    volatile char frame[1024];
    frame[0] = (char)n;
    depth_reached = n;
    if (n > depth_limit)                /* never: the stack runs out first */
        return 0;
    return recurse(n + 1) + frame[0];
}

static void overflow_body(void)
{
    stack_t ss = { altstack, 0, sizeof altstack };
    sigaltstack(&ss, NULL);
    set_handler(SIGSEGV, jump_handler, SA_ONSTACK);
    hits = 0;
    if (sigsetjmp(env, 1) == 0) {
        recurse(0);
        CHECKF(0, "endless recursion returned");
    }
    CHECK(hits == 1);
    printf("  the stack overflowed after %d frames of 1 KiB; caught on the alternate stack\n",
           depth_reached);
    CHECK(depth_reached > 1000);
}

static void test_stack_overflow_caught_on_altstack(void)
{
    run_in_child(overflow_body);
}

/* A fault signal that is blocked or ignored cannot be put off: it kills. */
static void test_blocked_or_ignored_fault_kills(void)
{
    for (int how = 0; how < 2; how++) {
        pid_t pid = fork();
        if (pid == 0) {
            struct rlimit nocore = { 0, 0 };
            setrlimit(RLIMIT_CORE, &nocore);
            if (how == 0) {
                sigset_t s;
                set_handler(SIGSEGV, info_handler, 0);
                sigemptyset(&s);
                sigaddset(&s, SIGSEGV);
                sigprocmask(SIG_BLOCK, &s, NULL);
            } else {
                signal(SIGSEGV, SIG_IGN);
            }
            *(volatile int *)0 = 1;
            _exit(0);
        }
        int status = reap(pid);
        CHECKF(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV, "%s: status %#x",
               how ? "ignored" : "blocked", status);
    }
}

/* Default actions: terminate, or terminate "with core" (the 0x80 flag). */
static void test_core_flag_in_wait_status(void)
{
    struct { int sig; int core; } cases[] = {
        { SIGABRT, 1 }, { SIGQUIT, 1 }, { SIGSEGV, 1 }, { SIGTERM, 0 }, { SIGKILL, 0 },
        { SIGUSR1, 0 }, { SIGALRM, 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            struct rlimit nocore = { 0, 0 };
            setrlimit(RLIMIT_CORE, &nocore);    /* Linux: write no file */
            if (cases[i].sig == SIGABRT)
                abort();
            raise(cases[i].sig);
            _exit(0);
        }
        int status = reap(pid);
        CHECKF(WIFSIGNALED(status) && WTERMSIG(status) == cases[i].sig, "signal %d: status %#x",
               cases[i].sig, status);
        if (!cases[i].core)
            CHECKF(!WCOREDUMP(status), "signal %d: core flag set", cases[i].sig);
        else if (on_weft())                     /* Linux sets it only if it dumped */
            CHECKF(WCOREDUMP(status), "signal %d: no core flag (status %#x)", cases[i].sig,
                   status);
    }
}

static void alarm_handler(int sig, siginfo_t *si, void *ctx)
{
    (void)sig, (void)si, (void)ctx;
    hits++;
}

static void test_alarm_after_about_a_second(void)
{
    hits = 0;
    set_handler(SIGALRM, alarm_handler, 0);
    CHECK(alarm(5) == 0);
    unsigned left = alarm(1);
    CHECKF(left == 5 || left == 4, "alarm() said %u s were left of 5", left);
    long long t0 = now_ms();
    while (!hits && now_ms() - t0 < 5000)
        pause();
    long long took = now_ms() - t0;
    set_default(SIGALRM);
    printf("  alarm(1) rang after %lld ms\n", took);
    CHECK(hits == 1);
    CHECKF(took >= 900 && took < 5000, "alarm(1) rang after %lld ms", took);
    CHECK(alarm(0) == 0);
}

static void test_setitimer_periodic(void)
{
    hits = 0;
    set_handler(SIGALRM, alarm_handler, SA_RESTART);
    struct itimerval it = { { 0, 50000 }, { 0, 50000 } }, cur;
    CHECK(setitimer(ITIMER_REAL, &it, NULL) == 0);
    CHECK(getitimer(ITIMER_REAL, &cur) == 0);
    long long t0 = now_ms();
    while (hits < 5 && now_ms() - t0 < 5000)
        pause();
    long long took = now_ms() - t0;
    struct itimerval off = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &off, NULL);
    int n = hits;
    sleep_ms(150);
    int later = hits;
    set_default(SIGALRM);
    printf("  5 ticks of a 50 ms interval timer took %lld ms\n", took);
    CHECK(cur.it_interval.tv_sec == 0 && cur.it_interval.tv_usec == 50000);
    CHECK(cur.it_value.tv_sec == 0 && cur.it_value.tv_usec > 0 && cur.it_value.tv_usec <= 50000);
    CHECKF(n >= 5, "%d ticks", n);
    CHECKF(took >= 200, "5 ticks of 50 ms in %lld ms", took);
    CHECKF(later == n, "the timer ticked after it was disarmed (%d, then %d)", n, later);
}

static volatile double handler_result;

static void fpu_handler(int sig, siginfo_t *si, void *ctx)
{
    (void)sig, (void)si, (void)ctx;
    hits++;
    volatile double x = 1.0;
    for (int i = 0; i < 20; i++)
        x = x * 3.0 + 0.5;              /* uses the same xmm registers */
    handler_result = x;
}

/* Timer signals land in the middle of a floating-point loop that keeps
 * its values in xmm registers (no calls in it); the handler uses those
 * registers too; the results must equal a run without signals. */
static void test_fpu_registers_survive_a_handler(void)
{
    hits = 0;
    set_handler(SIGALRM, fpu_handler, SA_RESTART);
    struct itimerval it = { { 0, 10000 }, { 0, 10000 } }, off = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &it, NULL);
    double a = 1.0, b = 0.0;
    long n = 0;
    while (hits < 5 && n < (1L << 40)) {
        a = a * 1.0000001 + 0.25;
        b += a;
        n++;
    }
    setitimer(ITIMER_REAL, &off, NULL);
    set_default(SIGALRM);
    double a2 = 1.0, b2 = 0.0;
    for (long i = 0; i < n; i++) {
        a2 = a2 * 1.0000001 + 0.25;
        b2 += a2;
    }
    CHECK(hits >= 5 && handler_result > 1e9);
    CHECKF(a == a2 && b == b2, "after %ld steps and %d signals: %g %g, not %g %g", n, hits, a,
           b, a2, b2);
}

int main(int argc, char **argv)
{
    T_INIT("sig_handlers", argc, argv);
    RUN(test_siginfo_from_kill);
    RUN(test_siginfo_from_raise);
    RUN(test_sigsegv_si_addr_and_siglongjmp);
    RUN(test_sigfpe_and_sigill);
    RUN(test_handler_edits_saved_registers);
    RUN(test_sigaltstack);
    RUN(test_stack_overflow_caught_on_altstack);
    RUN(test_blocked_or_ignored_fault_kills);
    RUN(test_core_flag_in_wait_status);
    RUN(test_alarm_after_about_a_second);
    RUN(test_setitimer_periodic);
    RUN(test_fpu_registers_survive_a_handler);
    return T_DONE();
}
