/*
 * proc_loader.c: what execve builds for a good program. An ELF file's
 * segments (text read-only, data, bss zeroed from mid-page on, the stack
 * aligned), and a "#!" script's argument vector, exactly as Linux builds
 * it (blanks, no newline, a script as interpreter). (Failures:
 * proc_exec.c.)
 *
 * The scripts' interpreter is this program (argv[0]), in a helper mode:
 *
 *      proc_loader --script-echo ...       print argc and each argv[i], exit 0
 *      proc_loader /tmp/proc_script...     the same (a script without
 *                                          interpreter argument runs us
 *                                          with its own path first)
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "t.h"
#include "t_child.h"
#include "t_elf.h"
#include "t_exec.h"
#include "t_run.h"

static const char *self = "/test/proc_loader";  /* our own path, for the scripts */

/* Run a script with its stdout (only) into out; its wait status. */
static int run_capture(const char *path, char *const argv[], char *const envp[], char *out,
                       size_t size)
{
    return capture(path, argv, envp, 0, out, size);
}

/* --- the ELF loader ------------------------------------------------------------- */

/*
 * What the loader builds: a program of two segments, text (R+X) at
 * 0x400000 and data (R+W) whose file part is 8 bytes followed in the file
 * by 0xff garbage, with memsz two pages longer (bss). Its code checks
 *   - the initial rsp is 16-byte aligned and argc (at rsp) is 1
 *   - the 8 data bytes are there; the garbage after them reads as zero
 *     (bss starts mid-page, the loader clears the rest of that page)
 *   - the last bss page is zero, and bss is writable
 * and exits 0, or 1..6 naming the check that failed.
 */
static const unsigned char loader_code[] = {
    0x40, 0xf6, 0xc4, 0x0f,                     /* test $15, %spl      */
    0x75, 0x50,                                 /* jnz fail2           */
    0x48, 0x83, 0x3c, 0x24, 0x01,               /* cmpq $1, (%rsp)     */
    0x75, 0x50,                                 /* jne fail3           */
    0x48, 0xbb, 0, 0, 0, 0, 0, 0, 0, 0,         /* movabs $data, %rbx (patched) */
    0x48, 0x8b, 0x03,                           /* mov (%rbx), %rax    */
    0x48, 0xb9, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, /* movabs $0x1122.., %rcx */
    0x48, 0x39, 0xc8,                           /* cmp %rcx, %rax      */
    0x75, 0x26,                                 /* jne fail            */
    0x48, 0x8b, 0x43, 0x08,                     /* mov 8(%rbx), %rax   */
    0x48, 0x85, 0xc0,                           /* test %rax, %rax     */
    0x75, 0x32,                                 /* jne fail4           */
    0x48, 0x8b, 0x83, 0xf0, 0x1f, 0x00, 0x00,   /* mov 0x1ff0(%rbx), %rax */
    0x48, 0x85, 0xc0,                           /* test %rax, %rax     */
    0x75, 0x2d,                                 /* jne fail5           */
    0x48, 0xc7, 0x43, 0x10, 0x05, 0, 0, 0,      /* movq $5, 16(%rbx)   */
    0x31, 0xff,                                 /* xor %edi, %edi      */
    0xb8, 0x3c, 0, 0, 0, 0x0f, 0x05,            /* exit(0)             */
    0xbf, 0x01, 0, 0, 0, 0xeb, 0x1a,            /* fail:  edi = 1      */
    0xbf, 0x02, 0, 0, 0, 0xeb, 0x13,            /* fail2: edi = 2      */
    0xbf, 0x03, 0, 0, 0, 0xeb, 0x0c,            /* fail3: edi = 3      */
    0xbf, 0x04, 0, 0, 0, 0xeb, 0x05,            /* fail4: edi = 4      */
    0xbf, 0x06, 0, 0, 0,                        /* fail5: edi = 6      */
    0xb8, 0x3c, 0, 0, 0, 0x0f, 0x05,            /* exit(edi)           */
};

static void test_loader_segments(void)
{
    enum { CODE = 2 * sizeof(Elf64_Phdr) + sizeof(Elf64_Ehdr), DATA = 0x130, END = DATA + 24 };
    static unsigned char file[END];
    _Static_assert(CODE + sizeof loader_code <= DATA, "code overlaps data");
    memset(file, 0, sizeof file);
    Elf64_Ehdr eh = tiny_elf().eh;
    eh.e_entry = TINY_BASE + CODE;
    eh.e_phnum = 2;
    Elf64_Phdr text = { PT_LOAD, PF_R | PF_X, 0, TINY_BASE, TINY_BASE,
                        CODE + sizeof loader_code, CODE + sizeof loader_code, 0x1000 };
    uint64_t data_va = 0x600000 + DATA;
    Elf64_Phdr data = { PT_LOAD, PF_R | PF_W, DATA, data_va, data_va, 8, 0x2000, 0x1000 };
    memcpy(file, &eh, sizeof eh);
    memcpy(file + sizeof eh, &text, sizeof text);
    memcpy(file + sizeof eh + sizeof text, &data, sizeof data);
    memcpy(file + CODE, loader_code, sizeof loader_code);
    memcpy(file + CODE + 15, &data_va, 8);
    uint64_t magic = 0x1122334455667788ull;
    memcpy(file + DATA, &magic, 8);
    memset(file + DATA + 8, 0xff, 16);          /* past p_filesz: must read as 0 */
    CHECK(write_file("/tmp/proc_loader", file, sizeof file, 0755) == 0);

    char *argv[] = { "loader", NULL };
    for (int round = 0; round < 2; round++) {   /* twice: the page cache is unharmed */
        int r = exec_errno("/tmp/proc_loader", argv, no_env);
        static const char *what[] = { "", "data bytes wrong", "rsp not 16-byte aligned",
                                      "argc not 1", "bytes past p_filesz not zero", "",
                                      "last bss page not zero" };
        CHECKF(r == EXEC_RAN + 0, "round %d: %s%s%s", round, exec_result_str(r),
               r > EXEC_RAN && r <= EXEC_RAN + 6 ? ": " : "",
               r > EXEC_RAN && r <= EXEC_RAN + 6 ? what[r - EXEC_RAN] : "");
    }
    /* Clearing the bss part of the data page made a private copy: the
     * file (its page-cache page) still holds the garbage. */
    unsigned char back[16];
    int fd = open("/tmp/proc_loader", O_RDONLY);
    CHECK(fd >= 0);
    CHECK(pread(fd, back, sizeof back, DATA + 8) == (ssize_t)sizeof back);
    close(fd);
    for (unsigned i = 0; i < sizeof back; i++)
        CHECKF(back[i] == 0xff, "file byte %u after the data is %#x: the loader wrote to the "
               "page cache", DATA + 8 + i, back[i]);
}

/* Text is read-only: a program writing to its own code dies of SIGSEGV. */
static void test_loader_text_read_only(void)
{
    struct tiny_elf e = tiny_elf();
    static const unsigned char code[] = {
        0x48, 0xbb, 0, 0, 0x40, 0, 0, 0, 0, 0,  /* movabs $0x400000, %rbx */
        0xc6, 0x03, 0x00,                       /* movb $0, (%rbx) */
        0x31, 0xff, 0xb8, 0x3c, 0, 0, 0, 0x0f, 0x05,   /* exit(0) */
    };
    _Static_assert(sizeof code <= sizeof e.code, "code too long");
    memcpy(e.code, code, sizeof code);
    CHECK(write_file("/tmp/proc_writes_text", &e, sizeof e, 0755) == 0);
    char *argv[] = { "w", NULL };
    int r = exec_errno("/tmp/proc_writes_text", argv, no_env);
    CHECKF(r == EXEC_KILLED + SIGSEGV, "%s", exec_result_str(r));
    /* And the file's first byte is still the ELF magic. */
    char head[4];
    int fd = open("/tmp/proc_writes_text", O_RDONLY);
    CHECK(fd >= 0 && read(fd, head, 4) == 4);
    close(fd);
    CHECK(memcmp(head, "\177ELF", 4) == 0);
}

/* --- "#!" scripts ------------------------------------------------------------- */

/* argv as Linux builds it for a script started as
 *     execve(path, { a0, a1, ... }, envp)
 * with first line "#!interp arg": { interp, arg, path, a1, ... }. */
static void test_script_argv(void)
{
    char line[300], out[1024], want[1024];
    snprintf(line, sizeof line, "#!%s --script-echo\nthis line is not read\n", self);
    CHECK(write_file("/tmp/proc_script", line, strlen(line), 0755) == 0);
    char *argv[] = { "name-ignored", "a1", "two words", "", NULL };
    int st = run_capture("/tmp/proc_script", argv, no_env, out, sizeof out);
    CHECKF(st == 0, "%s; printed \"%.400s\"", status_str(st), esc(out));
    snprintf(want, sizeof want, "argc=6\n[%s]\n[--script-echo]\n[/tmp/proc_script]\n[a1]\n"
                                "[two words]\n[]\n", self);
    CHECKF(strcmp(out, want) == 0, "printed \"%.400s\", want \"%.400s\"", esc(out), esc(want));
}

/* No interpreter argument; a relative script path is passed as given. */
static void test_script_without_argument(void)
{
    char line[300], out[1024], want[1024];
    snprintf(line, sizeof line, "#!%s\n", self);
    CHECK(write_file("/tmp/proc_script_noarg", line, strlen(line), 0755) == 0);
    char *argv[] = { "x", "y", NULL };
    int st = run_capture("/tmp/proc_script_noarg", argv, no_env, out, sizeof out);
    CHECKF(st == 0, "%s; printed \"%.400s\"", status_str(st), esc(out));
    snprintf(want, sizeof want, "argc=3\n[%s]\n[/tmp/proc_script_noarg]\n[y]\n", self);
    CHECKF(strcmp(out, want) == 0, "printed \"%.400s\", want \"%.400s\"", esc(out), esc(want));
}

/* Blanks around the interpreter and its argument: leading and trailing
 * ones go, inner ones stay (the rest of the line is one argument). */
static void test_script_whitespace(void)
{
    char line[300], out[1024], want[1024];
    snprintf(line, sizeof line, "#! \t%s  \t--script-echo  x\ty  \t \n", self);
    CHECK(write_file("/tmp/proc_script_ws", line, strlen(line), 0755) == 0);
    char *argv[] = { "x", NULL };
    int st = run_capture("/tmp/proc_script_ws", argv, no_env, out, sizeof out);
    CHECKF(st == 0, "%s; printed \"%.400s\"", status_str(st), esc(out));
    snprintf(want, sizeof want, "argc=3\n[%s]\n[--script-echo  x\ty]\n[/tmp/proc_script_ws]\n",
             self);
    CHECKF(strcmp(out, want) == 0, "printed \"%.400s\", want \"%.400s\"", esc(out), esc(want));
}

/* A file that is only "#!interp arg", with no newline at all. */
static void test_script_without_newline(void)
{
    char line[300], out[1024], want[1024];
    snprintf(line, sizeof line, "#!%s --script-echo", self);
    CHECK(write_file("/tmp/proc_script_nonl", line, strlen(line), 0755) == 0);
    char *argv[] = { "x", NULL };
    int st = run_capture("/tmp/proc_script_nonl", argv, no_env, out, sizeof out);
    CHECKF(st == 0, "%s; printed \"%.400s\"", status_str(st), esc(out));
    snprintf(want, sizeof want, "argc=3\n[%s]\n[--script-echo]\n[/tmp/proc_script_nonl]\n", self);
    CHECKF(strcmp(out, want) == 0, "printed \"%.400s\", want \"%.400s\"", esc(out), esc(want));
}

/* A script whose interpreter is a script (one level). */
static void test_script_nested_once(void)
{
    char line[300], out[1024], want[1024];
    snprintf(line, sizeof line, "#!%s --script-echo\n", self);
    CHECK(write_file("/tmp/proc_script_inner", line, strlen(line), 0755) == 0);
    static const char outer[] = "#!/tmp/proc_script_inner\n";
    CHECK(write_file("/tmp/proc_script_outer", outer, sizeof outer - 1, 0755) == 0);
    char *argv[] = { "x", "a1", NULL };
    int st = run_capture("/tmp/proc_script_outer", argv, no_env, out, sizeof out);
    CHECKF(st == 0, "%s; printed \"%.400s\"", status_str(st), esc(out));
    snprintf(want, sizeof want,
             "argc=5\n[%s]\n[--script-echo]\n[/tmp/proc_script_inner]\n[/tmp/proc_script_outer]\n"
             "[a1]\n", self);
    CHECKF(strcmp(out, want) == 0, "printed \"%.400s\", want \"%.400s\"", esc(out), esc(want));
}

static void test_script_errors(void)
{
    char *argv[] = { "x", NULL };
    static const char missing[] = "#!/tmp/proc_no_such_interpreter\n";
    CHECK(write_file("/tmp/proc_script_missing", missing, sizeof missing - 1, 0755) == 0);
    int r = exec_errno("/tmp/proc_script_missing", argv, no_env);
    CHECKF(r == ENOENT, "missing interpreter: %s", exec_result_str(r));
    static const char blank[] = "#!   \n";
    CHECK(write_file("/tmp/proc_script_blank", blank, sizeof blank - 1, 0755) == 0);
    r = exec_errno("/tmp/proc_script_blank", argv, no_env);
    CHECKF(r == ENOEXEC, "no interpreter named: %s", exec_result_str(r));
    char line[300];
    snprintf(line, sizeof line, "#!%s --script-echo\n", self);
    CHECK(write_file("/tmp/proc_script_0644", line, strlen(line), 0644) == 0);
    r = exec_errno("/tmp/proc_script_0644", argv, no_env);
    CHECKF(r == EACCES, "script without x bit: %s", exec_result_str(r));
}

int main(int argc, char **argv)
{
    if (argc > 1 && (strncmp(argv[1], "--script-echo", 13) == 0 ||
                     strncmp(argv[1], "/tmp/proc_script", 16) == 0)) {
        printf("argc=%d\n", argc);         /* the script helper: our arguments */
        for (int i = 0; i < argc; i++)
            printf("[%s]\n", argv[i]);
        return 0;
    }
    if (argv[0] && argv[0][0] == '/')
        self = argv[0];

    T_INIT("proc_loader", argc, argv);
    RUN(test_loader_segments);
    RUN(test_loader_text_read_only);
    RUN(test_script_argv);
    RUN(test_script_without_argument);
    RUN(test_script_whitespace);
    RUN(test_script_without_newline);
    RUN(test_script_nested_once);
    RUN(test_script_errors);
    return T_DONE();
}
