build/kernel/arch/x86_64/backtrace.c.o: kernel/arch/x86_64/backtrace.c \
 kernel/include/backtrace.h kernel/include/kprintf.h \
 kernel/include/memlayout.h
kernel/include/backtrace.h:
kernel/include/kprintf.h:
kernel/include/memlayout.h:
