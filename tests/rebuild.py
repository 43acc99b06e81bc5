#!/usr/bin/env python3
"""A header touched rebuilds what includes it, and nothing else.

Builds the tools in a scratch tree (against the distribution's libbpf, to
be quick), then touches one header at a time and runs make again: the
objects it compiles must be those whose sources include the header,
directly or through other headers, as the sources' #include lines say,
and the variants' objects whose skeleton a rebuilt BPF object changes.
Each header's time is put back afterwards.  Needs libbpf-dev and bpftool
(tools/install-deps --tests); no root.  Ends with "rebuild: N passed,
M failed"."""

import glob
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
INCLUDE_DIRS = ["src", "src/tool"]
# One header of user space only, one of the BPF side only, one of both.
HEADERS = ["src/tool/escape.h", "src/cwd.bpf.h", "src/config.h"]

passed = failed = 0


def check(desc, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print("ok   " + desc)
    else:
        failed += 1
        print("FAIL " + desc)
        if detail:
            print("     " + detail)


def includes(path, seen):
    """The headers of the tree that path includes, through others too."""
    with open(os.path.join(ROOT, path)) as f:
        names = re.findall(r'^#include "([^"]+)"', f.read(), re.M)
    for name in names:
        for d in [os.path.dirname(path)] + INCLUDE_DIRS:
            cand = os.path.normpath(os.path.join(d, name))
            if os.path.exists(os.path.join(ROOT, cand)):
                if cand not in seen:
                    seen.add(cand)
                    includes(cand, seen)
                break
    return seen


def expected(header, built):
    """The objects of built (names) that a change to header remakes."""
    want = set()
    for src in glob.glob("src/*.c", root_dir=ROOT) + \
            glob.glob("src/tool/*.c", root_dir=ROOT):
        name = os.path.basename(src)[:-2] + ".o"
        if name in built and header in includes(src, set()):
            want.add(name)
            # A BPF object remade remakes its skeleton, and the tool's
            # object that includes it.
            if name.endswith(".bpf.o"):
                want.add(name[:-len(".bpf.o")] + ".o")
    return want


def make(out):
    res = subprocess.run(["make", "-C", ROOT, "LIBBPF=system",
                          "OUTPUT=" + out, "BINDIR=" + out + "/bin", "all"],
                         capture_output=True, text=True)
    if res.returncode:
        sys.exit("rebuild: make failed: " + res.stderr.strip()[-500:])
    return {os.path.basename(m) for m in
            re.findall(r"^\s+(?:CC|BPF)\s+(\S+\.o)$", res.stdout, re.M)}


def main():
    with tempfile.TemporaryDirectory() as out:
        first = make(out)
        built = {os.path.basename(p) for p in glob.glob(out + "/*.o")}
        check("a first build compiles every object (%d)" % len(first),
              first == built and len(built) > 20)
        check("a second build compiles nothing", not make(out))
        for header in HEADERS:
            path = os.path.join(ROOT, header)
            st = os.stat(path)
            os.utime(path)
            try:
                got = make(out)
            finally:
                os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
            want = expected(header, built)
            check("touching %s rebuilds the %d objects that include it, "
                  "of %d" % (header, len(want), len(built)),
                  got == want and 0 < len(want) < len(built),
                  "rebuilt %s; expected %s" % (sorted(got), sorted(want)))
        # Its time put back, the tree is as it was: it rebuilt on the last
        # run, so nothing is left to do.
        check("with the headers' times put back, nothing more to build",
              not make(out))
    print("rebuild: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
