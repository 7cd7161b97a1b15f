build/kernel/init/cmdline.c.o: kernel/init/cmdline.c \
 kernel/include/bootinfo.h kernel/include/string.h
kernel/include/bootinfo.h:
kernel/include/string.h:
