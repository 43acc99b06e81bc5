#!/usr/bin/env python3
"""paused_tty.py PIDFILE OUT COMMAND...: runs COMMAND with its standard
output on a terminal whose output is paused, as Ctrl-S pauses it, and
writes COMMAND's pid to PIDFILE.  Once COMMAND has ended, resumes the
terminal, saves what COMMAND wrote in OUT and exits with its status."""
import os
import pty
import subprocess
import sys
import termios

pidfile, out, command = sys.argv[1], sys.argv[2], sys.argv[3:]
master, slave = pty.openpty()
termios.tcflow(slave, termios.TCOOFF)
child = subprocess.Popen(command, stdout=slave)
with open(pidfile, "w") as f:
    f.write(f"{child.pid}\n")
status = child.wait()
termios.tcflow(slave, termios.TCOON)
os.close(slave)
os.set_blocking(master, False)
data = b""
while True:
    try:
        chunk = os.read(master, 65536)
    except (BlockingIOError, OSError):
        break
    if not chunk:
        break
    data += chunk
with open(out, "wb") as f:
    f.write(data.replace(b"\r\n", b"\n"))
sys.exit(status if status >= 0 else 128 - status)
