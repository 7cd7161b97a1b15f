build/kernel/test/test_boot.c.o: kernel/test/test_boot.c \
 kernel/include/backtrace.h kernel/include/bootinfo.h \
 kernel/include/cpu.h kernel/include/ktest.h kernel/include/string.h \
 kernel/include/x86.h
kernel/include/backtrace.h:
kernel/include/bootinfo.h:
kernel/include/cpu.h:
kernel/include/ktest.h:
kernel/include/string.h:
kernel/include/x86.h:
