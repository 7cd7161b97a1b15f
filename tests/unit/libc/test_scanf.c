/*
 * test_scanf.c: weft's sscanf against the host's, on the conversions
 * weft supports (%d %i %u %o %x %s %c %[ %n %p, widths, '*', length
 * modifiers): the return value and every value stored must agree.
 */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "weft.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Two integers and two strings, whatever the format reads. */
static void two_ints(void)
{
    static const char *const fmts[] = { "%d %d", "%i %i", "%u %u", "%x %x", "%o %o",
                                        "%d,%d", "%3d%d", "%*d %d", "%2x%2x", "%d%%%d" };
    static const char *const inputs[] = {
        "12 34", "-5 +6", "  7   8", "0x1f 010", "1,2", "12345 6", "abc", "", "  ",
        "9", "4%5", "ff 10", "-0 0", "2147483647 -2147483648", "08 09", "1 x",
    };
    for (size_t f = 0; f < NELEM(fmts); f++)
        for (size_t i = 0; i < NELEM(inputs); i++) {
            int wa = -111, wb = -111, ha = -111, hb = -111;
            int wr = weft_sscanf(inputs[i], fmts[f], &wa, &wb);
            int hr = sscanf(inputs[i], fmts[f], &ha, &hb);
            check_count++;
            if (wr != hr || wa != ha || wb != hb)
                check_fail(__FILE__, __LINE__, "sscanf(\"%s\", \"%s\"): weft %d (%d, %d), "
                           "host %d (%d, %d)", inputs[i], fmts[f], wr, wa, wb, hr, ha, hb);
        }
}

static void lengths(void)
{
    long wl = 0, hl = 0;
    long long wll = 0, hll = 0;
    short wh = 0, hh = 0;
    signed char wc = 0, hc = 0;
    size_t wz = 0, hz = 0;
    const char *in = "-9000000000 123456789012345 70000 300 4096";
    const char *fmt = "%ld %lld %hd %hhd %zu";
    CHECK_EQ(weft_sscanf(in, fmt, &wl, &wll, &wh, &wc, &wz),
             sscanf(in, fmt, &hl, &hll, &hh, &hc, &hz));
    CHECK_EQ(wl, hl);
    CHECK_EQ(wll, hll);
    CHECK_EQ(wh, hh);
    CHECK_EQ(wc, hc);
    CHECK_EQ(wz, hz);
}

static void strings_and_chars(void)
{
    static const char *const inputs[] = { "hello world", "  lead trail  ", "x", "",
                                          "abc123def", "one,two" };
    static const char *const fmts[] = { "%s %s", "%3s%s", "%c%c", "%5c%s",
                                        "%[a-z]%s", "%[^,],%s", "%*s %s" };
    for (size_t f = 0; f < NELEM(fmts); f++)
        for (size_t i = 0; i < NELEM(inputs); i++) {
            char wa[32], wb[32], ha[32], hb[32];
            memset(wa, 'Q', sizeof wa);
            memset(ha, 'Q', sizeof ha);
            memset(wb, 'Q', sizeof wb);
            memset(hb, 'Q', sizeof hb);
            wa[31] = ha[31] = wb[31] = hb[31] = '\0';
            int wr = weft_sscanf(inputs[i], fmts[f], wa, wb);
            int hr = sscanf(inputs[i], fmts[f], ha, hb);
            check_count++;
            if (wr != hr || strcmp(wa, ha) || strcmp(wb, hb))
                check_fail(__FILE__, __LINE__, "sscanf(\"%s\", \"%s\"): weft %d [%s][%s], "
                           "host %d [%s][%s]", inputs[i], fmts[f], wr, wa, wb, hr, ha, hb);
        }
}

static void count_and_pointer(void)
{
    int wn = -1, hn = -1, wv, hv;
    CHECK_EQ(weft_sscanf("  42 rest", "%d%n", &wv, &wn), sscanf("  42 rest", "%d%n", &hv, &hn));
    CHECK_EQ(wn, hn);
    void *wp = NULL, *hp = NULL;
    CHECK_EQ(weft_sscanf("0x7fff1234", "%p", &wp), sscanf("0x7fff1234", "%p", &hp));
    CHECK(wp == hp);
    unsigned wu, hu;
    CHECK_EQ(weft_sscanf("key = 0x10;", "key = %x;", &wu), sscanf("key = 0x10;", "key = %x;", &hu));
    CHECK_EQ(wu, hu);
}

static const struct test_case cases[] = {
    CASE(two_ints), CASE(lengths), CASE(strings_and_chars), CASE(count_and_pointer),
};

int main(int argc, char **argv)
{
    return run_cases("scanf", cases, NELEM(cases), argc, argv);
}
