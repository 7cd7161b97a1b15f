# process_switch.gdb: step through a switch between two processes and
# check what the textbook says happens (claim C5): CR3 changes to the next
# process's page tables, and the stack pointer moves to the next thread's
# kernel stack. docs/gdb.md walks through the same session by hand.
# options: quiet
# command: /bin/echo switching

source tools/weft-gdb.py
weft-break-switch process
continue
# In context_switch(prev, next), before anything changed.
set $old_cr3 = $cr3
set $want_cr3 = next->proc->mm->pml4_pa
set $top = next->kstack_top
set $bottom = next->kstack_top - 16384
delete
hbreak switch_to
continue
# switch_mm() has run: CR3 already holds next's page tables.
set $cr3_ok = ($cr3 == $want_cr3) && ($cr3 != $old_cr3)
# Step over the six pushes, the store of rsp and the stack switch itself.
stepi 8
set $rsp_ok = ($rsp >= $bottom) && ($rsp < $top)
if $cr3_ok && $rsp_ok
  echo TEST PASS gdb/process_switch\n
else
  printf "TEST FAIL gdb/process_switch: cr3 %#lx -> %#lx (want %#lx), rsp %#lx not in [%#lx, %#lx)\n", $old_cr3, $cr3, $want_cr3, $rsp, $bottom, $top
end
kill
