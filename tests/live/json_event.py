#!/usr/bin/env python3
"""json_event.py FILE EVENT PID: parse every line of a tracer's --json output
(failing if any line is not a JSON object) and print the fields of the EVENT
of PID as key=value lines."""
import json
import sys

path, event, pid = sys.argv[1], sys.argv[2], int(sys.argv[3])
found = None
with open(path, "rb") as f:
    for n, raw in enumerate(f, 1):
        try:
            obj = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            sys.exit(f"line {n} is not valid JSON: {e}: {raw!r}")
        if not isinstance(obj, dict):
            sys.exit(f"line {n} is not a JSON object")
        if obj.get("event") == event and obj.get("pid") == pid:
            found = obj
if found is None:
    sys.exit(f"no {event} event for pid {pid}")
for key, value in found.items():
    print(f"{key}={json.dumps(value) if isinstance(value, bool) else value}")
