build/kernel/lib/format.c.o: kernel/lib/format.c kernel/include/format.h \
 kernel/include/string.h
kernel/include/format.h:
kernel/include/string.h:
