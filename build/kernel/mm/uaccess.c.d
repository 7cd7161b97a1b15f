build/kernel/mm/uaccess.c.o: kernel/mm/uaccess.c kernel/include/uaccess.h \
 kernel/include/memlayout.h kernel/include/errno.h \
 kernel/include/uapi/errno.h
kernel/include/uaccess.h:
kernel/include/memlayout.h:
kernel/include/errno.h:
kernel/include/uapi/errno.h:
