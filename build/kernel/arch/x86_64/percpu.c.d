build/kernel/arch/x86_64/percpu.c.o: kernel/arch/x86_64/percpu.c \
 kernel/include/percpu.h kernel/include/x86.h
kernel/include/percpu.h:
kernel/include/x86.h:
