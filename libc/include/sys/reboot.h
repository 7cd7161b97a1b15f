/* sys/reboot.h: reboot(2) with glibc's names for the commands. */
#ifndef _SYS_REBOOT_H
#define _SYS_REBOOT_H
#include <weft/misc.h>
#define RB_AUTOBOOT    LINUX_REBOOT_CMD_RESTART
#define RB_HALT_SYSTEM LINUX_REBOOT_CMD_HALT
#define RB_POWER_OFF   LINUX_REBOOT_CMD_POWER_OFF
#define RB_ENABLE_CAD  LINUX_REBOOT_CMD_CAD_ON
#define RB_DISABLE_CAD LINUX_REBOOT_CMD_CAD_OFF
int reboot(int cmd);
#endif
