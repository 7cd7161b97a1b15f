/*
 * test_signal.c: signal names both ways, sig2str/str2sig (POSIX.1-2024)
 * and signal_name_to_number (what kill(1) accepts). The host's glibc
 * may be too old to have sig2str, so the expected values are written
 * out: Linux's numbers, which weft's <signal.h> uses too.
 */
#include <string.h>

#include "check.h"
#include "weft.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

enum { RTMIN = 34, RTMAX = 64, SIG2STR_MAX = 32 };

static const struct {
    int sig;
    const char *name;
} known[] = {
    { 1, "HUP" },          { 2, "INT" },          { 6, "ABRT" },         { 9, "KILL" },
    { 11, "SEGV" },        { 15, "TERM" },        { 16, "STKFLT" },      { 17, "CHLD" },
    { 19, "STOP" },        { 20, "TSTP" },        { 31, "SYS" },         { RTMIN, "RTMIN" },
    { RTMIN + 1, "RTMIN+1" }, { 49, "RTMIN+15" }, { 50, "RTMAX-14" },    { RTMAX - 1, "RTMAX-1" },
    { RTMAX, "RTMAX" },
};

static void sig2str_names(void)
{
    char name[SIG2STR_MAX];
    for (size_t i = 0; i < NELEM(known); i++) {
        CHECK_EQ(weft_sig2str(known[i].sig, name), 0);
        CHECK_STREQ(name, known[i].name);
    }
    /* 0, glibc's two private signals (32, 33) and anything past 64: none. */
    static const int none[] = { 0, -1, 32, 33, 65, 1000 };
    for (size_t i = 0; i < NELEM(none); i++)
        CHECK_EQ(weft_sig2str(none[i], name), -1);
}

/* Every signal's name leads back to the signal. */
static void round_trip(void)
{
    char name[SIG2STR_MAX];
    for (int sig = 1; sig <= RTMAX; sig++) {
        if (sig == 32 || sig == 33)
            continue;
        int back = -1;
        CHECK_EQ(weft_sig2str(sig, name), 0);
        CHECK_EQ(weft_str2sig(name, &back), 0);
        CHECK_EQ(back, sig);
    }
}

static void str2sig_strict(void)
{
    static const struct {
        const char *str;
        int sig; /* -1: str2sig must fail */
    } cases[] = {
        { "TERM", 15 },     { "15", 15 },       { "64", 64 },        { "RTMIN+2", 36 },
        { "RTMAX-2", 62 },  { "SIGTERM", -1 },  { "term", -1 },      { "0", -1 },
        { "65", -1 },       { "9x", -1 },       { "", -1 },          { "RTMIN+", -1 },
        { "RTMIN-1", -1 },  { "RTMAX+1", -1 },  { "RTMIN+31", -1 },  { "RTMINX", -1 },
    };
    for (size_t i = 0; i < NELEM(cases); i++) {
        int sig = -7;
        int r = weft_str2sig(cases[i].str, &sig);
        if (cases[i].sig < 0) {
            CHECK_EQ(r, -1);
            CHECK_EQ(sig, -7); /* untouched on failure */
        } else {
            CHECK_EQ(r, 0);
            CHECK_EQ(sig, cases[i].sig);
        }
    }
}

static void name_to_number(void)
{
    static const struct {
        const char *str;
        int sig;
    } cases[] = {
        { "9", 9 },         { "KILL", 9 },      { "kill", 9 },       { "SIGKILL", 9 },
        { "sigkill", 9 },   { "SigTerm", 15 },  { "rtmin+2", 36 },   { "SIGRTMAX", 64 },
        { "SIG", -1 },      { "", -1 },         { "FOO", -1 },       { "SIGSIGKILL", -1 },
        { "KILLKILLKILLKILLKILLKILLKILLKILLKILL", -1 },
    };
    for (size_t i = 0; i < NELEM(cases); i++)
        CHECK_EQ(weft_signal_name_to_number(cases[i].str), cases[i].sig);
}

static const struct test_case tests[] = {
    CASE(sig2str_names), CASE(round_trip), CASE(str2sig_strict), CASE(name_to_number),
};

int main(int argc, char **argv)
{
    return run_cases("signal", tests, NELEM(tests), argc, argv);
}
