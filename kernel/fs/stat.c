/*
 * stat.c: struct stat from an inode, in Linux's x86-64 layout.
 */
#include "fs.h"
#include "string.h"

static struct timespec ns_to_ts(uint64_t ns)
{
    return (struct timespec){ (long)(ns / 1000000000), (long)(ns % 1000000000) };
}

void inode_stat(struct inode *inode, struct stat *st)
{
    memset(st, 0, sizeof *st);
    st->st_dev = 1;                         /* one device number for the whole tree */
    st->st_ino = inode->ino;
    st->st_nlink = inode->nlink;         /* 0 for an unlinked file still open */
    st->st_mode = inode->mode;
    st->st_uid = inode->uid;
    st->st_gid = inode->gid;
    st->st_rdev = inode->rdev;
    st->st_size = (long)inode->size;
    st->st_blksize = 4096;
    uint64_t pages = 0;
    for (uint64_t i = 0; i < inode->pages_cap; i++)
        pages += inode->pages[i] != NULL;
    st->st_blocks = (long)(pages * 8);      /* 512-byte units actually held */
    st->st_atim = ns_to_ts(inode->atime_ns);
    st->st_mtim = ns_to_ts(inode->mtime_ns);
    st->st_ctim = ns_to_ts(inode->ctime_ns);
}
