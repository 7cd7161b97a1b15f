build/kernel/arch/x86_64/idt.c.o: kernel/arch/x86_64/idt.c \
 kernel/include/interrupt.h kernel/include/trapframe.h \
 kernel/include/segment.h
kernel/include/interrupt.h:
kernel/include/trapframe.h:
kernel/include/segment.h:
