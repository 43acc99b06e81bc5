#!/usr/bin/env python3
"""json_fields.py FILE PID FIELD...: one line for each event of PID in a
tracer's --json output, in order, with its FIELDs separated by spaces
(null for a field it lacks, true/false for booleans, a string as it is).
Several processes can have had the pid: each event of each is a line."""
import json
import sys


def show(value):
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    return str(value)


path, pid, fields = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
with open(path, encoding="utf-8") as f:
    for line in f:
        e = json.loads(line)
        if e.get("pid") == pid:
            print(" ".join(show(e.get(k)) for k in fields))
