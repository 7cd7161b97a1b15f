# break_in_c.gdb: the debugger workflow works on the running kernel.
# GDB started QEMU (tests/run-tests); the kernel boots through GRUB into
# long mode. A hardware breakpoint on a higher-half C function must hit,
# and GDB must read the kernel's variables and control registers there.
# options: quiet

# A software breakpoint would be written into memory before GRUB has loaded
# the kernel there (and be overwritten); a hardware one waits for the address.
hbreak clock_tick
continue
set $j0 = jiffies
continue
set $j1 = jiffies
delete

if $j1 == $j0 + 1 && boot_info.nmem > 0 && ($cr4 & (1 << 20)) && $rip >= 0xffffffff80000000
  echo TEST PASS gdb/break_in_c\n
else
  printf "TEST FAIL gdb/break_in_c: jiffies %d -> %d, nmem %d, cr4 %#lx, rip %#lx\n", $j0, $j1, boot_info.nmem, $cr4, $rip
end
kill
