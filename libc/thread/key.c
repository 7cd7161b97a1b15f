/*
 * key.c: thread-specific data, pthread_key_create / setspecific /
 * getspecific, with destructors run when a thread exits.
 *
 * A key is an index into every thread's array of PTHREAD_KEYS_MAX slots
 * (struct tsd_slot, kept next to the thread's TCB; the main thread's is a
 * static array). The problem is deleting a key: the slot may be reused by
 * a later pthread_key_create, and every thread's old value for the dead
 * key must then read as NULL, without visiting every thread. The trick
 * (glibc's) is a sequence number per key, odd while the key exists:
 *
 *   create: seq becomes odd       delete: seq becomes even
 *   a thread's slot holds (seq, value), and the value counts only if
 *   the slot's seq is the key's current seq.
 *
 * So a value set before a delete/create cycle is simply stale.
 */
#include <errno.h>
#include <pthread.h>

#include "lock.h"
#include "pthread_impl.h"

static struct {
    unsigned seq;                       /* odd: the key exists */
    void (*dtor)(void *);
} keys[PTHREAD_KEYS_MAX];
static int keys_lock;

static struct tsd_slot main_tsd[PTHREAD_KEYS_MAX];

static struct tsd_slot *my_slots(void)
{
    struct tcb *self = __tcb_self();
    if (!self->tsd)
        self->tsd = main_tsd;           /* only the main thread has none */
    return self->tsd;
}

int pthread_key_create(pthread_key_t *key, void (*dtor)(void *))
{
    __lock(&keys_lock);
    for (pthread_key_t k = 0; k < PTHREAD_KEYS_MAX; k++) {
        if (!(keys[k].seq & 1)) {
            keys[k].dtor = dtor;
            __atomic_store_n(&keys[k].seq, keys[k].seq + 1, __ATOMIC_RELEASE);
            __unlock(&keys_lock);
            *key = k;
            return 0;
        }
    }
    __unlock(&keys_lock);
    return EAGAIN;
}

int pthread_key_delete(pthread_key_t key)
{
    int ret = EINVAL;
    __lock(&keys_lock);
    if (key < PTHREAD_KEYS_MAX && (keys[key].seq & 1)) {
        __atomic_store_n(&keys[key].seq, keys[key].seq + 1, __ATOMIC_RELEASE);
        ret = 0;
    }
    __unlock(&keys_lock);
    return ret;
}

void *pthread_getspecific(pthread_key_t key)
{
    if (key >= PTHREAD_KEYS_MAX)
        return NULL;
    struct tsd_slot *s = &my_slots()[key];
    return s->seq == __atomic_load_n(&keys[key].seq, __ATOMIC_ACQUIRE) ? s->value : NULL;
}

int pthread_setspecific(pthread_key_t key, const void *value)
{
    if (key >= PTHREAD_KEYS_MAX)
        return EINVAL;
    unsigned seq = __atomic_load_n(&keys[key].seq, __ATOMIC_ACQUIRE);
    if (!(seq & 1))
        return EINVAL;
    struct tsd_slot *s = &my_slots()[key];
    s->seq = seq;
    s->value = (void *)value;
    return 0;
}

/* At thread exit: call dtor(value) for each non-NULL value of a live key
 * that has a destructor, clearing the value first. A destructor may set
 * values again, so repeat, but at most PTHREAD_DESTRUCTOR_ITERATIONS
 * times (POSIX's bound on the rounds). */
void __pthread_tsd_run_dtors(void)
{
    struct tsd_slot *slots = my_slots();
    for (int round = 0; round < PTHREAD_DESTRUCTOR_ITERATIONS; round++) {
        int called = 0;
        for (pthread_key_t k = 0; k < PTHREAD_KEYS_MAX; k++) {
            struct tsd_slot *s = &slots[k];
            unsigned seq = __atomic_load_n(&keys[k].seq, __ATOMIC_ACQUIRE);
            void (*dtor)(void *) = keys[k].dtor;
            if (!s->value || s->seq != seq || !(seq & 1) || !dtor)
                continue;
            void *v = s->value;
            s->value = NULL;
            dtor(v);
            called = 1;
        }
        if (!called)
            break;
    }
}
