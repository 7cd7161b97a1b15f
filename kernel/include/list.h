/*
 * list.h: circular doubly-linked lists with the links inside the elements,
 * as in Linux (include/linux/list.h). An element can be on a list without
 * any allocation, and removing it takes O(1).
 *
 *      struct thread { ...; struct list_head run_link; ... };
 *      list_add_tail(&t->run_link, &runqueue);
 *      struct thread *t = list_first_entry(&runqueue, struct thread, run_link);
 */
#ifndef WEFT_LIST_H
#define WEFT_LIST_H

#include <stdbool.h>
#include <stddef.h>

struct list_head {
    struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name) { &(name), &(name) }
/* Define and initialise an empty list: static LIST_HEAD(runqueue); */
#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)

static inline void list_init(struct list_head *h)
{
    h->next = h->prev = h;
}

static inline bool list_empty(const struct list_head *h)
{
    return h->next == h;
}

static inline void list_insert(struct list_head *n, struct list_head *prev, struct list_head *next)
{
    next->prev = n;
    n->next = next;
    n->prev = prev;
    prev->next = n;
}

/* Add n right after h (at the front). */
static inline void list_add(struct list_head *n, struct list_head *h)
{
    list_insert(n, h, h->next);
}

/* Add n right before h (at the back). */
static inline void list_add_tail(struct list_head *n, struct list_head *h)
{
    list_insert(n, h->prev, h);
}

/* Unlink n; it points at itself afterwards, so list_empty(n) is true. */
static inline void list_del(struct list_head *n)
{
    n->prev->next = n->next;
    n->next->prev = n->prev;
    list_init(n);
}

/* The struct that contains the member 'ptr' points to. */
#define container_of(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))
#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_first_entry(h, type, member) list_entry((h)->next, type, member)

#define list_for_each(pos, h) for (pos = (h)->next; pos != (h); pos = pos->next)

/* Iterate over entries; safe against removing the current one. */
#define list_for_each_entry_safe(pos, tmp, h, member)                             \
    for (pos = list_entry((h)->next, __typeof__(*pos), member),                   \
        tmp = list_entry(pos->member.next, __typeof__(*pos), member);             \
         &pos->member != (h);                                                     \
         pos = tmp, tmp = list_entry(tmp->member.next, __typeof__(*pos), member))

#define list_for_each_entry_reverse(pos, h, member)                               \
    for (pos = list_entry((h)->prev, __typeof__(*pos), member); &pos->member != (h); \
         pos = list_entry(pos->member.prev, __typeof__(*pos), member))

#define list_for_each_entry(pos, h, member)                                       \
    for (pos = list_entry((h)->next, __typeof__(*pos), member); &pos->member != (h); \
         pos = list_entry(pos->member.next, __typeof__(*pos), member))

#endif
