/*
 * qemu.c: leaving QEMU from inside the guest.
 *
 * QEMU's isa-debug-exit device (-device isa-debug-exit,iobase=0xf4) makes
 * QEMU exit with status 2*v+1 when the guest writes v to port 0xf4. Every
 * weft QEMU command line has it (the Makefile's QEMU_FLAGS), so this is how
 * the tests report and how reboot() powers off.
 */
#include "drivers.h"
#include "x86.h"

#define DEBUG_EXIT_PORT 0xf4

void qemu_exit(int code)
{
    outl(DEBUG_EXIT_PORT, (uint32_t)code);
    /* Not under QEMU (or no such device): just stop. */
    for (;;) {
        cli();
        hlt();
    }
}
