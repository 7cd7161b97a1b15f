/*
 * vm_text.c: text is read-only and shared (claim A2); data is not
 * executable; no user address reaches the kernel.
 *
 *   text_shared_data_private  two running copies of this program map the
 *                             same physical frame for a text page
 *                             (/proc/PID/pagemap), and different frames for
 *                             a data page both have written
 *   text_write_segv           writing to text: SIGSEGV
 *   data_exec_segv            executing a data or stack page: SIGSEGV (NX)
 *   bad_address_*             reading, writing or jumping to kernel,
 *                             non-canonical or NULL addresses: SIGSEGV, in
 *                             a child; passed to a system call: EFAULT
 *
 * The second copy is this program run with "--sleeper FD": it writes a
 * global, says so on FD and sleeps until killed.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "t.h"
#include "t_child.h"
#include "t_mem.h"

int main(int argc, char **argv);
static const char *self;
static volatile int data_marker = 1;            /* .data: a private copy per process */

static int sleeper(int fd)
{
    data_marker = 2;
    write(fd, "r", 1);
    sleep(60);                                  /* until killed */
    return 0;
}

/* --- Text ----------------------------------------------------------------- */

static void test_text_shared_data_private(void)
{
    int fds[2];
    CHECK(pipe(fds) == 0);
    data_marker = 3;                            /* our own copy of the data page */
    char fd[16];
    snprintf(fd, sizeof fd, "%d", fds[1]);
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        execl(self, self, "--sleeper", fd, (char *)NULL);
        _exit(127);
    }
    CHECK(pid > 0);
    char c = 0;
    read(fds[0], &c, 1);                        /* it runs, and has written */
    uintptr_t text = (uintptr_t)&main, data = (uintptr_t)&data_marker;
    uint64_t mine = pagemap_of(0, text), theirs = pagemap_of(pid, text);
    uint64_t my_data = pagemap_of(0, data), their_data = pagemap_of(pid, data);
    kill(pid, SIGKILL);
    reap(pid);
    close(fds[0]);
    close(fds[1]);
    CHECKF(c == 'r', "the second copy did not start");
    CHECKF(PRESENT(mine) && PRESENT(theirs), "main's page is not present in both "
           "(pagemap %#llx, %#llx)", (unsigned long long)mine, (unsigned long long)theirs);
    CHECKF(PRESENT(my_data) && PRESENT(their_data), "the data page is not present in both");
    if (PFN(mine) == 0 && PFN(theirs) == 0) {
        printf("note: pagemap hides frame numbers here (Linux without CAP_SYS_ADMIN)\n");
        return;
    }
    CHECKF(PFN(mine) == PFN(theirs), "text: frame %#llx here, %#llx in the other copy",
           (unsigned long long)PFN(mine), (unsigned long long)PFN(theirs));
    CHECKF(PFN(my_data) != PFN(their_data), "written data: both copies use frame %#llx",
           (unsigned long long)PFN(my_data));
}

static void test_text_write_segv(void)
{
    int st = in_child(write_to, (uintptr_t)&main);
    CHECKF(KILLED_BY(st, SIGSEGV), "writing to main(): status %#x, not SIGSEGV", st);
    st = in_child(write_to, (uintptr_t)&pagemap);
    CHECKF(KILLED_BY(st, SIGSEGV), "writing to pagemap(): status %#x, not SIGSEGV", st);
}

/* --- No execution of data ------------------------------------------------- */

static unsigned char ret_in_data[16] = { 0xc3 };   /* "ret" */

static void call(uintptr_t addr)
{
    ((void (*)(void))addr)();
}

static void call_stack_code(uintptr_t arg)
{
    (void)arg;
    volatile unsigned char code[16] = { 0xc3 };
    call((uintptr_t)code);
}

static void test_data_exec_segv(void)
{
    int st = in_child(call, (uintptr_t)ret_in_data);
    CHECKF(KILLED_BY(st, SIGSEGV), "executing .data: status %#x, not SIGSEGV", st);
    st = in_child(call_stack_code, 0);
    CHECKF(KILLED_BY(st, SIGSEGV), "executing the stack: status %#x, not SIGSEGV", st);
    unsigned char *heap = malloc(64);
    CHECK(heap);
    heap[0] = 0xc3;
    st = in_child(call, (uintptr_t)heap);
    free(heap);
    CHECKF(KILLED_BY(st, SIGSEGV), "executing the heap: status %#x, not SIGSEGV", st);
    /* ... but a page mapped PROT_EXEC runs. */
    unsigned char *x = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                            -1, 0);
    CHECK(x != MAP_FAILED);
    x[0] = 0xc3;
    CHECK(mprotect(x, PAGE, PROT_READ | PROT_EXEC) == 0);
    st = in_child(call, (uintptr_t)x);
    munmap(x, PAGE);
    CHECKF(WIFEXITED(st) && WEXITSTATUS(st) == 0, "executing a PROT_EXEC page: status %#x",
           st);
}

/* --- Addresses that are not ours ------------------------------------------ */

static const struct {
    const char *what;
    uintptr_t addr;
} bad[] = {
    { "NULL", 0 },
    { "the kernel image", 0xffffffff80000000ul },
    { "the kernel's direct map", 0xffff888000000000ul },
    { "the first non-canonical address", 0x0000800000000000ul },
    { "a non-canonical address", 0x8000000000000000ul },
    { "the page below the hole", 0x00007ffffffff000ul },
};
#define NBAD (sizeof bad / sizeof bad[0])

static void test_bad_address_read(void)
{
    for (unsigned i = 0; i < NBAD; i++) {
        int st = in_child(read_from, bad[i].addr);
        CHECKF(KILLED_BY(st, SIGSEGV), "reading %s (%#lx): status %#x, not SIGSEGV",
               bad[i].what, (unsigned long)bad[i].addr, st);
    }
}

static void test_bad_address_write(void)
{
    for (unsigned i = 0; i < NBAD; i++) {
        int st = in_child(write_to, bad[i].addr);
        CHECKF(KILLED_BY(st, SIGSEGV), "writing %s (%#lx): status %#x, not SIGSEGV",
               bad[i].what, (unsigned long)bad[i].addr, st);
    }
}

static void test_bad_address_jump(void)
{
    for (unsigned i = 0; i < NBAD; i++) {
        int st = in_child(call, bad[i].addr);
        CHECKF(KILLED_BY(st, SIGSEGV), "jumping to %s (%#lx): status %#x, not SIGSEGV",
               bad[i].what, (unsigned long)bad[i].addr, st);
    }
}

/* The same addresses as system-call buffers: the kernel copies through
 * helpers that turn the fault into EFAULT, and carries on. */
static void test_bad_address_syscall(void)
{
    int fds[2];
    CHECK(pipe(fds) == 0);
    for (unsigned i = 0; i < NBAD; i++) {
        void *p = (void *)bad[i].addr;
        errno = 0;
        CHECKF(write(fds[1], p, 8) == -1 && errno == EFAULT,
               "write() from %s: errno %d, not EFAULT", bad[i].what, errno);
        CHECK(write(fds[1], "12345678", 8) == 8);
        errno = 0;
        CHECKF(read(fds[0], p, 8) == -1 && errno == EFAULT,
               "read() into %s: errno %d, not EFAULT", bad[i].what, errno);
        /* Linux leaves the 8 bytes in the pipe; drain them (or the next
         * 8, so the read never blocks). */
        char buf[16];
        CHECK(write(fds[1], "12345678", 8) == 8);
        CHECK(read(fds[0], buf, sizeof buf) >= 8);
        errno = 0;
        CHECKF(open((const char *)p, O_RDONLY) == -1 && errno == EFAULT,
               "open() of a path at %s: errno %d, not EFAULT", bad[i].what, errno);
    }
    close(fds[0]);
    close(fds[1]);
    /* A read() whose buffer starts in our memory and runs into text. */
    int fd = open("/proc/self/maps", O_RDONLY);
    CHECK(fd >= 0);
    errno = 0;
    CHECKF(read(fd, (void *)&main, 64) == -1 && errno == EFAULT,
           "read() into text: errno %d, not EFAULT", errno);
    close(fd);
}

int main(int argc, char **argv)
{
    self = argv[0];
    if (argc > 2 && strcmp(argv[1], "--sleeper") == 0)
        return sleeper(atoi(argv[2]));
    T_INIT("vm_text", argc, argv);
    RUN(test_text_shared_data_private);
    RUN(test_text_write_segv);
    RUN(test_data_exec_segv);
    RUN(test_bad_address_read);
    RUN(test_bad_address_write);
    RUN(test_bad_address_jump);
    RUN(test_bad_address_syscall);
    return T_DONE();
}
