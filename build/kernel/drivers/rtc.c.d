build/kernel/drivers/rtc.c.o: kernel/drivers/rtc.c kernel/include/clock.h \
 kernel/include/x86.h
kernel/include/clock.h:
kernel/include/x86.h:
