build/kernel/test/test_arch.c.o: kernel/test/test_arch.c \
 kernel/include/clock.h kernel/include/interrupt.h \
 kernel/include/trapframe.h kernel/include/ktest.h \
 kernel/include/percpu.h kernel/include/spinlock.h \
 kernel/include/string.h kernel/include/uaccess.h \
 kernel/include/memlayout.h kernel/include/x86.h
kernel/include/clock.h:
kernel/include/interrupt.h:
kernel/include/trapframe.h:
kernel/include/ktest.h:
kernel/include/percpu.h:
kernel/include/spinlock.h:
kernel/include/string.h:
kernel/include/uaccess.h:
kernel/include/memlayout.h:
kernel/include/x86.h:
