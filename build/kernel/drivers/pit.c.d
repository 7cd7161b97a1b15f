build/kernel/drivers/pit.c.o: kernel/drivers/pit.c kernel/include/clock.h \
 kernel/include/x86.h
kernel/include/clock.h:
kernel/include/x86.h:
