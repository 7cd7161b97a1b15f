/*
 * test_procfs.h: helpers shared by the /proc self tests
 * (test_procfs_util.c).
 */
#ifndef WEFT_TEST_PROCFS_H
#define WEFT_TEST_PROCFS_H

#include <stddef.h>
#include <stdint.h>

struct procbuf;
struct proc;
struct inode;

/* Does s start with the string literal lit? */
#define STARTS(s, lit) (strncmp((s), (lit), sizeof(lit) - 1) == 0)

const char *tp_text(struct procbuf *pb);            /* NUL-terminated contents */
const char *tp_find(const char *hay, const char *needle);
const char *tp_line(const char *text, const char *prefix);  /* line starting so */
size_t tp_line_len(const char *line);
uint64_t tp_field(const char *line, int n);         /* field n (1..), a number */
int tp_count_fields(const char *line);

/* A process with one thread (tid == pid), asleep in "wait4", nice 5, not
 * on any list; tp_free_proc frees it and whatever was hung on it. */
struct proc *tp_fake_proc(int pid);
void tp_free_proc(struct proc *p);

/* /tmp/name with 'pages' pages of data; referenced (tp_remove_file). */
struct inode *tp_make_file(const char *name, int pages);
void tp_remove_file(const char *name, struct inode *file);

#endif
