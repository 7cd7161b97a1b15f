build/kernel/drivers/qemu.c.o: kernel/drivers/qemu.c \
 kernel/include/drivers.h kernel/include/x86.h
kernel/include/drivers.h:
kernel/include/x86.h:
