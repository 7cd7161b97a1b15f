/*
 * qsort.c: quicksort.
 *
 * Partition around the median of the first, middle and last elements
 * (sorted input, common in practice, is then the best case, not the
 * worst), recurse into the smaller part and loop on the larger (so the
 * stack depth stays O(log n)), and finish short ranges with insertion
 * sort, which is faster for them. Average O(n log n) comparisons; a
 * crafted input can still force O(n^2) (introsort would cap that with a
 * heapsort fallback). Not stable, as C allows.
 */
#include <stdlib.h>

typedef int (*cmp_fn)(const void *, const void *);

/* Elements are opaque bytes of any size: swap them byte by byte. */
static void swap(char *a, char *b, size_t size)
{
    if (a == b)
        return;
    while (size--) {
        char t = *a;
        *a++ = *b;
        *b++ = t;
    }
}

static void insertion_sort(char *base, size_t n, size_t size, cmp_fn cmp)
{
    for (size_t i = 1; i < n; i++)
        for (char *p = base + i * size; p > base && cmp(p - size, p) > 0; p -= size)
            swap(p - size, p, size);
}

/* Order *a, *b, *c and return b, now their median. */
static char *median3(char *a, char *b, char *c, size_t size, cmp_fn cmp)
{
    if (cmp(a, b) > 0)
        swap(a, b, size);
    if (cmp(b, c) > 0) {
        swap(b, c, size);
        if (cmp(a, b) > 0)
            swap(a, b, size);
    }
    return b;
}

void qsort(void *base_, size_t n, size_t size, cmp_fn cmp)
{
    char *base = base_;
    while (n > 8) {
        char *last = base + (n - 1) * size;
        char *mid = median3(base, base + n / 2 * size, last, size, cmp);
        /* Park the pivot at the end - 1 (first and last are already on the
         * correct sides), then Hoare-style partition of the middle. */
        char *pivot = last - size;
        swap(mid, pivot, size);
        char *i = base, *j = pivot;
        for (;;) {
            do
                i += size;
            while (cmp(i, pivot) < 0);
            do
                j -= size;
            while (cmp(j, pivot) > 0);
            if (i >= j)
                break;
            swap(i, j, size);
        }
        swap(i, pivot, size);           /* the pivot to its final place */

        /* [base, i) <= pivot <= (i, last]: recurse on the smaller side. */
        size_t left = (size_t)(i - base) / size;
        size_t right = n - left - 1;
        if (left < right) {
            qsort(base, left, size, cmp);
            base = i + size;
            n = right;
        } else {
            qsort(i + size, right, size, cmp);
            n = left;
        }
    }
    insertion_sort(base, n, size, cmp);
}

/* Binary search in an array sorted by cmp. */
void *bsearch(const void *key, const void *base, size_t n, size_t size, cmp_fn cmp)
{
    const char *lo = base;
    while (n > 0) {
        const char *mid = lo + n / 2 * size;
        int c = cmp(key, mid);
        if (c == 0)
            return (void *)mid;
        if (c > 0) {                    /* in the upper half, past mid */
            lo = mid + size;
            n -= n / 2 + 1;
        } else {
            n /= 2;
        }
    }
    return NULL;
}
