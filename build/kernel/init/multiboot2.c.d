build/kernel/init/multiboot2.c.o: kernel/init/multiboot2.c \
 kernel/include/bootinfo.h kernel/include/string.h
kernel/include/bootinfo.h:
kernel/include/string.h:
