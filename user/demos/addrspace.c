/*
 * addrspace: where six kinds of things live in a process (claim A1).
 *
 * The textbook picture of an address space, from low addresses to high:
 *
 *      text    the program's machine code            read + execute, from the file
 *      data    initialised globals (int x = 42;)     read + write, from the file
 *      bss     uninitialised globals (int y;)        read + write, zero pages
 *      heap    malloc'd memory, grows up (brk)       read + write, zero pages
 *      mmap    mmap'd memory, placed top-down        whatever mmap asked for
 *      stack   locals and return addresses           read + write, grows down
 *
 * This program takes the address of one thing of each kind, looks each
 * address up in its own /proc/self/maps (the kernel's list of regions),
 * prints what it finds, and checks that the picture is right:
 *
 *      addrspace: all six are where the picture says      (exit 0)
 *   or addrspace: WRONG: ...                               (exit 1)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "demo.h"

int initialised_global = 42;                    /* .data: its 42 is in the file */
/* .bss: only its size is in the file. A whole page of it, aligned, so it
 * lies past the last page that holds file data (the bss region proper). */
char uninitialised_global[4096] __attribute__((aligned(4096)));

struct region {
    unsigned long start, end;
    char perms[5];
    char name[200];
};

static char maps[32768];

/* The line of maps whose range holds addr. */
static int find_region(uintptr_t addr, struct region *r)
{
    for (char *line = maps; *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        r->name[0] = '\0';
        int n = sscanf(line, "%lx-%lx %4s %*s %*s %*s %199[^\n]", &r->start, &r->end,
                       r->perms, r->name);
        if (nl)
            *nl = '\n';
        if (n >= 3 && addr >= r->start && addr < r->end)
            return 1;
        line = nl ? nl + 1 : line + strlen(line);
    }
    return 0;
}

struct thing {
    const char *what;           /* what it is */
    const char *kind;           /* which part of the picture */
    uintptr_t addr;
    struct region r;
    int found;
};

static int from_file(const struct region *r)
{
    return r->name[0] == '/';
}

static int anonymous(const struct region *r)
{
    return r->name[0] == '\0';
}

/* Is t in the kind of region the picture says? If not, why. */
static const char *wrong_region(const struct thing *t)
{
    const struct region *r = &t->r;
    if (!t->found)
        return "no region holds it";
    if (strcmp(t->kind, "text") == 0)
        return r->perms[2] == 'x' && from_file(r) ? NULL : "not executable code from the file";
    if (strcmp(t->kind, "data") == 0)
        return r->perms[1] == 'w' && from_file(r) ? NULL : "not writable data from the file";
    if (strcmp(t->kind, "bss") == 0)
        return r->perms[1] == 'w' && anonymous(r) ? NULL : "not anonymous writable memory";
    if (strcmp(t->kind, "heap") == 0)
        return strcmp(r->name, "[heap]") == 0 ? NULL : "not in [heap]";
    if (strcmp(t->kind, "mmap") == 0)
        return anonymous(r) ? NULL : "not an anonymous mapping";
    return strcmp(r->name, "[stack]") == 0 ? NULL : "not in [stack]";
}

int main(void)
{
    int local_variable = 7;
    void *block = malloc(64);                   /* small: from the heap */
    void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (!block || page == MAP_FAILED) {
        printf("addrspace: WRONG: malloc or mmap failed\n");
        return 1;
    }

    struct thing things[] = {
        { "a function, main()", "text", (uintptr_t)&main, { 0 }, 0 },
        { "an initialised global", "data", (uintptr_t)&initialised_global, { 0 }, 0 },
        { "an uninitialised global", "bss", (uintptr_t)uninitialised_global, { 0 }, 0 },
        { "a malloc'd block", "heap", (uintptr_t)block, { 0 }, 0 },
        { "an mmap'd page", "mmap", (uintptr_t)page, { 0 }, 0 },
        { "a local variable", "stack", (uintptr_t)&local_variable, { 0 }, 0 },
    };
    int n = sizeof things / sizeof things[0];

    if (read_proc("/proc/self/maps", maps, sizeof maps) <= 0) {
        printf("addrspace: WRONG: cannot read /proc/self/maps\n");
        return 1;
    }

    printf("Six things and the region of /proc/self/maps each one is in:\n\n");
    printf("  %-24s %-18s %-6s %-33s %s\n", "thing", "address", "kind", "region", "name");
    int bad = 0;
    for (int i = 0; i < n; i++) {
        struct thing *t = &things[i];
        t->found = find_region(t->addr, &t->r);
        const char *why = wrong_region(t);
        char range[40] = "?";
        if (t->found)
            snprintf(range, sizeof range, "%lx-%lx %s", t->r.start, t->r.end, t->r.perms);
        printf("  %-24s 0x%-16lx %-6s %-33s %s\n", t->what, (unsigned long)t->addr, t->kind,
               range, !t->found ? "" : t->r.name[0] ? t->r.name : "(anonymous)");
        if (why) {
            printf("      ^ WRONG: a %s address should be in %s, but it is %s\n", t->kind,
                   t->kind, why);
            bad = 1;
        }
    }

    printf("\nFrom low to high addresses the picture says: text < data < bss < heap < mmap "
           "< stack.\n");
    for (int i = 0; i + 1 < n; i++) {
        int ok = things[i].addr < things[i + 1].addr;
        printf("  %-5s 0x%-16lx < %-5s 0x%-16lx  %s\n", things[i].kind,
               (unsigned long)things[i].addr, things[i + 1].kind,
               (unsigned long)things[i + 1].addr, ok ? "yes" : "NO");
        bad |= !ok;
    }
    printf("  (the gap between heap and mmap is room for the heap to grow up and\n"
           "   the mmap area to grow down; the stack grows down from the top)\n\n");

    if (bad) {
        printf("addrspace: WRONG: not everything is where the picture says (see above)\n");
        return 1;
    }
    printf("addrspace: all six are where the picture says\n");
    return 0;
}
