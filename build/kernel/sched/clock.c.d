build/kernel/sched/clock.c.o: kernel/sched/clock.c kernel/include/clock.h \
 kernel/include/interrupt.h kernel/include/trapframe.h \
 kernel/include/percpu.h kernel/include/x86.h
kernel/include/clock.h:
kernel/include/interrupt.h:
kernel/include/trapframe.h:
kernel/include/percpu.h:
kernel/include/x86.h:
