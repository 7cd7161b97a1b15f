build/kernel/drivers/console.c.o: kernel/drivers/console.c \
 kernel/include/kprintf.h kernel/include/backtrace.h \
 kernel/include/bootinfo.h kernel/include/drivers.h \
 kernel/include/format.h kernel/include/interrupt.h \
 kernel/include/trapframe.h kernel/include/spinlock.h \
 kernel/include/x86.h
kernel/include/kprintf.h:
kernel/include/backtrace.h:
kernel/include/bootinfo.h:
kernel/include/drivers.h:
kernel/include/format.h:
kernel/include/interrupt.h:
kernel/include/trapframe.h:
kernel/include/spinlock.h:
kernel/include/x86.h:
