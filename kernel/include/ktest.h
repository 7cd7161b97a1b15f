/*
 * ktest.h: in-kernel self tests.
 *
 *      KTEST(frame_alloc_roundtrip)
 *      {
 *          size_t before = frame_free_count();
 *          ...
 *          KEXPECT(frame_free_count() == before);
 *      }
 *
 * KTEST puts a descriptor into the .ktests section; the runner
 * (test/ktest.c) walks the section when the kernel boots with `test` on its
 * command line. Each test prints one line the harness reads:
 *
 *      TEST PASS kernel/frame_alloc_roundtrip
 *      TEST FAIL kernel/frame_alloc_roundtrip: mm/frame.c:42: frame_free_count() == before
 *
 * A failed KEXPECT records the failure and lets the test go on, so one
 * report shows every broken expectation.
 */
#ifndef WEFT_KTEST_H
#define WEFT_KTEST_H

struct ktest {
    const char *name;
    void (*fn)(void);
};

#define KTEST(tname)                                                              \
    static void ktest_##tname(void);                                              \
    static const struct ktest ktest_desc_##tname                                  \
        __attribute__((used, section(".ktests"), aligned(8))) = { #tname, ktest_##tname }; \
    static void ktest_##tname(void)

void ktest_fail(const char *file, int line, const char *what);

#define KEXPECT(cond)                                                             \
    do {                                                                          \
        if (!(cond))                                                              \
            ktest_fail(__FILE__, __LINE__, #cond);                                \
    } while (0)

/* Run the tests whose name contains 'filter' ("" for all). */
void ktest_run_all(const char *filter);

#endif
