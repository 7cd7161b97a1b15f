build/kernel/mm/frame.c.o: kernel/mm/frame.c kernel/include/frame.h \
 kernel/include/list.h kernel/include/memlayout.h \
 kernel/include/bootinfo.h kernel/include/kprintf.h \
 kernel/include/spinlock.h kernel/include/string.h
kernel/include/frame.h:
kernel/include/list.h:
kernel/include/memlayout.h:
kernel/include/bootinfo.h:
kernel/include/kprintf.h:
kernel/include/spinlock.h:
kernel/include/string.h:
