#!/usr/bin/env python3
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
"""check_gen_docs.py: prints each way tools/gen-docs' code regions, reading
path, figures and exit status, and bench/facts.py's formats, go wrong on a
small tree of its own, one a line, and nothing when they are right.  Run
from the top of the tree.
"""
import contextlib
import io
import os
import sys
import tempfile
from importlib.machinery import SourceFileLoader

sys.dont_write_bytecode = True  # no bench/__pycache__ left behind
GEN = SourceFileLoader("gen_docs", "tools/gen-docs").load_module()
FACTS = SourceFileLoader("facts", "bench/facts.py").load_module()

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


def run_gen(root, args):
    """gen-docs ARGS on the tree root: (exit status, stdout, stderr)."""
    GEN.ROOT, GEN.BENCH = root, os.path.join(root, "bench")
    GEN.facts.cache_clear()
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = GEN.main(["gen-docs"] + args)
    return rc, out.getvalue(), err.getvalue()


def check_figures(bad):
    """value NAME and table CSV: current, stale (1), unknown (2)."""
    with tempfile.TemporaryDirectory() as root:
        os.mkdir(os.path.join(root, "bench"))
        with open(os.path.join(root, "bench", "x.facts"), "w") as f:
            f.write("# a comment\nrate\t4.5 M\tevents_per_s of a line\n"
                    "slowdown batched a --rings 4\t1.02\thow\n")
        with open(os.path.join(root, "bench", "t.csv"), "w") as f:
            f.write('tool,"lost, per event"\n`a`,0\n')
        table = "\n| tool | lost, per event |\n|---|---|\n| `a` | 0 |\n"
        doc = ("A <!-- gen: value rate -->4.5 M<!-- end gen --> rate, "
               "<!-- gen: value slowdown  batched a --rings 4 -->1.02"
               "<!-- end gen -->.\n<!-- gen: table bench/t.csv -->" + table +
               "<!-- end gen -->\n<!-- gen: table bench/t.csv | tool -->"
               "\n| tool |\n|---|\n| `a` |\n<!-- end gen -->\n")
        readme = os.path.join(root, "README.md")

        def status(text, args=("--check",)):
            with open(readme, "w") as f:
                f.write(text)
            return run_gen(root, list(args))

        expect("--check, current", status(doc)[0], 0, bad)
        rc, out, _ = status(doc.replace("4.5 M<", "4.4 M<"))
        expect("--check, a stale value", (rc, out),
               (1, "stale: README.md: <!-- gen: value rate -->\n"), bad)
        expect("--check, a stale table", status(doc.replace("| 0 |", "| 1 |"))
               [0], 1, bad)
        expect("gen-docs rewrites a stale value",
               status(doc.replace("4.5 M<", "4.4 M<"), [])[0], 0, bad)
        with open(readme) as f:
            expect("gen-docs' rewritten text", f.read(), doc, bad)
        for what, text in (
                ("an unknown fact", doc.replace("value rate", "value rat")),
                ("a missing CSV", doc.replace("bench/t.csv -->",
                                              "bench/u.csv -->")),
                ("a missing column", doc.replace("| tool -->", "| tol -->")),
                ("an unknown marker", doc.replace("gen: value rate",
                                                  "gen: valu rate"))):
            rc, _, err = status(text)
            expect(f"--check, {what}: exit 2 and why", (rc, bool(err)),
                   (2, True), bad)


def check_formats(bad):
    """bench/facts.py's templates, and what the facts file says."""
    row = {"e": "4512345", "s": "123456", "z": "", "d": "-", "b": "1048576",
           "p": "19.4", "n": "20000", "t": "a b"}
    for template, want in (("{e:M}", "4.5 M"), ("{s:M}", "0.12 M"),
                           ("{z:M}", "-"), ("{d:.1f}", "-"), ("{d}", "-"),
                           ("{b:KiB}", "1024"), ("{p:%}", "19%"),
                           ("{n:,} of {n:,}", "20,000 of 20,000"),
                           ("{p:.1f} / {t}", "19.4 / a b")):
        expect(f"facts.py template {template}", FACTS.cell(template, row),
               want, bad)
    expect("facts.py span", [FACTS.span(v, ".2f") for v in (
        [1.5, 1.0], [-0.0, 0.2], [-0.5, 5.19])],
        ["1.00-1.50", "0.00-0.20", "-0.50 to 5.19"], bad)
    for template in ("{nothere}", "{t:.1f}"):
        try:
            FACTS.cell(template, row)
            bad.append(f"facts.py template {template}: no error")
        except FACTS.FactError:
            pass
    with tempfile.TemporaryDirectory() as root:
        with open(os.path.join(root, "ordering.csv"), "w") as f:
            f.write("tracer,processes,exit_before_exec,lost,late\n"
                    "perfbuf-output,30,0,0,0\n"
                    "perfbuf-output --unordered,30,7,0,-\n")
        warnings = []
        files = FACTS.group_files("ordering", FACTS.Inputs([root]),
                                  warnings.append)
        lines = files["ordering.facts"].splitlines()
        expect("facts.py: ordering-perfbuf", lines[2],
               "ordering-perfbuf\t7 of 30\trow(tracer='perfbuf-output "
               "--unordered'): {exit_before_exec} of {processes}", bad)
        expect("facts.py: a line's fact", [ln for ln in lines if
                                            ln.startswith("late perfbuf-output"
                                                          "\t")],
               ["late perfbuf-output\t0\tthe line tracer=perfbuf-output: "
                "{late}"], bad)
        # No ring buffer tool's line: that figure is left out, with why.
        expect("facts.py: a figure it cannot compute", (
            [w.split(":")[0] for w in warnings],
            any(ln.startswith("ordering-ringbuf\t") for ln in lines)),
            (["ordering.facts"], False), bad)


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
    check_figures(bad)
    check_formats(bad)
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
