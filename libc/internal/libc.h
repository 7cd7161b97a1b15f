/*
 * libc.h (libc-internal): the little global state the C library keeps
 * about the process, filled in once by __libc_start_main (start/start.c)
 * from the auxiliary vector the kernel put on the initial stack.
 */
#ifndef _LIBC_LIBC_H
#define _LIBC_LIBC_H

#include <stddef.h>

struct libc_globals {
    size_t page_size;           /* AT_PAGESZ (4096 unless told otherwise) */
    long clk_tck;               /* AT_CLKTCK: times() ticks per second */
    const unsigned char *random; /* AT_RANDOM: 16 random bytes, or NULL */
    const void *phdr;           /* AT_PHDR: the program headers in memory */
    size_t phnum;               /* AT_PHNUM */
    /* The static TLS template (the PT_TLS segment), kept so a thread
     * library can give each new thread a copy of it. */
    const void *tls_image;      /* .tdata's initial values */
    size_t tls_filesz;          /* bytes of .tdata to copy */
    size_t tls_memsz;           /* plus zeroed .tbss */
    size_t tls_align;
    size_t tls_size;            /* bytes below the thread pointer: memsz
                                 * rounded up to tls_align */
};
extern struct libc_globals __libc;

/*
 * The thread control block. On x86-64 (TLS "variant II") the FS base, the
 * thread pointer, points at this struct, and the thread's TLS block sits
 * just below it. The ABI requires only the first word: a pointer to the
 * TCB itself, so code can load the thread pointer with `mov %fs:0, %rax`.
 * The rest is the thread library's (libc/thread/pthread.c): a pthread_t
 * is the address of its thread's TCB. The main thread's TCB is set up by
 * start/tls.c with every field below zero.
 */
struct tsd_slot;
struct tcb {
    struct tcb *self;
    /* Threads: the kernel writes the thread id here when it creates the
     * thread (CLONE_PARENT_SETTID) and writes 0 and wakes a futex waiter
     * when the thread is gone (CLONE_CHILD_CLEARTID): pthread_join waits
     * on this word. 0 in the main thread until the first pthread_create. */
    volatile int tid;
    volatile int detach_state;  /* DT_* in thread/pthread_impl.h */
    void *(*start)(void *);     /* what the thread runs ... */
    void *arg;                  /* ... with this argument */
    void *result;               /* its return value, for pthread_join */
    void *map_base;             /* the mmap holding stack, TLS and TCB; */
    size_t map_size;            /* NULL for the main thread */
    struct tsd_slot *tsd;       /* pthread_getspecific's values */
};

/* This thread's TCB: one load through the FS segment, no system call.
 * volatile: never reuse an earlier result, because code running as an M:N
 * task (libc/mn) can resume on another thread after any yield. */
static inline struct tcb *__tcb_self(void)
{
    struct tcb *t;
    __asm__ volatile("mov %%fs:0, %0" : "=r"(t));
    return t;
}

/* Set up the main thread's TLS and FS base (start/tls.c). */
void __init_tls(void);

/* The program's name for messages (argv[0] without its directory). */
extern const char *__progname;

/* Run by exit() after the atexit handlers: flush every FILE. stdio
 * defines it; exit() sees a do-nothing weak version when the program
 * never used stdio, so a program that does not print does not carry
 * stdio in its binary. */
void __stdio_exit(void);

#endif
