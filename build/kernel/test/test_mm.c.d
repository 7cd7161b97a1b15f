build/kernel/test/test_mm.c.o: kernel/test/test_mm.c \
 kernel/include/bootinfo.h kernel/include/errno.h \
 kernel/include/uapi/errno.h kernel/include/frame.h kernel/include/list.h \
 kernel/include/memlayout.h kernel/include/kmalloc.h \
 kernel/include/ktest.h kernel/include/paging.h kernel/include/string.h \
 kernel/include/uaccess.h kernel/include/x86.h
kernel/include/bootinfo.h:
kernel/include/errno.h:
kernel/include/uapi/errno.h:
kernel/include/frame.h:
kernel/include/list.h:
kernel/include/memlayout.h:
kernel/include/kmalloc.h:
kernel/include/ktest.h:
kernel/include/paging.h:
kernel/include/string.h:
kernel/include/uaccess.h:
kernel/include/x86.h:
