/*
 * mount.c: assembling the file tree at boot.
 *
 *   /        ramfs, filled from the initramfs boot module
 *   /dev     device files (devices.c)
 *   /proc    procfs, mounted on the /proc directory (fs/procfs/)
 *   /tmp     an empty directory for scratch files
 */
#include "fs.h"
#include "bootinfo.h"
#include "errno.h"
#include "kprintf.h"
#include "memlayout.h"
#include "string.h"

int vfs_mount(const char *path, struct inode *fs_root)
{
    struct inode *dir;
    int err = path_lookup(AT_FDCWD, path, true, &dir);
    if (err)
        return err;
    if (!S_ISDIR(dir->mode)) {
        inode_put(dir);
        return -ENOTDIR;
    }
    dir->mounted = fs_root;         /* the walk now crosses into fs_root */
    fs_root->covered = dir;         /* and ".." from fs_root comes back */
    fs_root->parent = dir->parent;
    return 0;                       /* the mount keeps the reference to dir */
}

static void mkdir_root(const char *name, uint32_t mode)
{
    int err = root_inode->iops->mkdir(root_inode, name, mode);
    if (err && err != -EEXIST)
        panic("vfs: cannot make /%s (error %d)", name, err);
}

void vfs_init(void)
{
    root_inode = ramfs_create_root();
    if (!root_inode)
        panic("vfs: no memory for the root directory");

    const struct boot_module *m = NULL;
    for (int i = 0; i < boot_info.nmodules; i++)
        if (strcmp(boot_info.modules[i].name, "initramfs") == 0)
            m = &boot_info.modules[i];
    if (!m)
        kprintf("vfs: no initramfs module: the root is empty\n");
    else if (cpio_unpack(phys_to_virt(m->start), m->end - m->start, root_inode) < 0)
        kprintf("vfs: the initramfs is corrupt; unpacked what could be read\n");

    mkdir_root("dev", 0755);
    mkdir_root("proc", 0555);
    mkdir_root("tmp", 01777);

    struct inode *dev;
    if (path_lookup(AT_FDCWD, "/dev", true, &dev) == 0) {
        devices_init(dev);
        inode_put(dev);
    }
    struct inode *proc_root = procfs_create_root();
    if (!proc_root || vfs_mount("/proc", proc_root) < 0)
        kprintf("vfs: /proc is not available\n");
}
