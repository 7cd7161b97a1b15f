build/kernel/init/main.c.o: kernel/init/main.c kernel/include/bootinfo.h \
 kernel/include/backtrace.h kernel/include/clock.h kernel/include/cpu.h \
 kernel/include/drivers.h kernel/include/frame.h kernel/include/list.h \
 kernel/include/memlayout.h kernel/include/interrupt.h \
 kernel/include/trapframe.h kernel/include/kmalloc.h \
 kernel/include/kprintf.h kernel/include/ktest.h kernel/include/paging.h \
 kernel/include/percpu.h kernel/include/segment.h kernel/include/string.h \
 kernel/include/version.h kernel/include/x86.h
kernel/include/bootinfo.h:
kernel/include/backtrace.h:
kernel/include/clock.h:
kernel/include/cpu.h:
kernel/include/drivers.h:
kernel/include/frame.h:
kernel/include/list.h:
kernel/include/memlayout.h:
kernel/include/interrupt.h:
kernel/include/trapframe.h:
kernel/include/kmalloc.h:
kernel/include/kprintf.h:
kernel/include/ktest.h:
kernel/include/paging.h:
kernel/include/percpu.h:
kernel/include/segment.h:
kernel/include/string.h:
kernel/include/version.h:
kernel/include/x86.h:
