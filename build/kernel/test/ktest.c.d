build/kernel/test/ktest.c.o: kernel/test/ktest.c kernel/include/ktest.h \
 kernel/include/format.h kernel/include/kprintf.h kernel/include/string.h
kernel/include/ktest.h:
kernel/include/format.h:
kernel/include/kprintf.h:
kernel/include/string.h:
