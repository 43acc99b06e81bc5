#!/usr/bin/env python3
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
"""check_gen_docs.py: prints each way tools/gen-docs' code regions and
reading path go wrong on a small tree of its own, one a line, and nothing
when they are right.  Run from the top of the tree.
"""
import os
import sys
import tempfile
from importlib.machinery import SourceFileLoader

GEN = SourceFileLoader("gen_docs", "tools/gen-docs").load_module()

A = """/* Two maps and a program. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
} events SEC(".maps");

static int helper(int x);

/* Says hello. */
SEC("tp_btf/sched_process_exec")
int BPF_PROG(handle_exec, struct task_struct *task)
{
	return helper(1);
}
"""
B = A.replace("return helper(1);", "return 0;") + """
/* Only in b. */
static int extra(void)
{
	return 2;
}
"""


def expect(what, got, want, bad):
    if got != want:
        bad.append(f"{what}: {got!r}, not {want!r}")


def raises(what, fn, bad):
    try:
        fn()
        bad.append(f"{what}: no error")
    except GEN.GenError:
        pass


def main():
    bad = []
    with tempfile.TemporaryDirectory() as root:
        GEN.ROOT = root
        for name, text in (("a.c", A), ("b.c", B)):
            with open(os.path.join(root, name), "w") as f:
                f.write(text)
        prog = A[A.index("/* Says"):]
        expect("function a.c handle_exec", GEN.gen_function(
            ["a.c", "handle_exec"]), f"\n```c\n{prog}```\n", bad)
        expect("function a.c events", GEN.gen_function(["a.c", "events"]),
               "\n```c\n" + A[:A.index("\n\n") + 1] + "```\n", bad)
        raises("function a.c helper (a declaration only)",
               lambda: GEN.gen_function(["a.c", "helper"]), bad)
        raises("diff-function a.c b.c nothing",
               lambda: GEN.gen_diff_function(["a.c", "b.c", "nothing"]), bad)
        diff = GEN.gen_diff_function(["a.c", "b.c", "handle_exec", "extra"])
        expect("diff-function's changed lines",
               [l for l in diff.splitlines() if l and l[0] in "+-" and
                l[:3] not in ("---", "+++")],
               ["-\treturn helper(1);", "+\treturn 0;", "+",
                "+/* Only in b. */", "+static int extra(void)", "+{",
                "+\treturn 2;", "+}"], bad)
        os.mkdir(os.path.join(root, "tools"))
        GEN.READING_PATH = os.path.join(root, "tools", "reading-path")
        with open(GEN.READING_PATH, "w") as f:
            f.write("# a comment\nread a.c the first\nread b.c the second\n"
                    "skip . all the rest\n")
        expect("reading path total", GEN.reading_path_lines(),
               A.count("\n") + B.count("\n"), bad)
        # A folder skipped counts its files but those read: here the
        # 4 lines of tools/reading-path.
        expect("reading path skip row", GEN.t_reading_path().splitlines()[-1],
               "| [`.`](.) | 4 | all the rest |", bad)
        with open(GEN.READING_PATH, "a") as f:
            f.write("read gone.c not there\n")
        raises("reading path with a missing file", GEN.reading_path_lines,
               bad)
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
