build/kernel/arch/x86_64/extable.c.o: kernel/arch/x86_64/extable.c \
 kernel/include/extable.h
kernel/include/extable.h:
