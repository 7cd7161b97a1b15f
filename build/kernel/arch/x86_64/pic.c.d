build/kernel/arch/x86_64/pic.c.o: kernel/arch/x86_64/pic.c \
 kernel/include/interrupt.h kernel/include/trapframe.h \
 kernel/include/spinlock.h kernel/include/x86.h
kernel/include/interrupt.h:
kernel/include/trapframe.h:
kernel/include/spinlock.h:
kernel/include/x86.h:
