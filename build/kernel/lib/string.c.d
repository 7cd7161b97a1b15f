build/kernel/lib/string.c.o: kernel/lib/string.c kernel/include/string.h
kernel/include/string.h:
