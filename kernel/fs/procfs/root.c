/* Temporary: procfs arrives with the procfs work. */
#include "fs.h"
struct inode *procfs_create_root(void)
{
    return NULL;
}
