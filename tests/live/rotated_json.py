#!/usr/bin/env python3
"""rotated_json.py N FILE...: fails unless the JSON events in the FILEs,
rotated one into the next, are N, each in exactly one file, and no file
ends in a cut line."""
import json
import sys


def main():
    want, paths = int(sys.argv[1]), sys.argv[2:]
    seen = set()
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        assert data.endswith(b"\n"), f"{path}: its last line is cut"
        for line in data.decode().splitlines():
            e = json.loads(line)
            key = (e["event"], e["pid"])
            assert key not in seen, f"{key} in both files"
            seen.add(key)
    assert len(seen) == want, f"{len(seen)} events, not {want}"


if __name__ == "__main__":
    main()
