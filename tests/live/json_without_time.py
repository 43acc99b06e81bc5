#!/usr/bin/env python3
"""json_without_time.py FILE: each JSON object of a tracer's output without
its times (time, timestamp_ns, duration_ns), its keys sorted: what the four
tools must say alike."""
import json
import sys


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            e = json.loads(line)
            del e["time"], e["timestamp_ns"]
            e.pop("duration_ns", None)
            print(json.dumps(e, sort_keys=True))


if __name__ == "__main__":
    main()
