build/kernel/drivers/vga.c.o: kernel/drivers/vga.c \
 kernel/include/drivers.h kernel/include/memlayout.h kernel/include/x86.h
kernel/include/drivers.h:
kernel/include/memlayout.h:
kernel/include/x86.h:
