/* dirent.h: reading directories (dirent/dirent.c). */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <bits/types.h>
#include <weft/dirent.h>

/* The same layout as the kernel's struct linux_dirent64, so readdir can
 * hand out records straight from the getdents64 buffer. */
struct dirent {
    ino_t d_ino;
    off_t d_off;
    unsigned short d_reclen;
    unsigned char d_type;               /* DT_REG, DT_DIR, ... */
    char d_name[256];
};

typedef struct __dirstream DIR;

DIR *opendir(const char *path);
DIR *fdopendir(int fd);
struct dirent *readdir(DIR *d);
int closedir(DIR *d);
void rewinddir(DIR *d);
int dirfd(DIR *d);

#endif
