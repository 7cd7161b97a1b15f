/*
 * exec.c: execve(), replacing a process's program.
 *
 * The steps, in the order that keeps the caller alive on the errors a
 * program can make (a missing or bad file, bad arguments):
 *
 *   1. find the file; a "#!" script runs its interpreter instead
 *   2. check the ELF headers (elf.c)                     -> ENOEXEC
 *   3. copy argv and envp into the kernel                -> E2BIG, EFAULT
 *   4. build the new address space: a region per segment, mapping the
 *      file's page-cache pages (text is shared by every process running
 *      the program), anonymous regions for bss and heap, and the stack
 *   ---- the point of no return: the old program is gone after this ----
 *   5. switch to the new address space, free the old one
 *   6. write argc, argv, envp and the auxiliary vector on the new stack,
 *      laid out as Linux does, so musl's and glibc's start code work
 *   7. close O_CLOEXEC descriptors, reset caught signals, and point the
 *      trapframe at the entry point: returning from execve "returns" into
 *      the new program's _start
 */
#include "proc.h"
#include "clock.h"
#include "elf.h"
#include "errno.h"
#include "fs.h"
#include "futex.h"
#include "interrupt.h"
#include "kmalloc.h"
#include "mm.h"
#include "segment.h"
#include "signal.h"
#include "string.h"
#include "trapframe.h"
#include "uaccess.h"
#include "weft/auxvec.h"
#include "x86.h"

#define ARG_MAX      (128 * 1024)   /* bytes of argument and environment strings */
#define MAX_ARGS     4096           /* strings in argv + envp */
#define MAX_INTERP_DEPTH 2          /* a script may name a script as interpreter, once */

/* The arguments, copied out of the old address space. */
struct args {
    char *buf;                      /* every string, NUL-terminated, argv then envp */
    size_t used;
    int argc, envc;
};

static int args_add(struct args *a, const char *s, size_t len)
{
    if (a->used + len + 1 > ARG_MAX || a->argc + a->envc >= MAX_ARGS)
        return -E2BIG;
    memcpy(a->buf + a->used, s, len);
    a->buf[a->used + len] = '\0';
    a->used += len + 1;
    return 0;
}

/* Copy a NULL-terminated array of strings (user or kernel pointers). */
static int copy_strings(struct args *a, char *const *vec, bool from_kernel, int *count)
{
    if (!vec)
        return 0;                           /* Linux accepts NULL as an empty list */
    for (int i = 0;; i++) {
        const char *s;
        if (from_kernel)
            s = vec[i];
        else if (copy_from_user(&s, &vec[i], sizeof s) < 0)
            return -EFAULT;
        if (!s)
            return 0;
        if (from_kernel) {
            if (args_add(a, s, strlen(s)) < 0)
                return -E2BIG;
        } else {
            long n = strncpy_from_user(a->buf + a->used, s, ARG_MAX - a->used);
            if (n == -EFAULT)
                return -EFAULT;
            if (n < 0 || a->argc + a->envc >= MAX_ARGS)
                return -E2BIG;
            a->used += (size_t)n + 1;
        }
        (*count)++;
    }
}

/* The i-th string of the buffer (argv first, then envp). */
static const char *arg_at(const struct args *a, int i)
{
    const char *p = a->buf;
    while (i-- > 0)
        p += strlen(p) + 1;
    return p;
}

/* "#!interpreter [arg]" scripts: rebuild the arguments as
 * interpreter [arg] script-path argv[1..] and return the interpreter. */
static int load_script(struct args *a, const char *head, size_t hlen, const char *path,
                       char *interp)
{
    /* The line ends at a newline, or at the end of a file that has none. */
    size_t end = 2;
    while (end < hlen && head[end] != '\n')
        end++;
    if (end == hlen && hlen == PAGE_SIZE)
        return -ENOEXEC;                    /* no end of line in the first page */
    char line[256];
    size_t n = end - 2 < sizeof line - 1 ? end - 2 : sizeof line - 1;
    memcpy(line, head + 2, n);
    line[n] = '\0';
    while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
        line[--n] = '\0';                  /* trailing blanks go, as on Linux */

    char *p = line;
    while (*p == ' ' || *p == '\t')
        p++;
    char *name = p;
    while (*p && *p != ' ' && *p != '\t')
        p++;
    char *optarg = NULL;
    if (*p) {
        *p++ = '\0';
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p)
            optarg = p;                     /* the rest of the line: one argument */
    }
    if (!*name)
        return -ENOEXEC;
    strlcpy(interp, name, PATH_MAX);

    /* New list: interp [optarg] path argv[1..] envp... */
    struct args old = *a;
    char *buf = kmalloc(ARG_MAX);
    if (!buf)
        return -ENOMEM;
    struct args b = { buf, 0, 0, 0 };
    int err = args_add(&b, name, strlen(name));
    b.argc++;
    if (!err && optarg && !(err = args_add(&b, optarg, strlen(optarg))))
        b.argc++;
    if (!err && !(err = args_add(&b, path, strlen(path))))
        b.argc++;
    for (int i = 1; !err && i < old.argc + old.envc; i++) {
        const char *s = arg_at(&old, i);
        err = args_add(&b, s, strlen(s));
        if (i < old.argc)
            b.argc++;
        else
            b.envc++;
    }
    if (err) {
        kfree(buf);
        return err;
    }
    kfree(old.buf);
    *a = b;
    return 0;
}

/* Map one PT_LOAD segment into mm: its file part from the page cache,
 * its zero-filled tail (bss) as anonymous memory. */
static int map_segment(struct mm *mm, struct inode *file, const Elf64_Phdr *ph, uint64_t bias)
{
    /* Private mappings may always be made writable later (mprotect):
     * writes only ever reach a copy. */
    uint32_t flags = (ph->p_flags & PF_R ? VM_READ : 0) | (ph->p_flags & PF_W ? VM_WRITE : 0) |
                     (ph->p_flags & PF_X ? VM_EXEC : 0) | VM_MAYWRITE;
    uint64_t start = PAGE_ROUND_DOWN(bias + ph->p_vaddr);
    uint64_t file_end = bias + ph->p_vaddr + ph->p_filesz;
    uint64_t mem_end = bias + ph->p_vaddr + ph->p_memsz;
    uint64_t file_page_end = PAGE_ROUND_UP(file_end);

    if (ph->p_filesz > 0) {
        struct vma *v = vma_alloc(start, file_page_end, flags, file,
                                  PAGE_ROUND_DOWN(ph->p_offset) / PAGE_SIZE, NULL);
        if (!v)
            return -ENOMEM;
        if (vma_insert(mm, v) < 0) {
            vma_free(v);
            return -ENOEXEC;                /* segments overlap */
        }
    } else {
        file_page_end = start;
    }
    if (PAGE_ROUND_UP(mem_end) > file_page_end) {
        struct vma *v = vma_alloc(file_page_end, PAGE_ROUND_UP(mem_end), flags, NULL, 0, NULL);
        if (!v)
            return -ENOMEM;
        if (vma_insert(mm, v) < 0) {
            vma_free(v);
            return -ENOEXEC;
        }
    }
    /* The last file page holds bytes past p_filesz (the start of bss, or
     * the next section in the file): they must read as zero. Make the
     * page private now and clear them. */
    if (ph->p_memsz > ph->p_filesz && (file_end & (PAGE_SIZE - 1)) && (flags & VM_WRITE)) {
        spin_unlock(&mm->lock);
        int err = mm_populate(mm, file_end, 1, true);
        spin_lock(&mm->lock);
        if (err < 0)
            return err;
        paddr_t pa = pt_translate(mm->pml4, file_end, NULL);
        memset(phys_to_virt(pa), 0, file_page_end - file_end);
    }
    if (ph->p_flags & PF_X) {
        mm->start_code = start;
        mm->end_code = file_end;
    } else if (ph->p_flags & PF_W) {
        mm->start_data = start;
        mm->end_data = file_end;
    }
    if (PAGE_ROUND_UP(mem_end) > mm->start_brk)
        mm->start_brk = mm->brk = PAGE_ROUND_UP(mem_end);
    return 0;
}

/* Build the new address space for the checked ELF: segments, heap
 * start, and a stack region just big enough for the arguments. */
static struct mm *build_mm(struct inode *file, const struct elf_info *info, size_t stack_bytes,
                           int *errp)
{
    struct mm *mm = mm_create();
    if (!mm) {
        *errp = -ENOMEM;
        return NULL;
    }
    int err = 0;
    spin_lock(&mm->lock);
    for (int i = 0; i < info->phnum && !err; i++)
        if (info->phdrs[i].p_type == PT_LOAD)
            err = map_segment(mm, file, &info->phdrs[i], info->bias);
    if (!err) {
        uint64_t stack_low = PAGE_ROUND_DOWN(USER_TOP - stack_bytes) - PAGE_SIZE;
        struct vma *st = vma_alloc(stack_low, USER_TOP,
                                   VM_READ | VM_WRITE | VM_MAYWRITE | VM_GROWSDOWN,
                                   NULL, 0, "[stack]");
        if (!st || vma_insert(mm, st) < 0) {
            if (st)
                vma_free(st);
            err = st ? -ENOEXEC : -ENOMEM;
        }
        mm->start_stack = stack_low;
    }
    spin_unlock(&mm->lock);
    if (err) {
        mm_put(mm);
        *errp = err;
        return NULL;
    }
    mm->exe = file;
    inode_get(file);
    return mm;
}

/* Write argc, argv[], envp[], auxv[] and the strings onto the new stack
 * (System V x86-64 ABI, figure 3.9), in the now active address space.
 * Returns the initial rsp, or 0 on a fault. */
static uint64_t setup_stack(struct mm *mm, const struct args *a, const struct elf_info *info,
                            const char *execfn)
{
    uint64_t sp = USER_TOP;
    int nstr = a->argc + a->envc;

    /* Strings at the very top: execfn, then argv and envp strings. */
    size_t fnlen = strlen(execfn) + 1;
    sp -= fnlen;
    uint64_t execfn_addr = sp;
    if (copy_to_user((void *)sp, execfn, fnlen) < 0)
        return 0;
    sp -= a->used;
    uint64_t strings = sp;
    if (copy_to_user((void *)sp, a->buf, a->used) < 0)
        return 0;
    mm->arg_start = strings;
    mm->env_end = strings + a->used;

    /* 16 random bytes for AT_RANDOM (stack protector and pointer guard
     * seeds in libc): from the TSC, which is no cryptography, but differs
     * every run. */
    sp = (sp - 16) & ~15ul;
    uint64_t random_addr = sp;
    uint64_t rnd[2] = { rdtsc() * 0x9e3779b97f4a7c15ull, ktime_ns() ^ 0xdeadbeefcafef00dull };
    if (copy_to_user((void *)sp, rnd, sizeof rnd) < 0)
        return 0;

    uint64_t auxv[][2] = {
        { AT_PHDR, info->phdr_addr },   { AT_PHENT, sizeof(Elf64_Phdr) },
        { AT_PHNUM, (uint64_t)info->phnum }, { AT_PAGESZ, PAGE_SIZE },
        { AT_BASE, 0 },                 { AT_FLAGS, 0 },
        { AT_ENTRY, info->entry },      { AT_UID, 0 },
        { AT_EUID, 0 },                 { AT_GID, 0 },
        { AT_EGID, 0 },                 { AT_SECURE, 0 },
        { AT_CLKTCK, HZ },              { AT_HWCAP, 0 },
        { AT_RANDOM, random_addr },     { AT_EXECFN, execfn_addr },
        { AT_NULL, 0 },
    };
    /* argc + argv pointers + NULL + envp pointers + NULL + auxv, and rsp
     * must end up 16-byte aligned at argc. */
    uint64_t words = 1 + (uint64_t)nstr + 2 + sizeof auxv / 8;
    sp = (sp - words * 8) & ~15ul;
    uint64_t rsp = sp;

    uint64_t *vec = kmalloc(words * 8);
    if (!vec)
        return 0;
    size_t w = 0, off = 0;
    vec[w++] = (uint64_t)a->argc;
    for (int i = 0; i < nstr; i++) {
        if (i == a->argc) {
            vec[w++] = 0;                   /* argv's NULL */
            mm->arg_end = mm->env_start = strings + off;
        }
        vec[w++] = strings + off;
        off += strlen(a->buf + off) + 1;
    }
    if (a->envc == 0)
        mm->arg_end = mm->env_start = strings + off;
    if (nstr == a->argc)
        vec[w++] = 0;                       /* argv's NULL when envp is empty */
    vec[w++] = 0;                           /* envp's NULL */
    memcpy(&vec[w], auxv, sizeof auxv);
    int err = copy_to_user((void *)rsp, vec, words * 8);
    kfree(vec);
    return err < 0 ? 0 : rsp;
}

/* Remember argv for /proc/PID/cmdline and ps. */
static void set_cmdline(struct proc *p, const struct args *a)
{
    size_t n = 0;
    for (int i = 0; i < a->argc; i++) {
        const char *s = arg_at(a, i);
        size_t len = strlen(s) + 1;
        if (n + len > PROC_CMDLINE_MAX)
            break;
        memcpy(p->cmdline + n, s, len);
        n += len;
    }
    p->cmdline_len = (int)n;
}

/* Steps 5-7: the old program is gone after this. */
static void commit_exec(struct mm *mm, struct args *a, const struct elf_info *info,
                        const char *path)
{
    struct thread *t = current;
    struct proc *p = t->proc;

    /* A thread library's exit hooks point into the old image: honour
     * CLONE_CHILD_CLEARTID now if someone else (a vfork parent) shares the
     * old memory, then forget both, as Linux's exec_mm_release does. */
    struct mm *old = p->mm;
    if (t->clear_child_tid && old && old->users > 1) {
        int zero = 0;
        if (copy_to_user((void *)t->clear_child_tid, &zero, sizeof zero) == 0)
            futex_wake(old, t->clear_child_tid, 1);
    }
    t->clear_child_tid = 0;
    t->robust_list = 0;

    spin_lock(&p->lock);
    p->mm = mm;
    spin_unlock(&p->lock);
    mm_activate(mm);
    if (old)
        mm_put(old);
    vfork_release(p);                       /* a vfork() parent may run again */
    p->did_exec = true;

    uint64_t rsp = setup_stack(mm, a, info, path);
    /* A descriptor table shared with another process (CLONE_FILES
     * without CLONE_THREAD) is unshared first, as on Linux: closing our
     * O_CLOEXEC descriptors must not close theirs. */
    if (p->files->refcount > 1) {
        struct files_struct *own = files_dup(p->files);
        if (own) {
            files_put(p->files);
            p->files = own;
        }
    }
    files_close_on_exec(p->files);
    signals_reset_on_exec(p);
    proc_set_name(p, path);
    set_cmdline(p, a);

    t->fs_base = 0;
    wrmsr(MSR_FS_BASE, 0);
    fpu_init_state(t);                      /* no rounding mode or mask leaks in either */
    __asm__ volatile("fxrstor64 %0" : : "m"(t->fpu));
    memset(t->tf, 0, sizeof *t->tf);        /* no register leaks into the new program */
    t->tf->rip = info->entry;
    t->tf->rsp = rsp;
    t->tf->cs = USER_CS;
    t->tf->ss = USER_DS;
    t->tf->rflags = RFLAGS_IF | 0x2;        /* bit 1 is always set */
    t->tf->trapno = T_SYSCALL;              /* we are still inside execve() */
    t->tf->errcode = (uint64_t)-1;          /* orig_rax: no restart after this */
    if (!rsp)
        force_fault_signal(SIGSEGV, SI_KERNEL, 0);  /* could not build the stack */
}

long do_execve(const char *kpath, char *const argv[], char *const envp[], bool from_kernel)
{
    char *path = kmalloc(PATH_MAX), *interp = kmalloc(PATH_MAX);
    char *head = kmalloc(PAGE_SIZE);
    struct args a = { kmalloc(ARG_MAX), 0, 0, 0 };
    struct elf_info *info = kmalloc(sizeof *info);
    struct inode *file = NULL;
    long err = -ENOMEM;
    if (!path || !interp || !head || !a.buf || !info)
        goto out;

    strlcpy(path, kpath, PATH_MAX);
    if ((err = copy_strings(&a, argv, from_kernel, &a.argc)) < 0 ||
        (err = copy_strings(&a, envp, from_kernel, &a.envc)) < 0)
        goto out;

    for (int depth = 0;; depth++) {
        if ((err = path_lookup(AT_FDCWD, path, true, &file)) < 0)
            goto out;
        if (!S_ISREG(file->mode) || !(file->mode & 0111)) {
            err = -EACCES;
            goto out;
        }
        size_t hlen = file->size < PAGE_SIZE ? file->size : PAGE_SIZE;
        if ((err = inode_read_kernel(file, head, hlen, 0)) < 0)
            goto out;
        if (hlen >= 2 && head[0] == '#' && head[1] == '!' && depth < MAX_INTERP_DEPTH) {
            if ((err = load_script(&a, head, hlen, path, interp)) < 0)
                goto out;
            strlcpy(path, interp, PATH_MAX);
            inode_put(file);
            file = NULL;
            continue;                       /* now run the interpreter */
        }
        if ((err = elf_parse(head, hlen, file->size, USER_TOP, info)) < 0)
            goto out;
        break;
    }

    /* Other threads of this process end first (Linux's de_thread). */
    if ((err = exec_kill_other_threads()) < 0)
        goto out;

    int berr;
    struct mm *mm = build_mm(file, info, a.used + PAGE_SIZE, &berr);
    if (!mm) {
        err = berr;
        goto out;
    }
    uint64_t rlim = current_proc()->rlim_stack;
    if (rlim)                               /* setrlimit(RLIMIT_STACK) counts from here */
        mm->stack_limit = rlim < STACK_LIMIT_MAX ? rlim : STACK_LIMIT_MAX;
    commit_exec(mm, &a, info, path);
    err = 0;
out:
    if (file)
        inode_put(file);
    kfree(path);
    kfree(interp);
    kfree(head);
    kfree(a.buf);
    kfree(info);
    return err;
}

long sys_execve(const char *upath, char *const argv[], char *const envp[])
{
    char *path = kmalloc(PATH_MAX);
    if (!path)
        return -ENOMEM;
    long err = getname(upath, path);
    if (err == 0)
        err = do_execve(path, argv, envp, false);
    kfree(path);
    return err;
}
