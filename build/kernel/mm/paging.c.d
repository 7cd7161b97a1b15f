build/kernel/mm/paging.c.o: kernel/mm/paging.c kernel/include/paging.h \
 kernel/include/memlayout.h kernel/include/errno.h \
 kernel/include/uapi/errno.h kernel/include/frame.h kernel/include/list.h \
 kernel/include/string.h
kernel/include/paging.h:
kernel/include/memlayout.h:
kernel/include/errno.h:
kernel/include/uapi/errno.h:
kernel/include/frame.h:
kernel/include/list.h:
kernel/include/string.h:
