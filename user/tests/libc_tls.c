/*
 * libc_tls.c: thread-local storage as crt0 and __libc_start_main set it up
 * (x86-64 variant II, FS base via arch_prctl): initial values from .tdata,
 * zeros in .tbss, alignment, the TCB's self pointer, and errno living
 * there. This program's TLS is bigger than libc's static area for it, so
 * it also exercises the mmap path.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "libc_check.h"

static __thread int initialized = 42;                   /* .tdata */
static __thread long zeroed;                            /* .tbss */
static __thread char big[3000];                         /* .tbss: > 1 KiB */
static __thread int aligned64 __attribute__((aligned(64))) = 7;
static __thread const char *name = "tls string";

/* The thread pointer: what %fs:0 holds (the TCB points to itself). */
static uintptr_t thread_pointer(void)
{
    uintptr_t tp;
    __asm__("mov %%fs:0, %0" : "=r"(tp));
    return tp;
}

static void initial_values(void)
{
    CHECK_EQ(initialized, 42);
    CHECK_EQ(zeroed, 0);
    CHECK_EQ(aligned64, 7);
    CHECK_STREQ(name, "tls string");
    int all_zero = 1;
    for (size_t i = 0; i < sizeof big; i++)
        all_zero &= big[i] == 0;
    CHECK(all_zero);
    initialized++;
    big[2999] = 'z';
    CHECK_EQ(initialized, 43);
    CHECK_EQ(big[2999], 'z');
}

static void layout(void)
{
    uintptr_t tp = thread_pointer();
    CHECK(tp != 0);
    CHECK((uintptr_t)&aligned64 % 64 == 0);
    CHECK(tp % 64 == 0);                      /* keeps the strictest alignment */
    /* Variant II: every TLS variable sits just below the thread pointer. */
    uintptr_t vars[] = { (uintptr_t)&initialized, (uintptr_t)&zeroed, (uintptr_t)big,
                         (uintptr_t)&aligned64, (uintptr_t)&errno };
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        CHECK(vars[i] < tp);
        CHECK(tp - vars[i] < 8192);
    }
    uintptr_t fs_self;
    __asm__("mov %%fs:0, %0" : "=r"(fs_self));
    CHECK_EQ(*(uintptr_t *)tp, fs_self);      /* the first word is itself */
}

static void errno_is_thread_local(void)
{
    errno = 0;
    CHECK_EQ(close(-1), -1);
    CHECK_EQ(errno, EBADF);
    CHECK_EQ(read(-5, NULL, 0), -1);
    CHECK_EQ(errno, EBADF);
    errno = 0;
    CHECK_EQ(access("/tmp/libc_tls.none", F_OK), -1);
    CHECK_EQ(errno, ENOENT);
    CHECK(getpid() > 0);                      /* success leaves errno alone */
    CHECK_EQ(errno, ENOENT);
    CHECK(__errno_location() == &errno);
    CHECK(__errno_location() == __errno_location());
}

static void survives_fork(void)
{
    initialized = 1000;
    pid_t pid = fork();
    if (pid == 0) {
        /* The child has a copy of the parent's TLS, at the same address. */
        int ok = initialized == 1000 && big[2999] == 'z';
        initialized = 5;
        errno = 0;
        close(-1);
        _exit(ok && errno == EBADF && initialized == 5 ? 0 : 1);
    }
    int st;
    waitpid(pid, &st, 0);
    CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    CHECK_EQ(initialized, 1000);              /* the child's change was its own */
}

static const struct check_case cases[] = {
    CASE(initial_values), CASE(layout), CASE(errno_is_thread_local), CASE(survives_fork),
};

int main(int argc, char **argv)
{
    return RUN("tls", cases);
}
