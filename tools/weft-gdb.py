# weft-gdb.py: GDB commands that understand weft's data structures.
# Loaded by tools/gdbinit (`make gdb`). Each command is a short Python
# class; read them to see how the kernel's lists hang together.
import gdb

STATES = "RSDTZX"


def list_entries(head, type_name, member):
    """Walk a struct list_head (list.h): yield each containing struct."""
    t = gdb.lookup_type(type_name)
    offset = [f.bitpos // 8 for f in t.fields() if f.name == member][0]
    node = head["next"]
    while int(node) != int(head.address):
        yield (node.cast(gdb.lookup_type("char").pointer()) - offset).cast(t.pointer()).dereference()
        node = node["next"]


class WeftPs(gdb.Command):
    """weft-ps: list every process and its threads (pid, state, name)."""

    def __init__(self):
        super().__init__("weft-ps", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        cur = gdb.parse_and_eval("cpus[0].running")
        print("  PID  PPID  TID S  THREAD            MM                  CMD")
        for p in list_entries(gdb.parse_and_eval("all_procs"), "struct proc", "all_link"):
            ppid = int(p["parent"]["pid"]) if int(p["parent"]) else 0
            comm = p["comm"].string()
            for t in list_entries(p["threads"], "struct thread", "thread_link"):
                mark = "*" if int(t.address) == int(cur) else " "
                print("%5d %5d %4d %s%s %s %s %s" % (
                    int(p["pid"]), ppid, int(t["tid"]), STATES[int(t["state"])], mark,
                    str(t.address).split()[0].ljust(18), str(p["mm"]).split()[0].ljust(18), comm))
        print("(* = running on CPU 0; S = R running/ready, S sleeping, D disk sleep, "
              "T stopped, Z zombie)")


class WeftBreakSwitch(gdb.Command):
    """weft-break-switch [process|thread]: stop in context_switch(prev, next).
    With "process", only when the two threads belong to different
    address spaces (so CR3 will change); with "thread", only when they share one."""

    def __init__(self):
        super().__init__("weft-break-switch", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        cond = ""
        both = "prev->proc != 0 && next->proc != 0 && prev->proc->mm != 0 && next->proc->mm != 0"
        if arg.strip() == "process":
            cond = " if %s && prev->proc->mm != next->proc->mm" % both
        elif arg.strip() == "thread":
            cond = " if %s && prev->proc->mm == next->proc->mm" % both
        gdb.execute("hbreak context_switch" + cond)
        print("Now `continue`; at the stop, `p *prev`, `p *next`, `p/x $cr3`, then step with `next`"
              " over switch_mm() and watch $cr3, or `break switch_to` and `stepi` through it.")


class WeftCounters(gdb.Command):
    """weft-counters: this CPU's event counters (context switches, CR3 loads ...)."""

    def __init__(self):
        super().__init__("weft-counters", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        gdb.execute("print cpus[0].stats")


WeftPs()
WeftBreakSwitch()
WeftCounters()
