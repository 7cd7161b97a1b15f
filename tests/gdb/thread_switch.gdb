# thread_switch.gdb: step through a switch between two threads of one
# process and check what the textbook says (claim C6): the address space
# stays, so CR3 is not written (not even rewritten with the same value:
# the per-CPU cr3_loads counter does not move), while the stack pointer
# still moves to the next thread's kernel stack. The twin of
# process_switch.gdb, where CR3 does change (claim C5).
#
# The boot runs `cr3switch thread` (user/demos/cr3switch.c): two threads
# of one process play ping-pong through pipes, so thread-to-thread
# switches start right after the shell has started it. The breakpoint's
# condition (weft-break-switch thread, tools/weft-gdb.py) skips every
# switch between different address spaces (init, the shell) and the
# idle thread's (no mm).
# options: quiet
# command: /bin/cr3switch thread

source tools/weft-gdb.py
weft-break-switch thread
continue
# In context_switch(prev, next), before anything changed.
set $same_proc = (prev->proc == next->proc) && (prev->tid != next->tid)
set $mm_loaded = (cpus[0].active_mm == next->proc->mm)
set $old_cr3 = $cr3
set $loads = cpus[0].stats.cr3_loads
set $flushes = cpus[0].stats.tlb_flushes
set $ctx = next->context
set $top = next->kstack_top
set $bottom = next->kstack_top - 16384
printf "thread switch: tid %d -> tid %d of pid %d (%s), cr3 %#lx\n", prev->tid, next->tid, next->proc->pid, next->proc->comm, $cr3
delete
hbreak switch_to
continue
# switch_mm() has run and returned at once: same mm, so no CR3 write.
set $cr3_ok = ($cr3 == $old_cr3) && (cpus[0].stats.cr3_loads == $loads) && (cpus[0].stats.tlb_flushes == $flushes)
set $ctx_ok = ($rsi == $ctx)
# Step over the six pushes, the store of rsp and the stack switch itself.
stepi 8
set $rsp_ok = ($rsp >= $bottom) && ($rsp < $top) && ($rsp == $ctx)
if $same_proc && $mm_loaded && $cr3_ok && $ctx_ok && $rsp_ok
  echo TEST PASS gdb/thread_switch\n
else
  printf "TEST FAIL gdb/thread_switch: same process %d, mm loaded %d, cr3 %#lx -> %#lx (cr3_loads %ld -> %ld), switch_to's new context %d, rsp %#lx not %#lx in [%#lx, %#lx)\n", $same_proc, $mm_loaded, $old_cr3, $cr3, $loads, cpus[0].stats.cr3_loads, $ctx_ok, $rsp, $ctx, $bottom, $top
end
kill
