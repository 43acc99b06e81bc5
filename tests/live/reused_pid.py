#!/usr/bin/env python3
"""reused_pid.py: reads json_fields.py's lines "EVENT PCOMM START_NS
PROCESS_KEY" of one pid, given to two processes, and fails unless they are
an EXEC and an EXIT of each, the second run by with-pid, started later,
with a key of its own, the same in both of its events."""
import sys


def main():
    rows = [line.split() for line in sys.stdin.read().splitlines()]
    assert [r[0] for r in rows] == ["EXEC", "EXIT", "EXEC", "EXIT"], rows
    assert rows[2][1] == "with-pid", rows
    assert rows[2][3] == rows[3][3] != rows[0][3], rows
    assert int(rows[2][2]) > int(rows[0][2]), rows


if __name__ == "__main__":
    main()
