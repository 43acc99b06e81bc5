# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
"""The command line of bench/'s Python readers: FILE... or standard input.

--help prints the script's own docstring; an option, or a file that cannot
be read, is one line and exit 2 (nothing is printed before it).
"""
import os
import sys


def input_lines(doc):
    """The (where, line) pairs of the files named, where is "FILE:N"."""
    name = os.path.basename(sys.argv[0])
    paths = sys.argv[1:]
    if "-h" in paths or "--help" in paths:
        print(doc.strip())
        sys.exit(0)
    for p in paths:
        if p.startswith("-") and p != "-":
            print(f"{name}: unknown option {p} (--help says what it takes)",
                  file=sys.stderr)
            sys.exit(2)
    pairs = []
    for path in paths or ["-"]:
        try:
            f = sys.stdin if path == "-" else open(path, errors="replace")
            with f:
                pairs.extend((f"{path}:{n}", line)
                             for n, line in enumerate(f, 1))
        except OSError as e:
            print(f"{name}: {path}: {e.strerror}", file=sys.stderr)
            sys.exit(2)
    return pairs
