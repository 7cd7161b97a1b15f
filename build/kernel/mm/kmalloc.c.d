build/kernel/mm/kmalloc.c.o: kernel/mm/kmalloc.c kernel/include/kmalloc.h \
 kernel/include/frame.h kernel/include/list.h kernel/include/memlayout.h \
 kernel/include/kprintf.h kernel/include/spinlock.h \
 kernel/include/string.h
kernel/include/kmalloc.h:
kernel/include/frame.h:
kernel/include/list.h:
kernel/include/memlayout.h:
kernel/include/kprintf.h:
kernel/include/spinlock.h:
kernel/include/string.h:
