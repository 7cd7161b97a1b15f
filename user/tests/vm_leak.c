/*
 * vm_leak.c: memory comes back. After many mmap/munmap cycles, and after
 * many forks of a big process, the kernel's free_frames (/proc/weft) is
 * where it was.
 *
 * Each loop runs a few warm-up rounds first (the kernel's allocators fill
 * their caches), then takes the baseline. Tolerance: LEAK_SLACK frames
 * (64 KiB) for allocations the kernel keeps on purpose; a leak of one
 * page per round would show as hundreds.
 *
 * Also: a zombie holds no memory, execve() frees the old program's, and
 * running out of memory kills the process, not the kernel.
 *
 * On Linux (no /proc/weft) the loops run and free_frames is not checked.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "t.h"
#include "t_proc.h"

#define PAGE 4096ul
#define RW (PROT_READ | PROT_WRITE)
#define LEAK_SLACK 16

static const char *self;                /* argv[0]: run with --exit, it just exits */

static long long free_frames(void)
{
    return t_weft_counter("free_frames");
}

static void checked_note(long long base, long long after, const char *what)
{
    if (base < 0)
        printf("note: no /proc/weft (not weft): %s not checked\n", what);
    else
        printf("note: %s: free_frames %lld -> %lld\n", what, base, after);
}

/* One round: a few kinds of mapping, each touched, then unmapped. */
static int cycle(int i, int fd)
{
    char *p;
    switch (i % 4) {
    case 0:                                     /* one anonymous page */
        p = mmap(NULL, PAGE, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            return -1;
        p[0] = (char)i;
        return munmap(p, PAGE);
    case 1:                                     /* split by mprotect, unmapped in pieces */
        p = mmap(NULL, 4 * PAGE, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            return -1;
        for (int k = 0; k < 4; k++)
            p[k * PAGE] = (char)i;
        if (mprotect(p + PAGE, PAGE, PROT_NONE) < 0 || munmap(p + 2 * PAGE, PAGE) < 0)
            return -1;
        return munmap(p, 4 * PAGE);
    case 2:                                     /* a private file page, copied on write */
        p = mmap(NULL, PAGE, RW, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED)
            return -1;
        p[1] = p[0] + 1;
        return munmap(p, PAGE);
    default:                                    /* shared anonymous memory */
        p = mmap(NULL, 2 * PAGE, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            return -1;
        p[0] = p[PAGE] = (char)i;
        return munmap(p, 2 * PAGE);
    }
}

static void test_mmap_munmap_cycles(void)
{
    char name[64];
    snprintf(name, sizeof name, "/tmp/vm_leak.%d", getpid());
    int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    unlink(name);                               /* its pages go when fd closes */
    CHECK(write(fd, "x", 1) == 1);
    for (int i = 0; i < 8; i++)
        CHECK(cycle(i, fd) == 0);
    long long base = free_frames();
    for (int i = 0; i < 1000; i++)
        CHECKF(cycle(i, fd) == 0, "round %d: errno %d", i, errno);
    long long after = free_frames();
    close(fd);
    checked_note(base, after, "1000 mmap/munmap rounds");
    CHECKF(after >= base - LEAK_SLACK, "1000 mmap/munmap rounds lost %lld frames",
           base - after);
}

/* A process with 16 MiB touched forks 200 children; each writes one page
 * (one copy-on-write copy) and exits. */
#define BIG (16ul << 20)
#define FORKS 200

static int fork_round(char *big, int i)
{
    pid_t pid = fork();
    if (pid == 0) {
        big[(unsigned long)i % (BIG / PAGE) * PAGE] = 2;
        _exit(0);
    }
    if (pid < 0)
        return -1;
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

static void test_fork_exit_cycles(void)
{
    char *big = mmap(NULL, BIG, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(big != MAP_FAILED);
    for (unsigned long off = 0; off < BIG; off += PAGE)
        big[off] = 1;
    fflush(stdout);
    for (int i = 0; i < 3; i++)
        CHECK(fork_round(big, i) == 0);
    long long base = free_frames();
    for (int i = 0; i < FORKS; i++)
        CHECKF(fork_round(big, i) == 0, "fork round %d failed: errno %d", i, errno);
    long long after = free_frames();
    /* The parent's pages are its own again: writing them copies nothing. */
    for (unsigned long off = 0; off < BIG; off += PAGE)
        big[off] = 3;
    long long written = free_frames();
    munmap(big, BIG);
    checked_note(base, after, "200 forks of a 16 MiB process");
    CHECKF(after >= base - LEAK_SLACK, "%d forks of a 16 MiB process lost %lld frames", FORKS,
           base - after);
    CHECKF(written >= after - LEAK_SLACK, "writing its pages after the children left "
           "took %lld frames", after - written);
}

/* In a child: touch 4 MiB, then exit, or exec this program (--exit). */
static void touch_4m_and(const char *then, const char *self)
{
    char *p = mmap(NULL, 4 << 20, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        _exit(2);
    for (unsigned long off = 0; off < (4 << 20); off += PAGE)
        p[off] = 1;
    if (strcmp(then, "exec") == 0)
        execl(self, self, "--exit", (char *)NULL);
    _exit(0);
}

/* A process that has exited is a zombie until its parent reaps it, and a
 * zombie holds no memory: its address space went at exit (claim P6). */
static void test_zombie_holds_no_memory(void)
{
    pid_t warm = fork();
    if (warm == 0)
        touch_4m_and("exit", self);
    CHECK(warm > 0 && waitpid(warm, NULL, 0) == warm);
    state_of(getpid());                         /* a first read of /proc, before the count */
    long long base = free_frames();
    pid_t pid = fork();
    if (pid == 0)
        touch_4m_and("exit", self);
    CHECK(pid > 0);
    char st = '?';
    for (int i = 0; i < 500 && (st = state_of(pid)) != 'Z'; i++)
        usleep(10000);
    long long zombie = free_frames();
    CHECK(waitpid(pid, NULL, 0) == pid);
    long long reaped = free_frames();
    checked_note(base, zombie, "a zombie that had touched 4 MiB");
    CHECKF(st == 'Z', "the child's state is %c, not Z", st);
    CHECKF(zombie >= base - LEAK_SLACK, "a zombie still holds %lld frames", base - zombie);
    CHECKF(reaped >= base - LEAK_SLACK, "%lld frames lost after reaping", base - reaped);
}

/* execve() gives the old program's memory back. */
static void test_exec_frees_old_memory(void)
{
    long long base = -1;
    for (int round = 0; round < 3; round++) {   /* round 0 warms up */
        if (round == 1)
            base = free_frames();
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0)
            touch_4m_and("exec", self);
        int st;
        CHECK(pid > 0 && waitpid(pid, &st, 0) == pid);
        CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the exec'd child: status %#x", st);
    }
    long long after = free_frames();
    checked_note(base, after, "2 children that touched 4 MiB and exec'd");
    CHECKF(after >= base - LEAK_SLACK, "%lld frames lost", base - after);
}

/* A child that touches more memory than the machine has dies of a
 * signal (weft: SIGBUS; Linux's OOM killer: SIGKILL), and the kernel
 * carries on with all its frames back. weft only: on Linux this would
 * lean on the host. */
static long meminfo_kb(const char *field)
{
    char buf[2048];
    FILE *f = fopen("/proc/meminfo", "r");
    if (!f)
        return -1;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *p = strstr(buf, field);
    return p ? strtol(p + strlen(field), NULL, 10) : -1;
}

static void test_out_of_memory(void)
{
    long total_kb = meminfo_kb("MemTotal:");
    long long base = free_frames();
    if (base < 0 || total_kb <= 0) {
        printf("note: no /proc/weft or MemTotal (not weft): out-of-memory not tried\n");
        return;
    }
    size_t big = (size_t)(total_kb + 64 * 1024) * 1024;    /* all of it, and 64 MiB */
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char *p = mmap(NULL, big, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            _exit(2);
        for (size_t off = 0; off < big; off += PAGE)
            p[off] = 1;
        _exit(3);                                           /* it all fit?! */
    }
    int st;
    CHECK(pid > 0 && waitpid(pid, &st, 0) == pid);
    long long after = free_frames();
    checked_note(base, after, "a child that ran out of memory");
    CHECKF(WIFSIGNALED(st) && (WTERMSIG(st) == SIGBUS || WTERMSIG(st) == SIGKILL),
           "touching %zu MiB on a %ld MiB machine: status %#x", big >> 20, total_kb >> 10, st);
    CHECKF(after >= base - LEAK_SLACK, "%lld frames lost after the child ran out of memory",
           base - after);
    pid = fork();                               /* and life goes on */
    if (pid == 0)
        _exit(0);
    CHECK(pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st));
}

int main(int argc, char **argv)
{
    self = argv[0];
    if (argc > 1 && strcmp(argv[1], "--exit") == 0)
        return 0;
    T_INIT("vm_leak", argc, argv);
    RUN(test_mmap_munmap_cycles);
    RUN(test_fork_exit_cycles);
    RUN(test_zombie_holds_no_memory);
    RUN(test_exec_frees_old_memory);
    RUN(test_out_of_memory);
    return T_DONE();
}
