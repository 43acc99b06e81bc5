#!/usr/bin/env python3
"""check_appended.py LOG CUT PID: LOG is JSON lines that a run cut short
after CUT whole lines (CUT is -1 when it ended well), then a run appended
to, which saw PID's EXEC and EXIT.  Every line but the cut one must be
valid JSON (the cut one may be too), and PID's two events the last two,
each a line of its own."""
import json
import sys

log, cut, pid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
lines = open(log, "rb").read().split(b"\n")
assert lines.pop() == b"", "the file does not end with a newline"
bad = []
for i, line in enumerate(lines):
    try:
        json.loads(line)
    except ValueError:
        bad.append(i)
# The cut line is invalid JSON, unless the disk filled up just before its
# newline: then its object is whole, and only the newline was lost.
assert bad in ([[cut], []] if cut >= 0 else [[]]), f"invalid JSON lines: {bad}"
last = [json.loads(line) for line in lines[-2:]]
assert [(e["event"], e["pid"]) for e in last] == \
    [("EXEC", pid), ("EXIT", pid)], last
