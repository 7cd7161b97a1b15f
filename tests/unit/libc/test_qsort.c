/*
 * test_qsort.c: qsort must produce the same order as the host's (compared
 * on the keys: qsort need not be stable), on arrays of many shapes and
 * element sizes; bsearch must find every present key and no absent one.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "weft.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static unsigned long comparisons;

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    comparisons++;
    return (x > y) - (x < y);
}

/* An odd-sized element: a key, and a tag to check nothing got mixed up. */
struct rec {
    int key;
    unsigned char tag[3];               /* tag[0] = key % 251: must stay with key */
} __attribute__((packed));

static int cmp_rec(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    return (x->key > y->key) - (x->key < y->key);
}

enum shape { RANDOM, SORTED, REVERSED, EQUAL, FEW_VALUES, ORGAN_PIPE, SHAPES };

static void fill(int *a, size_t n, enum shape s)
{
    for (size_t i = 0; i < n; i++) {
        switch (s) {
        case RANDOM: a[i] = (int)rng_next(); break;
        case SORTED: a[i] = (int)i; break;
        case REVERSED: a[i] = (int)(n - i); break;
        case EQUAL: a[i] = 7; break;
        case FEW_VALUES: a[i] = (int)rng_below(4); break;
        default: a[i] = (int)(i < n / 2 ? i : n - i); break;
        }
    }
}

static void ints(void)
{
    static const size_t sizes[] = { 0, 1, 2, 3, 5, 8, 9, 10, 16, 17, 100, 1000, 10007 };
    rng_seed(3);
    for (size_t z = 0; z < NELEM(sizes); z++)
        for (int s = 0; s < SHAPES; s++) {
            size_t n = sizes[z];
            int *w = malloc((n + 1) * sizeof *w), *h = malloc((n + 1) * sizeof *h);
            fill(w, n, (enum shape)s);
            memcpy(h, w, n * sizeof *w);
            comparisons = 0;
            weft_qsort(w, n, sizeof *w, cmp_int);
            qsort(h, n, sizeof *h, cmp_int);
            CHECK(memcmp(w, h, n * sizeof *w) == 0);
            /* n log n-ish, not n^2, on these shapes (a loose bound). */
            CHECK(comparisons <= 4 * (n + 16) * 15);
            free(w);
            free(h);
        }
}

static void records(void)
{
    rng_seed(4);
    for (int round = 0; round < 50; round++) {
        size_t n = rng_below(3000);
        struct rec *w = malloc((n + 1) * sizeof *w);
        for (size_t i = 0; i < n; i++) {
            w[i].key = (int)rng_below(500) - 250;
            w[i].tag[0] = (unsigned char)((w[i].key + 1000) % 251);
            w[i].tag[1] = w[i].tag[2] = (unsigned char)i;
        }
        weft_qsort(w, n, sizeof *w, cmp_rec);
        for (size_t i = 0; i < n; i++) {
            CHECK(i == 0 || w[i - 1].key <= w[i].key);
            CHECK_EQ(w[i].tag[0], (w[i].key + 1000) % 251);
        }
        free(w);
    }
}

static void search(void)
{
    enum { N = 2000 };
    static int a[N];
    for (int i = 0; i < N; i++)
        a[i] = 3 * i;                   /* keys 0, 3, 6, ... */
    for (size_t n = 0; n <= N; n += (n < 20 ? 1 : 97)) {
        for (int k = -3; k < 3 * (int)n + 3; k++) {
            int *w = weft_bsearch(&k, a, n, sizeof *a, cmp_int);
            if (k >= 0 && k % 3 == 0 && k / 3 < (int)n)
                CHECK(w == &a[k / 3]);
            else
                CHECK(w == NULL);
        }
    }
}

static const struct test_case cases[] = { CASE(ints), CASE(records), CASE(search) };

int main(int argc, char **argv)
{
    return run_cases("qsort", cases, NELEM(cases), argc, argv);
}
