build/kernel/arch/x86_64/uaccess.S.o: kernel/arch/x86_64/uaccess.S \
 kernel/include/uapi/errno.h
kernel/include/uapi/errno.h:
