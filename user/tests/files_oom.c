/*
 * files_oom.c: a file that fills the whole machine's memory (in a child):
 * write fails with ENOSPC, the file keeps every byte written, and
 * removing it gives every frame back. A program of its own, so that
 * nothing runs after it in the same process; it runs only on weft.
 */
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "t.h"
#include "t_child.h"
#include "t_errno.h"
#include "t_files.h"

static char wbuf[MIB], rbuf[MIB];

/*
 * Out of memory: a child writes 1 MiB chunks to /tmp/big until write
 * fails. It touches no new memory once it starts (its buffers were
 * touched before, its results go to a shared page), so that nothing but
 * the file competes for frames. The write that runs out may be short; the
 * next fails with ENOSPC (or ENOMEM). The file keeps every byte that was
 * written. Once it is removed, the frames come back (slack: 64 frames,
 * for the kernel's caches and the child's page tables; the file is ~60000).
 */
struct oom_result {
    long long total;        /* bytes written, summed from write's returns */
    long long size;         /* fstat after the failure */
    int err;                /* errno of the failing write */
    int chunks, short_writes;
    int tail_ok;            /* the last bytes read back right */
    int done;
};

/* Touch 32 KiB of stack below us, so the child's stack is its own
 * before memory runs out (after fork, stack pages are copied on write). */
static void __attribute__((noinline)) touch_stack(void)
{
    volatile char pad[32 * 1024];
    for (size_t i = 0; i < sizeof pad; i += 512)
        pad[i] = 1;
}

static void test_enospc_keeps_data(void)
{
    if (!on_weft()) {
        printf("note: not weft: filling the host's memory is skipped\n");
        return;
    }
    fill_random(wbuf, MIB, 7);
    memset(rbuf, 0, MIB);
    struct oom_result *res = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                                  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    CHECK(res != MAP_FAILED);
    memset(res, 0, sizeof *res);
    unlink("/tmp/big");
    long long baseline = t_free_frames();
    fflush(stdout);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        touch_stack();
        errno = 0;                              /* errno's page too (write() sets it) */
        memset(rbuf, 1, 8192);                  /* our own copy now, before memory runs out */
        struct stat st;
        int fd = open("/tmp/big", O_RDWR | O_CREAT | O_TRUNC, 0644);
        if (fd < 0)
            _exit(2);
        long long total = 0;
        ssize_t last = 0;                       /* the last write that wrote something */
        for (int i = 0; i < 4096; i++) {        /* 4 GiB: more than any test machine */
            ssize_t n = write(fd, wbuf, MIB);
            if (n < 0) {
                res->err = errno;
                break;
            }
            res->chunks++;
            res->short_writes += n < MIB;
            total += n;
            if (n > 0)
                last = n;
        }
        res->total = total;
        res->size = fstat(fd, &st) == 0 ? st.st_size : -1;
        /* The file ends with the last write's bytes, wbuf[0 .. last). */
        ssize_t m = last < 4096 ? last : 4096;
        ssize_t n = pread(fd, rbuf, (size_t)m, total - m);
        res->tail_ok = m > 0 && n == m && memcmp(rbuf, wbuf + last - m, (size_t)m) == 0;
        res->done = 1;
        _exit(0);
    }
    int st = reap_code(pid);
    int unlinked = unlink("/tmp/big");
    long long after = t_free_frames();
    printf("note: out of memory after %d writes of 1 MiB (%lld bytes, %d short), errno %s; "
           "free frames %lld -> %lld\n", res->chunks, res->total, res->short_writes,
           ename(res->err), baseline, after);
    CHECKF(st == 0 && res->done, "the writer did not finish: status %d", st);
    CHECKF(unlinked == 0, "unlink /tmp/big after the writer exited: %s", strerror(errno));
    CHECKF(res->err == ENOSPC || res->err == ENOMEM, "the failing write: %s, want ENOSPC",
           ename(res->err));
    CHECKF(res->total > 0 && res->size == res->total, "file size %lld, writes returned %lld",
           res->size, res->total);
    CHECKF(res->tail_ok, "the file's last bytes are not the last write's");
    CHECKF(after >= baseline - 64, "free frames %lld before, %lld after removing the file",
           baseline, after);
    munmap(res, 4096);
}

int main(int argc, char **argv)
{
    T_INIT("files_oom", argc, argv);
    RUN(test_enospc_keeps_data);            /* alone: it fills the machine's memory */
    return T_DONE();
}
