#!/usr/bin/env python3
"""nonblocking_pipe.py PIDFILE OUT COMMAND...: runs COMMAND with its standard
output on a pipe whose write end is non-blocking (as Node.js leaves its
pipes), read by a slow reader, and writes COMMAND's pid to PIDFILE.  Saves
all COMMAND wrote in OUT and exits with COMMAND's status."""
import os
import subprocess
import sys
import time

pidfile, out, command = sys.argv[1], sys.argv[2], sys.argv[3:]
r, w = os.pipe()
# The flag is on the file description, which COMMAND shares.
os.set_blocking(w, False)
child = subprocess.Popen(command, stdout=w)
os.close(w)
with open(pidfile, "w") as f:
    f.write(f"{child.pid}\n")
# Late, so that the pipe's 64 KiB fill up and the writer must wait.
time.sleep(1)
with open(out, "wb") as f:
    while True:
        chunk = os.read(r, 16384)
        if not chunk:
            break
        f.write(chunk)
        f.flush()
        time.sleep(0.05)
sys.exit(child.wait())
