#!/usr/bin/env python3
"""hostile_json.py OUT PID PATH: fails unless the EXEC of PID in OUT, a
tracer's --json output, names PATH byte for byte in filename_hex, and its
comm is the name's first 15 characters, with no comm_hex."""
import json
import os
import sys


def main():
    out, pid, path = sys.argv[1], int(sys.argv[2]), os.fsencode(sys.argv[3])
    with open(out, encoding="utf-8") as f:
        events = [json.loads(line) for line in f]
    ex = [e for e in events if e["event"] == "EXEC" and e["pid"] == pid][0]
    assert bytes.fromhex(ex["filename_hex"]) == path, ex
    assert ex["comm"] == os.fsdecode(path).rsplit("/", 1)[1][:15], ex
    assert "comm_hex" not in ex, ex


if __name__ == "__main__":
    main()
