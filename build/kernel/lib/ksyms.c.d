build/kernel/lib/ksyms.c.o: kernel/lib/ksyms.c kernel/include/backtrace.h \
 kernel/include/string.h
kernel/include/backtrace.h:
kernel/include/string.h:
