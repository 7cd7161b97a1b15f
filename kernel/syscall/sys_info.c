/*
 * sys_info.c: the machine and its one user: uname, reboot, user and group
 * ids (everything runs as root, uid 0), sysinfo, getrandom.
 */
#include "clock.h"
#include "drivers.h"
#include "errno.h"
#include "frame.h"
#include "kprintf.h"
#include "proc.h"
#include "string.h"
#include "uaccess.h"
#include "version.h"
#include "weft/misc.h"
#include "weft/utsname.h"
#include "x86.h"

long sys_uname(struct utsname *u)
{
    struct utsname n;
    memset(&n, 0, sizeof n);
    strlcpy(n.sysname, "weft", sizeof n.sysname);
    strlcpy(n.nodename, "weft", sizeof n.nodename);
    strlcpy(n.release, WEFT_VERSION, sizeof n.release);
    strlcpy(n.version, WEFT_BUILD_DATE, sizeof n.version);
    strlcpy(n.machine, "x86_64", sizeof n.machine);
    strlcpy(n.domainname, "(none)", sizeof n.domainname);
    return copy_to_user(u, &n, sizeof n) ? -EFAULT : 0;
}

long sys_reboot(unsigned magic1, unsigned magic2, unsigned cmd)
{
    if (magic1 != LINUX_REBOOT_MAGIC1 || magic2 != LINUX_REBOOT_MAGIC2)
        return -EINVAL;
    switch (cmd) {
    case LINUX_REBOOT_CMD_POWER_OFF:
    case LINUX_REBOOT_CMD_HALT:
    case LINUX_REBOOT_CMD_RESTART:
        kprintf("weft: power down\n");
        qemu_exit(0);
    default:
        return -EINVAL;
    }
}

long sys_getuid(void) { return 0; }
long sys_geteuid(void) { return 0; }
long sys_getgid(void) { return 0; }
long sys_getegid(void) { return 0; }

long sys_getgroups(int size, uint32_t *list)
{
    (void)list;
    return size < 0 ? -EINVAL : 0;  /* no supplementary groups */
}

long sys_getresuid(uint32_t *r, uint32_t *e, uint32_t *s)
{
    uint32_t zero = 0;
    if (copy_to_user(r, &zero, 4) || copy_to_user(e, &zero, 4) || copy_to_user(s, &zero, 4))
        return -EFAULT;
    return 0;
}

long sys_getresgid(uint32_t *r, uint32_t *e, uint32_t *s)
{
    return sys_getresuid(r, e, s);
}

/* There is one user: becoming root again is allowed, anything else not. */
long sys_setuid(uint32_t uid) { return uid == 0 ? 0 : -EPERM; }
long sys_setgid(uint32_t gid) { return gid == 0 ? 0 : -EPERM; }

/* Linux's struct sysinfo. Its padding, char _f[20 - 2 * sizeof(long) -
 * sizeof(int)], is empty on 64-bit machines: the kernel writes 112 bytes,
 * and no more, whatever room the C library's struct leaves (glibc's is
 * 112 bytes, musl's larger). */
struct k_sysinfo {
    long uptime;
    unsigned long loads[3];
    unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
    unsigned short procs, pad;
    unsigned long totalhigh, freehigh;
    unsigned int mem_unit;
};
_Static_assert(sizeof(struct k_sysinfo) == 112, "Linux's struct sysinfo");

long sys_sysinfo(void *uinfo)
{
    struct k_sysinfo si;
    memset(&si, 0, sizeof si);
    si.uptime = (long)(ktime_ns() / NSEC_PER_SEC);
    si.totalram = frame_total_count();
    si.freeram = frame_free_count();
    si.mem_unit = PAGE_SIZE;
    int n = 0;
    spin_lock(&tasklist_lock);
    struct proc *p;
    list_for_each_entry(p, &all_procs, all_link)
        n += p->nthreads;
    spin_unlock(&tasklist_lock);
    si.procs = (unsigned short)n;
    return copy_to_user(uinfo, &si, sizeof si) ? -EFAULT : 0;
}

/* getrandom: a xorshift generator seeded from the TSC. Fine for hash
 * seeds and stack protectors in a teaching kernel; not cryptography. */
long sys_getrandom(void *ubuf, size_t len, unsigned flags)
{
    if (flags & ~7u)
        return -EINVAL;
    if (len > 33554431)
        len = 33554431;                 /* Linux's cap for one call: a short read */
    static uint64_t state;
    if (!state)
        state = rdtsc() | 1;
    uint8_t chunk[64];
    size_t done = 0;
    while (done < len) {
        size_t n = len - done < sizeof chunk ? len - done : sizeof chunk;
        for (size_t i = 0; i < n; i++) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            chunk[i] = (uint8_t)(state >> 24);
        }
        if (copy_to_user((char *)ubuf + done, chunk, n))
            return done ? (long)done : -EFAULT;
        done += n;
    }
    return (long)done;
}
