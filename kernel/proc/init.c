/*
 * init.c: process 1.
 *
 * The kernel builds the first process by hand: a struct proc with fresh
 * resources and one thread, whose kernel-side start opens the console as
 * descriptors 0, 1 and 2 and then execs /sbin/init (or init=PATH) like
 * any execve. From then on every process is a fork of another, and init
 * is the ancestor that adopts orphans (exit.c).
 *
 * init gets its job from its arguments:
 *      /sbin/init                   interactive: start the shell
 *      /sbin/init -c 'command'      run one command, exit with its status
 *                                   (kernel command line "-- command")
 *      /sbin/init --test PATTERN    run the user test suite (test mode)
 */
#include "proc.h"
#include "bootinfo.h"
#include "clock.h"
#include "errno.h"
#include "fs.h"
#include "kprintf.h"

static void open_console(void)
{
    struct file *f;
    int err = do_open(AT_FDCWD, "/dev/console", O_RDWR, 0, &f);
    if (err)
        panic("init: cannot open /dev/console (error %d)", err);
    fd_install(f, 0, false);                /* stdin */
    file_get(f);
    fd_install(f, 1, false);                /* stdout */
    file_get(f);
    fd_install(f, 2, false);                /* stderr */
}

/* The first thing process 1 runs, still in the kernel. */
static void init_main(void *unused)
{
    (void)unused;
    open_console();
    char *argv[4] = { boot_info.init_path, NULL, NULL, NULL };
    if (boot_info.test_mode) {
        argv[1] = "--test";
        argv[2] = boot_info.test_filter;
    } else if (boot_info.init_cmd[0]) {
        argv[1] = "-c";
        argv[2] = boot_info.init_cmd;
    }
    char *envp[] = { "PATH=/bin:/sbin:/usr/bin", "HOME=/", "TERM=vt100", "USER=root", NULL };
    long err = do_execve(boot_info.init_path, argv, envp, true);
    if (err)
        panic("cannot run %s (error %ld): is it in the initramfs?", boot_info.init_path, err);
    /* Back in thread_entry, which leaves for user mode through the
     * trapframe execve filled in. */
}

void start_init(void)
{
    struct proc *p = proc_alloc();
    struct thread *t = p ? thread_alloc(p) : NULL;
    if (!t || t->tid != 1)
        panic("start_init: cannot create process 1");
    p->pid = 1;
    p->pgid = p->sid = 1;
    p->leader = t;
    p->nthreads = 1;
    list_add_tail(&t->thread_link, &p->threads);
    p->files = files_alloc();
    p->fs = fs_alloc();
    p->sighand = sighand_alloc();
    if (!p->files || !p->fs || !p->sighand)
        panic("start_init: out of memory");
    p->start_time_ns = ktime_ns();
    proc_set_name(p, "init");
    init_proc = p;
    spin_lock(&tasklist_lock);
    list_add_tail(&p->all_link, &all_procs);
    spin_unlock(&tasklist_lock);

    thread_setup_stack(t, init_main, NULL);
    sched_add(t, NULL);
}
