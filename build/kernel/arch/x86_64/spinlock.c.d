build/kernel/arch/x86_64/spinlock.c.o: kernel/arch/x86_64/spinlock.c \
 kernel/include/spinlock.h kernel/include/kprintf.h \
 kernel/include/percpu.h kernel/include/x86.h
kernel/include/spinlock.h:
kernel/include/kprintf.h:
kernel/include/percpu.h:
kernel/include/x86.h:
