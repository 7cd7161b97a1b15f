build/kernel/arch/x86_64/gdt.c.o: kernel/arch/x86_64/gdt.c \
 kernel/include/segment.h kernel/include/percpu.h kernel/include/string.h
kernel/include/segment.h:
kernel/include/percpu.h:
kernel/include/string.h:
