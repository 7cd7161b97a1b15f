build/kernel/mm/kpagetable.c.o: kernel/mm/kpagetable.c \
 kernel/include/bootinfo.h kernel/include/frame.h kernel/include/list.h \
 kernel/include/memlayout.h kernel/include/kprintf.h \
 kernel/include/paging.h kernel/include/string.h kernel/include/x86.h
kernel/include/bootinfo.h:
kernel/include/frame.h:
kernel/include/list.h:
kernel/include/memlayout.h:
kernel/include/kprintf.h:
kernel/include/paging.h:
kernel/include/string.h:
kernel/include/x86.h:
