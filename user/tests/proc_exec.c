/*
 * proc_exec.c: execve's failures. Hand-made hostile ELF files (t_elf.h),
 * files that are no programs at all, bad paths, bad argument vectors and
 * argument lists too long: each fails with Linux's errno, before the point
 * of no return, and 50 of them leak no memory. (What a good program gets:
 * proc_loader.c.)
 *
 * System calls go through syscall() where the point is what the kernel
 * does with a bad argument, so that the C library checks nothing first.
 * This program re-executes itself (argv[0]) as the target that should run:
 *
 *      proc_exec --child-exit N     exit(N)
 *
 * On Linux (build/rootfs/test/proc_exec run there) three cases fail by
 * design: exec_bad_programs (Linux loads several of those files and lets
 * them crash later; weft refuses them before the point of no return),
 * exec_bad_arguments (weft's 128 KiB limit on all strings together) and
 * the frame-leak check (Linux's free memory moves on its own). The
 * comments at those cases say which is which.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "t.h"
#include "t_bad.h"
#include "t_child.h"
#include "t_elf.h"
#include "t_exec.h"

static const char *self = "/test/proc_exec";    /* our own path, for re-exec */

/* Frames the kernel may keep after a round (slabs, caches): see proc_wait.c. */
#define LEAK_SLACK 8

struct bad_exec {
    const char *name;
    const char *path;
    int want;
};

#define BAD_MAX 24
static struct bad_exec bad_execs[BAD_MAX];
static int n_bad_execs;

static void add_bad_elf(const char *name, struct tiny_elf e, int want)
{
    static char paths[BAD_MAX][48];
    char *path = paths[n_bad_execs];
    snprintf(path, sizeof paths[0], "/tmp/proc_elf_%s", name);
    if (write_file(path, &e, sizeof e, 0755) < 0)
        printf("proc_exec: cannot write %s: %s\n", path, strerror(errno));
    bad_execs[n_bad_execs++] = (struct bad_exec){ name, path, want };
}

/* Write every broken program into /tmp once; the list of what each must give. */
static int make_bad_execs(void)
{
    if (n_bad_execs)
        return 0;
    struct tiny_elf e;

    /* The unbroken one first: it must run, so that the variants below
     * fail for the one reason each was made for. */
    add_bad_elf("good", tiny_elf(), EXEC_RAN + 42);

    e = tiny_elf(), e.eh.e_machine = 3;         /* EM_386 */
    add_bad_elf("em_386", e, ENOEXEC);
    /* Linux checks only e_machine here and runs these two; weft also
     * checks the class and byte order it is going to read the file in. */
    e = tiny_elf(), e.eh.e_ident[4] = 1;        /* ELFCLASS32 */
    add_bad_elf("class32", e, ENOEXEC);
    e = tiny_elf(), e.eh.e_ident[5] = 2;        /* big-endian */
    add_bad_elf("big_endian", e, ENOEXEC);
    e = tiny_elf(), e.eh.e_type = 1;            /* ET_REL: an object file */
    add_bad_elf("et_rel", e, ENOEXEC);
    e = tiny_elf(), e.eh.e_phoff = 0x10000;     /* program headers past the end */
    add_bad_elf("phdr_past_eof", e, ENOEXEC);
    e = tiny_elf(), e.eh.e_phoff = ~0ull - 8;   /* ... and wrapping */
    add_bad_elf("phoff_wraps", e, ENOEXEC);
    e = tiny_elf(), e.eh.e_phnum = 60000;
    add_bad_elf("phnum_60000", e, ENOEXEC);
    e = tiny_elf(), e.eh.e_phnum = 0;
    add_bad_elf("phnum_0", e, ENOEXEC);
    e = tiny_elf(), e.eh.e_phentsize = 32;
    add_bad_elf("phentsize_32", e, ENOEXEC);
    /* Linux maps the file and lets the access past the end fault later;
     * weft refuses up front. */
    e = tiny_elf(), e.ph.p_filesz = e.ph.p_memsz = 0x100000;
    add_bad_elf("load_past_eof", e, ENOEXEC);
    e = tiny_elf(), e.ph.p_offset = 0x1000, e.ph.p_vaddr = TINY_BASE + 0x1000,
    e.eh.e_entry = e.ph.p_vaddr + 120;
    add_bad_elf("load_offset_past_eof", e, ENOEXEC);
    e = tiny_elf(), e.ph.p_offset = ~0ull - 0xfff, e.ph.p_vaddr = TINY_BASE + 0xfffff000ull,
    e.ph.p_filesz = e.ph.p_memsz = 0x2000, e.eh.e_entry = e.ph.p_vaddr + 120;
    add_bad_elf("load_offset_wraps", e, ENOEXEC);
    /* Linux fails these after the point of no return (the process dies);
     * weft checks before and returns ENOEXEC. */
    e = tiny_elf(), e.ph.p_vaddr = 0xffff800000000000ull, e.eh.e_entry = e.ph.p_vaddr + 120;
    add_bad_elf("load_kernel_half", e, ENOEXEC);
    e = tiny_elf(), e.ph.p_vaddr = 0x00007ffffffff000ull, e.ph.p_memsz = 0x2000,
    e.eh.e_entry = e.ph.p_vaddr + 120;
    add_bad_elf("load_crosses_user_top", e, ENOEXEC);
    e = tiny_elf(), e.ph.p_vaddr = 0xfffffffffffff000ull, e.ph.p_memsz = 0x2000,
    e.eh.e_entry = e.ph.p_vaddr + 120;
    add_bad_elf("load_wraps", e, ENOEXEC);
    e = tiny_elf(), e.ph.p_memsz = 124;         /* filesz (132) > memsz; entry (120) inside */
    add_bad_elf("filesz_over_memsz", e, ENOEXEC);
    e = tiny_elf(), e.eh.e_entry = 0x500000;    /* in no segment */
    add_bad_elf("entry_outside", e, ENOEXEC);
    e = tiny_elf(), e.ph.p_flags = PF_R | PF_W; /* entry in a non-executable segment */
    add_bad_elf("entry_not_executable", e, ENOEXEC);
    e = tiny_elf(), e.ph.p_type = PT_NOTE;      /* nothing to load */
    add_bad_elf("no_load_segment", e, ENOEXEC);

    /* Not ELF files at all. */
    static const char text[] = "echo this is not a program\n";
    write_file("/tmp/proc_text", text, sizeof text - 1, 0755);
    bad_execs[n_bad_execs++] = (struct bad_exec){ "text_file", "/tmp/proc_text", ENOEXEC };
    write_file("/tmp/proc_empty", "", 0, 0755);
    bad_execs[n_bad_execs++] = (struct bad_exec){ "empty_file", "/tmp/proc_empty", ENOEXEC };

    /* The first 100 bytes of a real program: its headers are cut. */
    char head[100];
    int fd = open(self, O_RDONLY);
    if (fd < 0 || read(fd, head, sizeof head) != (ssize_t)sizeof head)
        printf("proc_exec: cannot read %s\n", self);
    close(fd);
    write_file("/tmp/proc_truncated", head, sizeof head, 0755);
    bad_execs[n_bad_execs++] = (struct bad_exec){ "truncated", "/tmp/proc_truncated", ENOEXEC };

    e = tiny_elf();                             /* fine, but not executable */
    write_file("/tmp/proc_noexec", &e, sizeof e, 0644);
    bad_execs[n_bad_execs++] = (struct bad_exec){ "mode_0644", "/tmp/proc_noexec", EACCES };
    return 0;
}

/* Every hostile or broken program fails with its errno; the caller (a
 * child, so that a wrong success cannot replace us) lives on. */
static void test_exec_bad_programs(void)
{
    make_bad_execs();
    bad_reset();
    char *argv[] = { "bad", NULL };
    for (int i = 0; i < n_bad_execs; i++) {
        int r = exec_errno(bad_execs[i].path, argv, no_env);
        if (r != bad_execs[i].want)
            bad_add("%s: %s, want %s", bad_execs[i].name, exec_result_str(r),
                    bad_execs[i].want >= EXEC_RAN ? "exit 42" : strerror(bad_execs[i].want));
    }
    CHECKF(bad_count == 0, "%d wrong: %.900s", bad_count, bad_list);
}

static void test_exec_bad_paths(void)
{
    char *argv[] = { "x", NULL };
    char under_file[300];
    snprintf(under_file, sizeof under_file, "%s/x", self);
    mkdir("/tmp/proc_dir", 0755);
    struct {
        const char *path;
        int want;
    } cases[] = {
        { "/tmp/proc_does_not_exist", ENOENT },
        { "/tmp/proc_no_dir/prog", ENOENT },
        { "", ENOENT },
        { "/tmp/proc_dir", EACCES },           /* a directory */
        { "/tmp", EACCES },
        { "/tmp/proc_dir/", EACCES },
        { under_file, ENOTDIR },               /* a file used as a directory */
    };
    bad_reset();
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        errno = 0;
        long r = syscall(SYS_execve, cases[i].path, argv, no_env);
        if (r != -1 || errno != cases[i].want)
            bad_add("\"%s\": %ld errno %d, want %d", cases[i].path, r, errno, cases[i].want);
    }
    CHECKF(bad_count == 0, "%.900s", bad_list);
}

/* Bad argument vectors: EFAULT; too long: E2BIG. Run through the real
 * target (this program, --child-exit 0) so a wrong success shows as "ran". */
static void test_exec_bad_arguments(void)
{
    bad_reset();
    char *bad_str[] = { (char *)self, "--child-exit", (char *)0x1000, NULL };
    char *kstr[] = { (char *)self, (char *)0xffffffff80000000ul, NULL };
    char *ok[] = { (char *)self, "--child-exit", "0", NULL };
    struct {
        const char *name;
        char *const *argv, *const *envp;
        int want;
    } cases[] = {
        { "argv_unmapped", (char **)0x1000, no_env, EFAULT },
        { "argv_kernel", (char **)0xffffffff80000000ul, no_env, EFAULT },
        { "argv_noncanonical", (char **)0x8000000000000000ul, no_env, EFAULT },
        { "argv_string_unmapped", bad_str, no_env, EFAULT },
        { "argv_string_kernel", kstr, no_env, EFAULT },
        { "envp_unmapped", ok, (char **)0x1000, EFAULT },
        { "envp_string_unmapped", ok, bad_str + 2, EFAULT },
        { "sane", ok, no_env, EXEC_RAN + 0 },
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int r = exec_errno(self, cases[i].argv, cases[i].envp);
        if (r != cases[i].want)
            bad_add("%s: %s", cases[i].name, exec_result_str(r));
    }

    /* One string longer than 128 KiB: E2BIG (Linux: MAX_ARG_STRLEN). */
    size_t big = 140 * 1024;
    char *s = malloc(big + 1);
    CHECK(s != NULL);
    memset(s, 'a', big);
    s[big] = '\0';
    char *one[] = { (char *)self, "--child-exit", "0", s, NULL };
    int r = exec_errno(self, one, no_env);
    if (r != E2BIG)
        bad_add("one 140 KiB argument: %s", exec_result_str(r));
    /* weft: 128 KiB is also the limit of all strings together (ARG_MAX in
     * exec.c; Linux allows a quarter of the stack limit). */
    s[50 * 1024] = '\0';
    char *three[] = { (char *)self, "--child-exit", "0", s, s, s, NULL };
    r = exec_errno(self, three, no_env);
    if (r != E2BIG)
        bad_add("three 50 KiB arguments: %s", exec_result_str(r));
    char *env3[] = { s, s, s, NULL };
    r = exec_errno(self, ok, env3);
    if (r != E2BIG)
        bad_add("three 50 KiB environment strings: %s", exec_result_str(r));
    /* Just under: runs. */
    s[40 * 1024] = '\0';
    r = exec_errno(self, three, no_env);
    if (r != EXEC_RAN + 0)
        bad_add("three 40 KiB arguments: %s, want it to run", exec_result_str(r));
    free(s);
    CHECKF(bad_count == 0, "%.900s", bad_list);
}

/* 50 failing execs leak no memory. They run in a child (see above), which
 * exits with the number of wrong answers. */
static void failing_execs(int n)
{
    char *argv[] = { (char *)self, "--child-exit", "0", NULL };
    char *bad_str[] = { (char *)self, (char *)0x1000, NULL };
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int wrong = 0;
        for (int i = 0; i < n; i++) {
            int k = i % (n_bad_execs + 2);
            long r;
            int want;
            errno = 0;
            if (k == n_bad_execs) {
                r = syscall(SYS_execve, self, bad_str, no_env), want = EFAULT;
            } else if (k == n_bad_execs + 1) {
                r = syscall(SYS_execve, "/tmp/proc_missing", argv, no_env), want = ENOENT;
            } else {
                if (bad_execs[k].want >= EXEC_RAN)
                    continue;                   /* the good one: it would run */
                r = syscall(SYS_execve, bad_execs[k].path, argv, no_env);
                want = bad_execs[k].want;
            }
            wrong += r != -1 || errno != want;
        }
        _exit(wrong);
    }
    int st = reap(pid);
    if (st != 0)
        printf("proc_exec: failing_execs: %s\n", status_str(st));
}

static void test_exec_failures_leak_nothing(void)
{
    make_bad_execs();
    CHECKF(t_free_frames() > 0, "cannot read the free frame count");
    failing_execs(n_bad_execs + 2);             /* warm-up: page cache, slabs */
    long long before = t_free_frames();
    failing_execs(50);
    long long after = t_free_frames();
    CHECKF(after >= before - LEAK_SLACK, "free frames %lld before 50 failing execs, %lld after",
           before, after);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--child-exit") == 0)
        return argc > 2 ? atoi(argv[2]) : 0;
    if (argv[0] && argv[0][0] == '/')
        self = argv[0];

    T_INIT("proc_exec", argc, argv);
    RUN(test_exec_bad_programs);
    RUN(test_exec_bad_paths);
    RUN(test_exec_bad_arguments);
    RUN(test_exec_failures_leak_nothing);
    return T_DONE();
}
