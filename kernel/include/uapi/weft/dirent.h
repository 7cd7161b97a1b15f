/* weft/dirent.h: what getdents64 writes, one record per entry. */
#ifndef WEFT_UAPI_DIRENT_H
#define WEFT_UAPI_DIRENT_H

#define DT_UNKNOWN  0
#define DT_FIFO     1
#define DT_CHR      2
#define DT_DIR      4
#define DT_BLK      6
#define DT_REG      8
#define DT_LNK      10
#define DT_SOCK     12

#ifndef __ASSEMBLER__
#include <stdint.h>

struct linux_dirent64 {
    uint64_t d_ino;
    int64_t d_off;              /* where the next record starts (for lseek) */
    uint16_t d_reclen;          /* this record's size, 8-byte aligned */
    uint8_t d_type;             /* DT_* */
    char d_name[];              /* NUL-terminated */
};
#endif

#endif
