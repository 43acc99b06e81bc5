#!/usr/bin/env python3
"""exec_context.py FILE PID: what --cwd and --env say in the last JSON EXEC
of PID, one KEY=VALUE a line, byte strings in hex (from the _hex fields
when there are): cwd, cwd_truncated, cwd_deleted, env.NAME (null when
absent), env_truncated and env_unknown (names, comma-separated)."""
import json
import sys

path, pid = sys.argv[1], int(sys.argv[2])
e = None
for line in open(path, encoding="utf-8"):
    event = json.loads(line)
    if event["event"] == "EXEC" and event["pid"] == pid:
        e = event
if e is None:
    sys.exit(f"no EXEC event for pid {pid}")


def raw(value, hexed):
    if value is None:
        return "null"
    return hexed if hexed is not None else value.encode().hex()


if "cwd" in e:
    print("cwd=" + raw(e["cwd"], e.get("cwd_hex")))
    for key in ("cwd_truncated", "cwd_deleted"):
        print(f"{key}={json.dumps(e[key])}")
for name, value in e.get("env", {}).items():
    print(f"env.{name}=" + raw(value, e.get("env_hex", {}).get(name)))
for key in ("env_truncated", "env_unknown"):
    if key in e:
        print(f"{key}=" + ",".join(e[key]))
