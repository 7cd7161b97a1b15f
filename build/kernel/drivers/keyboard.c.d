build/kernel/drivers/keyboard.c.o: kernel/drivers/keyboard.c \
 kernel/include/drivers.h kernel/include/interrupt.h \
 kernel/include/trapframe.h kernel/include/x86.h
kernel/include/drivers.h:
kernel/include/interrupt.h:
kernel/include/trapframe.h:
kernel/include/x86.h:
