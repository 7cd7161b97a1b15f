/*
 * test_string.c: weft's string.h, strings.h, ctype.h and libgen.h against
 * the host's, on fixed tricky inputs and on random buffers.
 */
#include <ctype.h>
#include <errno.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"
#include "weft.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* The sign of a comparison is what C specifies, not its size. */
static int sign(int x) { return (x > 0) - (x < 0); }

/* Strings with the usual traps: empty, one char, high bytes (which must
 * compare as unsigned char), embedded repeats. */
static const char *const strs[] = {
    "", "a", "b", "ab", "abc", "abd", "abcd", "hello", "hello world", "HELLO",
    "Hello", "\x80", "\xff", "a\x80", "aaaaab", "aab", "world", "wor", "o",
    "/usr/lib/", "  leading", "trailing  ", "a,b,,c", ",,,",
};

static void mem_functions(void)
{
    unsigned char a[300], b[300], w[300], h[300];
    rng_seed(1);
    for (int iter = 0; iter < 2000; iter++) {
        for (size_t i = 0; i < sizeof a; i++) {
            a[i] = (unsigned char)rng_next();
            b[i] = rng_below(4) ? a[i] : (unsigned char)rng_next();
        }
        size_t off = rng_below(40), n = rng_below(200);
        CHECK_EQ(sign(weft_memcmp(a + off, b + off, n)), sign(memcmp(a + off, b + off, n)));
        int c = (int)rng_below(256);
        CHECK(weft_memchr(a + off, c, n) == memchr(a + off, c, n));
        CHECK(weft_memrchr(a + off, c, n) == memrchr(a + off, c, n));

        memcpy(w, a, sizeof w);
        memcpy(h, a, sizeof h);
        CHECK(weft_memset(w + off, c, n) == w + off);
        memset(h + off, c, n);
        CHECK(memcmp(w, h, sizeof w) == 0);

        memcpy(w, b, sizeof w);
        CHECK(weft_memcpy(w + off, a, n) == w + off);
        CHECK(weft_mempcpy(w, a, 5) == w + 5);
        memcpy(h, b, sizeof h);
        memcpy(h + off, a, n);
        memcpy(h, a, 5);
        CHECK(memcmp(w, h, sizeof w) == 0);

        /* Overlap both ways. */
        size_t src = rng_below(60), dst = rng_below(60);
        memcpy(w, a, sizeof w);
        memcpy(h, a, sizeof h);
        CHECK(weft_memmove(w + dst, w + src, n) == w + dst);
        memmove(h + dst, h + src, n);
        CHECK(memcmp(w, h, sizeof w) == 0);
    }
}

static void compare_functions(void)
{
    for (size_t i = 0; i < NELEM(strs); i++)
        for (size_t j = 0; j < NELEM(strs); j++) {
            const char *x = strs[i], *y = strs[j];
            CHECK_EQ(sign(weft_strcmp(x, y)), sign(strcmp(x, y)));
            CHECK_EQ(sign(weft_strcasecmp(x, y)), sign(strcasecmp(x, y)));
            for (size_t n = 0; n < 6; n++) {
                CHECK_EQ(sign(weft_strncmp(x, y, n)), sign(strncmp(x, y, n)));
                CHECK_EQ(sign(weft_strncasecmp(x, y, n)), sign(strncasecmp(x, y, n)));
            }
        }
}

static void length_and_search(void)
{
    for (size_t i = 0; i < NELEM(strs); i++) {
        const char *s = strs[i];
        CHECK_EQ(weft_strlen(s), strlen(s));
        for (size_t n = 0; n < 8; n++)
            CHECK_EQ(weft_strnlen(s, n), strnlen(s, n));
        for (int c = 0; c < 256; c++) {
            CHECK(weft_strchr(s, c) == strchr(s, c));
            CHECK(weft_strrchr(s, c) == strrchr(s, c));
            CHECK(weft_strchrnul(s, c) == strchrnul(s, c));
        }
        for (size_t j = 0; j < NELEM(strs); j++) {
            const char *t = strs[j];
            CHECK(weft_strstr(s, t) == strstr(s, t));
            CHECK_EQ(weft_strspn(s, t), strspn(s, t));
            CHECK_EQ(weft_strcspn(s, t), strcspn(s, t));
            CHECK(weft_strpbrk(s, t) == strpbrk(s, t));
        }
    }
}

static void copy_functions(void)
{
    for (size_t i = 0; i < NELEM(strs); i++) {
        const char *s = strs[i];
        char w[64], h[64];
        memset(w, 'x', sizeof w);
        memset(h, 'x', sizeof h);
        CHECK(weft_strcpy(w, s) == w);
        strcpy(h, s);
        CHECK(memcmp(w, h, sizeof w) == 0);
        CHECK(weft_stpcpy(w, s) == w + strlen(s));
        for (size_t n = 0; n < 14; n++) {   /* exact n bytes, padding, no NUL */
            memset(w, 'x', sizeof w);
            memset(h, 'x', sizeof h);
            CHECK(weft_strncpy(w, s, n) == w);
            strncpy(h, s, n);
            CHECK(memcmp(w, h, sizeof w) == 0);
            CHECK(weft_stpncpy(w, s, n) == stpncpy(h, s, n) - h + w);
        }
        for (size_t j = 0; j < NELEM(strs); j++) {
            strcpy(w, "pre-");
            strcpy(h, "pre-");
            CHECK(weft_strcat(w, strs[j]) == w);
            strcat(h, strs[j]);
            CHECK_STREQ(w, h);
            for (size_t n = 0; n < 5; n++) {
                strcpy(w, s);
                strcpy(h, s);
                weft_strncat(w, strs[j], n);
                strncat(h, strs[j], n);
                CHECK_STREQ(w, h);
            }
        }
    }
}

/* The BSD functions the host (glibc 2.36) may lack: checked by meaning. */
static void strlcpy_strlcat(void)
{
    char buf[8];
    CHECK_EQ(weft_strlcpy(buf, "hello", sizeof buf), 5);
    CHECK_STREQ(buf, "hello");
    CHECK_EQ(weft_strlcpy(buf, "hello world", sizeof buf), 11);  /* truncated */
    CHECK_STREQ(buf, "hello w");
    buf[0] = 'z';
    CHECK_EQ(weft_strlcpy(buf, "abc", 0), 3);                     /* no room at all */
    CHECK_EQ(buf[0], 'z');
    strcpy(buf, "ab");
    CHECK_EQ(weft_strlcat(buf, "cd", sizeof buf), 4);
    CHECK_STREQ(buf, "abcd");
    CHECK_EQ(weft_strlcat(buf, "efghij", sizeof buf), 10);
    CHECK_STREQ(buf, "abcdefg");
    CHECK_EQ(weft_strlcat(buf, "x", 3), 4);                        /* dst unterminated in 3 */
}

static void tokens(void)
{
    static const char *const inputs[] = { "a b  c", "  lead", "trail  ", "", "   ",
                                          "one", "a,b;;c,", ",x,,y" };
    static const char *const delims[] = { " ", ",;", " ,", "" };
    for (size_t i = 0; i < NELEM(inputs); i++)
        for (size_t d = 0; d < NELEM(delims); d++) {
            char w[32], h[32], *ws, *hs;
            strcpy(w, inputs[i]);
            strcpy(h, inputs[i]);
            char *wt = weft_strtok_r(w, delims[d], &ws), *ht = strtok_r(h, delims[d], &hs);
            for (int k = 0; k < 10; k++) {
                CHECK((wt == NULL) == (ht == NULL));
                if (!wt || !ht)
                    break;
                CHECK_EQ(wt - w, ht - h);
                CHECK_STREQ(wt, ht);
                wt = weft_strtok_r(NULL, delims[d], &ws);
                ht = strtok_r(NULL, delims[d], &hs);
            }
            /* strtok: the same with hidden state. */
            strcpy(w, inputs[i]);
            strcpy(h, inputs[i]);
            wt = weft_strtok(w, delims[d]);
            ht = strtok(h, delims[d]);
            while (wt && ht) {
                CHECK_STREQ(wt, ht);
                wt = weft_strtok(NULL, delims[d]);
                ht = strtok(NULL, delims[d]);
            }
            CHECK(wt == NULL && ht == NULL);
            /* strsep keeps empty fields. */
            strcpy(w, inputs[i]);
            strcpy(h, inputs[i]);
            char *wp = w, *hp = h;
            for (int k = 0; k < 12; k++) {
                wt = weft_strsep(&wp, delims[d]);
                ht = strsep(&hp, delims[d]);
                CHECK((wt == NULL) == (ht == NULL));
                if (!wt || !ht)
                    break;
                CHECK_STREQ(wt, ht);
            }
        }
}

static void duplicates(void)
{
    for (size_t i = 0; i < NELEM(strs); i++) {
        char *d = weft_strdup(strs[i]);
        CHECK_STREQ(d, strs[i]);
        CHECK(d != strs[i]);
        weft_free(d);
        for (size_t n = 0; n < 6; n++) {
            char *w = weft_strndup(strs[i], n), *h = strndup(strs[i], n);
            CHECK_STREQ(w, h);
            weft_free(w);
            free(h);
        }
    }
}

/* glibc's words, for every errno weft knows, and the unknown ones. */
static void error_messages(void)
{
    for (int e = 0; e < 134; e++) {
        const char *w = weft_strerror(e), *h = strerror(e);
        if (strncmp(w, "Unknown error", 13) == 0)
            continue;                           /* weft does not name it */
        CHECK_STREQ(w, h);
    }
    CHECK_STREQ(weft_strerror(ENOENT), "No such file or directory");
    CHECK_STREQ(weft_strerror(9999), "Unknown error 9999");
    CHECK_STREQ(weft_strerror(-3), strerror(-3));
    char buf[8];
    CHECK_EQ(weft_strerror_r(EPERM, buf, sizeof buf), ERANGE);  /* too long */
    CHECK_STREQ(buf, "Operati");
    char big[64];
    CHECK_EQ(weft_strerror_r(EPERM, big, sizeof big), 0);
    CHECK_STREQ(big, "Operation not permitted");
}

static void signal_names(void)
{
    for (int s = 1; s < 32; s++)
        CHECK_STREQ(weft_strsignal(s), strsignal(s));
    CHECK_STREQ(weft_strsignal(SIGRTMIN), strsignal(SIGRTMIN));  /* "Real-time signal 0" */
    CHECK_STREQ(weft_strsignal(SIGRTMIN + 3), strsignal(SIGRTMIN + 3));
    CHECK_STREQ(weft_strsignal(70), "Unknown signal 70");
}

/* The "C" locale: for every unsigned char value and EOF, the same answer
 * (as a truth value) as the host. */
static void ctype_classes(void)
{
    for (int c = -1; c < 256; c++) {
        CHECK_EQ(!!weft_isalnum(c), !!isalnum(c));
        CHECK_EQ(!!weft_isalpha(c), !!isalpha(c));
        CHECK_EQ(!!weft_isblank(c), !!isblank(c));
        CHECK_EQ(!!weft_iscntrl(c), !!iscntrl(c));
        CHECK_EQ(!!weft_isdigit(c), !!isdigit(c));
        CHECK_EQ(!!weft_isgraph(c), !!isgraph(c));
        CHECK_EQ(!!weft_islower(c), !!islower(c));
        CHECK_EQ(!!weft_isprint(c), !!isprint(c));
        CHECK_EQ(!!weft_ispunct(c), !!ispunct(c));
        CHECK_EQ(!!weft_isspace(c), !!isspace(c));
        CHECK_EQ(!!weft_isupper(c), !!isupper(c));
        CHECK_EQ(!!weft_isxdigit(c), !!isxdigit(c));
        CHECK_EQ(!!weft_isascii(c), !!isascii(c));
        CHECK_EQ(weft_tolower(c), tolower(c));
        CHECK_EQ(weft_toupper(c), toupper(c));
    }
    for (int i = -5; i < 40; i++) {
        int v = (int)((unsigned)i << (i & 7));
        CHECK_EQ(weft_ffs(v), ffs(v));
    }
}

/* POSIX basename/dirname (the host's through libgen.h). */
static void path_parts(void)
{
    static const char *const paths[] = { "/usr/lib", "/usr/lib/", "/usr/", "usr", "/",
                                         "", ".", "..", "a/b", "/a", "a//b//",
                                         "///x" };
    for (size_t i = 0; i < NELEM(paths); i++) {
        char w[32], h[32];
        strcpy(w, paths[i]);
        strcpy(h, paths[i]);
        CHECK_STREQ(weft_basename(w), basename(h));
        strcpy(w, paths[i]);
        strcpy(h, paths[i]);
        CHECK_STREQ(weft_dirname(w), dirname(h));
    }
    /* "//" is implementation-defined (POSIX): glibc keeps it, weft
     * (like musl) gives "/". */
    char two[] = "//";
    CHECK_STREQ(weft_dirname(two), "/");
    CHECK_STREQ(weft_basename(NULL), ".");
    CHECK_STREQ(weft_dirname(NULL), ".");
}

static const struct test_case cases[] = {
    CASE(mem_functions), CASE(compare_functions), CASE(length_and_search),
    CASE(copy_functions), CASE(strlcpy_strlcat), CASE(tokens), CASE(duplicates),
    CASE(error_messages), CASE(signal_names), CASE(ctype_classes), CASE(path_parts),
};

int main(int argc, char **argv)
{
    return run_cases("string", cases, NELEM(cases), argc, argv);
}
