build/boot/header.S.o: boot/header.S
