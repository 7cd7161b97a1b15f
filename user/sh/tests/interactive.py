#!/usr/bin/env python3
"""interactive.py: job control tests, on a pseudo-terminal (host only).

Job control needs a terminal: ^Z and ^C are characters the terminal turns
into SIGTSTP and SIGINT for its foreground process group. This script runs
the shell on a pty, types at it, and checks what it prints. It prints
TEST START/PASS/FAIL lines named user/sh_interactive/<case>.

    python3 user/sh/tests/interactive.py [build/rootfs/bin/sh]

(It needs python3 and the tools in build/rootfs/bin; it does not run
inside weft, which has no python.)
"""
import os, pty, select, sys, time

SH = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else 'build/rootfs/bin/sh')
BIN = os.path.dirname(SH)


class Session:
    def __init__(self):
        env = dict(os.environ, PATH=BIN + ':/usr/bin:/bin', HOME='/tmp')
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir('/tmp')
            os.execve(SH, [SH], env)
        self.out = ''
        self.read(1.0)

    def read(self, seconds):
        """Collect output for a while; return what came."""
        got, end = '', time.time() + seconds
        while time.time() < end:
            r, _, _ = select.select([self.fd], [], [], 0.05)
            if r:
                try:
                    data = os.read(self.fd, 4096).decode(errors='replace')
                except OSError:
                    break
                got += data
        self.out += got
        return got

    def type(self, text, wait=0.6):
        os.write(self.fd, text.encode())
        return self.read(wait)

    def close(self):
        try:
            os.write(self.fd, b'\x04')          # ^D: the shell exits
            self.read(0.5)
            os.kill(self.pid, 9)
        except OSError:
            pass
        os.waitpid(self.pid, 0)


def case(name, session, keys, expect, wait=0.6):
    print('TEST START user/sh_interactive/' + name)
    got = ''
    for k in keys:
        got += session.type(k, wait)
    missing = [e for e in expect if e not in got]
    if missing:
        print('TEST FAIL user/sh_interactive/%s: no %r in %r' % (name, missing[0], got))
    else:
        print('TEST PASS user/sh_interactive/' + name)


s = Session()
case('prompt', s, ['true\n'], ['weft:/tmp# '])
case('status_in_prompt', s, ['false\n'], ['[1] weft:/tmp# '])
case('ctrl_z_stops', s, ['sleep 100\n', '\x1a'],
     ['[1]+  Stopped                 sleep 100', '[148] weft:'])
case('jobs_stopped', s, ['jobs\n'], ['[1]+  Stopped                 sleep 100'])
case('bg_continues', s, ['bg\n', 'jobs\n'],
     ['[1]+ sleep 100 &', '[1]+  Running                 sleep 100 &'])
case('fg_then_ctrl_c', s, ['fg\n', '\x03'], ['sleep 100', '[130] weft:'])
case('pipeline_stops_whole', s, ['sleep 100 | cat\n', '\x1a', 'jobs\n'],
     ['[1]+  Stopped                 sleep 100 | cat'])
case('kill_stopped_job', s, ['kill %1\n', '\n'], ['Terminated'])
case('background_done', s, ['sleep 0.2 &\n', '\n'], ['[1] ', '[1]+  Done                    sleep 0.2'],
     wait=0.8)
case('tty_input_stops_bg', s, ['cat &\n', '\n'], ['[1]+  Stopped                 cat'])
case('fg_gets_terminal', s, ['fg\n', 'typed\n', '\x04'], ['typed\r\ntyped'])
case('ctrl_c_ends_loop', s, ['while true; do sleep 1; done\n', '\x03', 'echo after\n'],
     ['after'])
case('ctrl_c_at_prompt', s, ['echo partial\x03', 'echo ok\n'], ['[130] weft:', 'ok'])
case('killed_message', s, ['sh -c "kill -9 \\$\\$"\n'], ['Killed', '[137] weft:'])
case('segv_message', s, ['sh -c "kill -SEGV \\$\\$"\n'], ['Segmentation fault', '[139]'])
case('continuation_prompt', s, ['echo "a\n', 'b"\n'], ['> ', 'a\r\nb'])
case('wait_interrupted', s, ['sleep 30 &\n', 'wait\n', '\x03', 'kill %1\n'], ['[130] weft:'])
case('ps_foreground_plus', s, ['ps\n'], ['R+'])
s.close()
