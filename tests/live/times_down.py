#!/usr/bin/env python3
"""times_down.py FILE: how many times the timestamp_ns of a tracer's JSON
lines goes down from one line to the next.  In time order, only events
delivered late make it go down."""
import json
import sys


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        ts = [json.loads(line)["timestamp_ns"] for line in f]
    print(sum(b < a for a, b in zip(ts, ts[1:])))


if __name__ == "__main__":
    main()
