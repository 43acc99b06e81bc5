#!/usr/bin/env python3
"""check_calls.py FILE...: fails for each `check` call in the live tests
whose command runs on past `&&` or `||`.  Written

    check "DESC" [ a ] && [ b ]

the shell gives check only [ a ]: [ b ] runs outside it and can fail no
test.  Such conditions are run first and their status checked (see
tests/live/lib.sh).  Also fails a call that checks $? after a command
substitution in its own arguments,

    check "DESC ($(tail -n 1 "$ERR"))" [ $? -eq 0 ]

where $? is the substitution's status, always 0, not the condition's.
Ends with the suite's "N passed, N failed" line."""
import re
import sys

QUOTED = re.compile(r"'[^']*'|\"(?:\\.|[^\"\\])*\"")


def statements(lines):
    """(line number, text) of each `check` call, continuation lines joined."""
    i = 0
    while i < len(lines):
        if re.match(r"\s*check\s", lines[i]):
            start, text = i + 1, lines[i]
            while text.rstrip().endswith(("\\", "&&", "||")) and i + 1 < len(lines):
                i += 1
                text = text.rstrip().rstrip("\\") + " " + lines[i].strip()
            yield start, text
        i += 1


def main():
    passed = failed = 0
    for path in sys.argv[1:]:
        lines = open(path, encoding="utf-8").read().split("\n")
        bad = [(n, t, "runs on past && or ||") for n, t in statements(lines)
               if re.search(r"&&|\|\|", QUOTED.sub("", t))]
        bad += [(n, t, "checks $? after a $(...) of its own")
                for n, t in statements(lines)
                if (m := re.search(r"\$\((?!\()", t)) and "$?" in t[m.end():]]
        for n, text, why in bad:
            print(f"FAIL {path}:{n}: check {why}: {text.strip()}")
        passed += not bad
        failed += bool(bad)
        if not bad:
            print(f"ok   {path}: every check checks all its conditions")
    print(f"check calls: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
