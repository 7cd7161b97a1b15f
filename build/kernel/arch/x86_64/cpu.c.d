build/kernel/arch/x86_64/cpu.c.o: kernel/arch/x86_64/cpu.c \
 kernel/include/cpu.h kernel/include/paging.h kernel/include/memlayout.h \
 kernel/include/string.h kernel/include/x86.h
kernel/include/cpu.h:
kernel/include/paging.h:
kernel/include/memlayout.h:
kernel/include/string.h:
kernel/include/x86.h:
