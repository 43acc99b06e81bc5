#!/usr/bin/env python3
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
"""check_links.py FILE...: prints each relative link of the Markdown FILEs
that does not resolve, one a line, and nothing when all do.

A link [text](target) or ![alt](target) whose target has no scheme must
name a file or folder of the repository, relative to the file that holds
it; a #anchor (alone, or after a .md file) must be the GitHub anchor of a
heading of that file.  Links inside fenced code blocks and code spans are
not links.
"""
import os
import re
import sys

LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)\)")
FENCE = re.compile(r"^(```|~~~)")


def prose(path):
    """The file's lines outside fenced blocks, code spans removed."""
    out, fenced = [], False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if FENCE.match(line):
                fenced = not fenced
                continue
            if not fenced:
                out.append(re.sub(r"`[^`]*`", "", line))
    return out


def github_anchors(path):
    seen, result = {}, set()
    fenced = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if FENCE.match(line):
                fenced = not fenced
                continue
            m = None if fenced else re.match(r"^#{1,6}\s+(.*?)\s*$", line)
            if not m:
                continue
            text = m.group(1).replace("`", "")
            slug = re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")
            n = seen.get(slug, 0)
            seen[slug] = n + 1
            result.add(slug if n == 0 else f"{slug}-{n}")
    return result


def main(files):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    bad = []
    for path in files:
        for line in prose(path):
            for target in LINK.findall(line):
                if re.match(r"^[a-z][a-z0-9+.-]*:", target):
                    continue        # http:, https:, mailto:
                name, _, anchor = target.partition("#")
                dest = os.path.normpath(os.path.join(os.path.dirname(path),
                                                     name)) if name else path
                if not os.path.abspath(dest).startswith(root + os.sep) or \
                   not os.path.exists(dest):
                    bad.append(f"{path}: {target}: no such file")
                    continue
                if anchor and dest.endswith(".md") and \
                   anchor not in github_anchors(dest):
                    bad.append(f"{path}: {target}: no such heading")
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
