/*
 * unit.h: the host unit tests' tiny framework (tests/unit).
 *
 *      TEST(alloc_and_free)
 *      {
 *          EXPECT(frame_alloc() != 0);
 *          EXPECT_EQ(frame_free_count(), before - 1);
 *      }
 *
 * TEST registers the function before main() runs (a constructor); the
 * runner (unit_main.c) calls the tests in the order they appear in the file
 * and prints, for each, the lines tests/run-tests reads:
 *
 *      TEST START unit/frame/alloc_and_free
 *      TEST PASS unit/frame/alloc_and_free
 *      TEST FAIL unit/frame/alloc_and_free: tests/unit/test_frame.c:42: frame_alloc() != 0
 *
 * where "frame" comes from the file name test_frame.c. A failed EXPECT
 * records the failure and the test goes on, so one run shows every broken
 * expectation (each on its own line; the FAIL line names the first).
 *
 * The kernel's panic() is a stub (host_stubs.c) that fails the current test
 * and aborts, unless the code runs inside EXPECT_PANIC, which turns the
 * panic into a longjmp back to the test.
 */
#ifndef WEFT_UNIT_H
#define WEFT_UNIT_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bootinfo.h"
#include "frame.h"

void unit_register(const char *file, int line, const char *name, void (*fn)(void));

#define TEST(tname)                                                               \
    static void unit_test_##tname(void);                                          \
    __attribute__((constructor)) static void unit_reg_##tname(void)               \
    {                                                                             \
        unit_register(__FILE__, __LINE__, #tname, unit_test_##tname);             \
    }                                                                             \
    static void unit_test_##tname(void)

/* Record a failure of the running test; the message is printf-style. */
void unit_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define EXPECT(cond)                                                              \
    do {                                                                          \
        if (!(cond))                                                              \
            unit_fail(__FILE__, __LINE__, "%s", #cond);                           \
    } while (0)

/* Integers (anything that converts to 64 bits): the message shows both. */
#define EXPECT_EQ(a, b)                                                           \
    do {                                                                          \
        unsigned long long unit_a_ = (unsigned long long)(a);                     \
        unsigned long long unit_b_ = (unsigned long long)(b);                     \
        if (unit_a_ != unit_b_)                                                   \
            unit_fail(__FILE__, __LINE__, "%s == %s (%#llx vs %#llx)", #a, #b,    \
                      unit_a_, unit_b_);                                          \
    } while (0)

/* C strings; the message shows both, non-printing characters escaped. */
#define EXPECT_STREQ(a, b) unit_expect_streq(__FILE__, __LINE__, #a, #b, (a), (b))
void unit_expect_streq(const char *file, int line, const char *ea, const char *eb,
                       const char *a, const char *b);

/* Does 'stmt' call panic()? Expect it to, with 'substr' in the message. */
extern jmp_buf *unit_panic_jmp;
extern char unit_panic_msg[512];
#define EXPECT_PANIC(stmt, substr)                                                \
    do {                                                                          \
        jmp_buf unit_jb_;                                                         \
        if (setjmp(unit_jb_) == 0) {                                              \
            unit_panic_jmp = &unit_jb_;                                           \
            stmt;                                                                 \
            unit_panic_jmp = NULL;                                                \
            unit_fail(__FILE__, __LINE__, "expected a panic from %s", #stmt);     \
        } else if (!unit_strcontains(unit_panic_msg, (substr))) {                 \
            unit_fail(__FILE__, __LINE__, "%s panicked with \"%s\", not \"%s\"",  \
                      #stmt, unit_panic_msg, (substr));                           \
        }                                                                         \
    } while (0)
bool unit_strcontains(const char *s, const char *sub);

/* The name of the running test ("unit/frame/alloc_and_free"), or NULL. */
const char *unit_current_test(void);
/* Used by the panic stub: report the running test as failed, now. */
void unit_fail_fatal(const char *why);

/*
 * "Physical memory" for the kernel code (memlayout.h, WEFT_HOST): physical
 * address pa is byte pa of this arena. unit_phys_init() makes it 'bytes'
 * long (page-aligned, with an inaccessible page on either side) and fills it
 * with garbage, so code that forgets to zero what it allocates is caught.
 */
extern uint8_t *host_phys_base;
extern size_t host_phys_size;
void unit_phys_init(size_t bytes);

/* For the tests that link mm/frame.c: a fresh arena of 'bytes', all of it
 * usable RAM, nothing reserved, and frame_init() on it. */
static inline void unit_frames_init(size_t bytes)
{
    static struct boot_info bi;
    bi = (struct boot_info){ .nmem = 1 };
    bi.mem[0] = (struct mem_region){ 0, bytes, MEM_USABLE };
    unit_phys_init(bytes);
    frame_init(&bi, NULL, 0);
}

#endif
