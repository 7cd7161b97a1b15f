build/kernel/arch/x86_64/trapentry.S.o: kernel/arch/x86_64/trapentry.S \
 kernel/include/trapframe.h
kernel/include/trapframe.h:
