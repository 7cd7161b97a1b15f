build/kernel/arch/x86_64/trap.c.o: kernel/arch/x86_64/trap.c \
 kernel/include/interrupt.h kernel/include/trapframe.h \
 kernel/include/extable.h kernel/include/kprintf.h \
 kernel/include/percpu.h kernel/include/x86.h
kernel/include/interrupt.h:
kernel/include/trapframe.h:
kernel/include/extable.h:
kernel/include/kprintf.h:
kernel/include/percpu.h:
kernel/include/x86.h:
