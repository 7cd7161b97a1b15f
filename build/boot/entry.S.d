build/boot/entry.S.o: boot/entry.S
