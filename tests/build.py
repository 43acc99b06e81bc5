#!/usr/bin/env python3
"""The build's own checks: every program that a documented make target
calls comes from a package that tools/install-deps installs, with the
option the docs name for that target, and the BPF types come from the
committed vmlinux.h, never from the build machine's kernel.

Static: the programs are what `make -n` prints for each target, mapped to
their Debian packages with `dpkg -S`; a package counts when install-deps
wants it, when one it wants depends on it, or when Debian holds it
essential.  And a header touched rebuilds what includes it, and nothing
else (check_rebuilds, which builds a scratch tree).  No root.  Ends with
"build: N passed, M failed"."""

import glob
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Each documented target (make's arguments) and the install-deps options
# the docs name for it.  `make bench` installs its own extras
# (tools/bench-install-deps, in its recipe).
TARGETS = [
    (["all"], []),
    (["STATIC=1", "all"], []),
    (["man"], []),
    (["install"], []),
    (["uninstall"], []),
    (["docs"], []),
    (["clean"], []),
    (["bench"], []),
    (["LIBBPF=system", "all"], ["--system-libbpf"]),
    (["deb"], ["--deb"]),
    (["image"], ["--image"]),
    (["test"], ["--tests"]),
    (["check"], ["--tests"]),
]
# Where a command ends, and the words that start a command but are not one.
SEPARATORS = {";", "&&", "||", "|", "&", "(", ")", "{", "}", "!",
              "if", "then", "elif", "else", "fi", "while", "until", "do",
              "done", "in"}
PREFIXES = {"env", "exec", "command", "nice"}
# Where Debian's packages put programs (not /usr/local, nor a user's own).
SYSTEM_PATH = "/usr/sbin:/usr/bin:/sbin:/bin"

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


def run(*cmd):
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)


def make_commands(args, out):
    """The shell commands make would run for args, one a string.  The
    libbpf and bpftool sub-makes (DEPS_MAKE) are left out: with -n, make
    would run them for real."""
    text = run("make", "-n", "-k", "--no-print-directory", "OUTPUT=" + out,
               "BINDIR=" + out + "/bin", "DEPS_MAKE=:", *args).stdout
    lines = re.sub(r"\\\n", " ", text).splitlines()
    return [l for l in lines if not l.startswith("make")]


def command_words(line):
    """The first word of each simple command of a shell line, and of those
    in its $(...) substitutions."""
    for sub in re.findall(r"\$\(([^()]*)\)", line):
        yield from command_words(sub)
    try:
        lex = shlex.shlex(line, posix=True, punctuation_chars=";&|(){}!<>")
        lex.whitespace_split = True
        lex.commenters = "#"
        tokens = list(lex)
    except ValueError:
        return
    start = True
    skip_for = False
    for tok in tokens:
        if tok == "for":
            skip_for = True
            continue
        if tok in SEPARATORS:
            start = True
            skip_for = skip_for and tok != "do"
            continue
        if re.fullmatch(r"[<>&]+", tok):	# a redirection: its file next
            start = False
            continue
        if not start or skip_for:
            continue
        if re.match(r"[A-Za-z_][A-Za-z0-9_]*=", tok) or tok in PREFIXES:
            if tok in PREFIXES:
                yield tok
            continue
        if tok.startswith("-"):	# command -v NAME: NAME is not run
            start = False
            continue
        start = False
        yield tok


def shell_builtins():
    out = subprocess.run(["bash", "-c", "compgen -b; compgen -k"],
                         capture_output=True, text=True).stdout
    return set(out.split())


def program_path(word, out):
    """The file a command word runs, None for one of ours that the build
    makes; a script of ours stands for its interpreter."""
    if "/" not in word:
        return shutil.which(word, path=SYSTEM_PATH) or word
    path = os.path.join(ROOT, word)
    if os.path.isabs(word) and not word.startswith((ROOT, out)):
        return word
    if not os.path.isfile(path):
        return None
    with open(path, "rb") as f:
        first = f.readline().decode(errors="replace")
    if not first.startswith("#!"):
        return None
    interp = first[2:].split()
    if os.path.basename(interp[0]) == "env" and len(interp) > 1:
        return shutil.which(interp[1], path=SYSTEM_PATH) or interp[1]
    return interp[0]


def package_of(path, cache={}):
    """The Debian package that holds path (or, through its links, the
    file it leads to; /bin for /usr/bin, as dpkg may know it), None when
    none does."""
    if path in cache:
        return cache[path]
    cache[path] = None
    for p in (path, os.path.realpath(path)):
        for q in (p, re.sub(r"^/usr/(s?bin)/", r"/\1/", p)):
            r = subprocess.run(["dpkg", "-S", q], capture_output=True,
                               text=True)
            owners = [l.split(": ")[0] for l in r.stdout.splitlines()
                      if not l.startswith("diversion by ")]
            if owners:
                cache[path] = owners[0].split(",")[0].split(":")[0]
                return cache[path]
    return None


def wanted(options):
    r = run("tools/install-deps", "--list", *options)
    return set(r.stdout.split()) if r.returncode == 0 else set()


def installed_with(packages):
    """packages, what they depend on, deeply, and what they provide."""
    out = subprocess.run(
        ["apt-cache", "depends", "--recurse", "--no-recommends",
         "--no-suggests", "--no-conflicts", "--no-breaks", "--no-replaces",
         "--no-enhances", *packages], capture_output=True, text=True).stdout
    names = {l.strip("<>") for l in out.splitlines() if not l.startswith(" ")}
    names = (names | set(packages)) - {""}
    provides = subprocess.run(
        ["dpkg-query", "-W", "-f", "${Provides}\n", *names],
        capture_output=True, text=True).stdout
    for p in re.split(r"[,\n]", provides):
        if p.strip():
            names.add(p.split()[0].split(":")[0])
    return names | {p.split(":")[0] for p in names}


def essential():
    out = subprocess.run(["dpkg-query", "-W", "-f",
                          "${Package} ${Essential}\n"],
                         capture_output=True, text=True).stdout
    return {l.split()[0] for l in out.splitlines() if l.endswith(" yes")}


def check_target(args, options, out, builtins, base):
    have = wanted(options)
    ok_packages = installed_with(sorted(have)) | base
    missing = {}
    for line in make_commands(args, out):
        for word in command_words(line):
            if word in builtins or word.startswith("$"):
                continue
            path = program_path(word, out)
            if path is None:
                continue
            if not os.path.isabs(path):
                missing[word] = "not on this machine"
                continue
            pkg = package_of(path)
            if pkg is None:
                missing[word] = path + " is in no package"
            elif pkg not in ok_packages:
                missing[word] = "%s, from %s" % (path, pkg)
    call = " ".join(["tools/install-deps", "--list"] + options)
    if not have:
        missing[call] = "printed no package"
    detail = "; ".join("%s (%s)" % (w, why) for w, why in missing.items())
    check("make %s: every program it calls is installed by %s"
          % (" ".join(args), call.replace(" --list", "")), not missing,
          detail)


def check_build_depends(base):
    """debian/control's Build-Depends, which dpkg-buildpackage checks."""
    with open(os.path.join(ROOT, "debian/control")) as f:
        control = f.read()
    field = re.search(r"^Build-Depends:(.*?)^\S", control, re.M | re.S)
    names = [re.split(r"[\s(\[]", d.strip().split("|")[0].strip())[0]
             for d in field.group(1).split(",") if d.strip()]
    have = installed_with(sorted(wanted(["--deb"]))) | base
    lacking = [n for n in names if n not in have]
    check("debian/control: each build dependency is installed by "
          "tools/install-deps --deb", not lacking, " ".join(lacking))


def check_options_documented():
    text = ""
    for doc in ["README.md"] + sorted(
            os.path.join("docs", d) for d in os.listdir(
                os.path.join(ROOT, "docs"))):
        with open(os.path.join(ROOT, doc)) as f:
            text += f.read()
    for _, options in TARGETS:
        for o in options:
            check("the docs name tools/install-deps %s" % o,
                  "tools/install-deps " + o in text)


def check_committed_header(out):
    arch = {"x86_64": "x86", "aarch64": "arm64"}.get(os.uname().machine)
    lines = make_commands([out + "/vmlinux.h"], out)
    check("make writes vmlinux.h from the committed vmlinux/%s/vmlinux.h, "
          "not from this machine's kernel" % arch,
          any(re.search(r"\bcp vmlinux/%s/vmlinux.h " % arch, l)
              for l in lines)
          and not any("/sys/kernel/btf" in l for l in lines),
          " | ".join(lines))


# One header of user space only, one of the BPF side only, one of both.
REBUILD_HEADERS = ["src/tool/escape.h", "src/cwd.bpf.h", "src/config.h"]
INCLUDE_DIRS = ["src", "src/tool"]


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


def make_scratch(out):
    res = subprocess.run(["make", "-C", ROOT, "LIBBPF=system",
                          "OUTPUT=" + out, "BINDIR=" + out + "/bin", "all"],
                         capture_output=True, text=True)
    if res.returncode:
        sys.exit("build: make of a scratch tree failed: " + res.stderr.strip()[-500:])
    return {os.path.basename(m) for m in
            re.findall(r"^\s+(?:CC|BPF)\s+(\S+\.o)$", res.stdout, re.M)}


def check_rebuilds():
    """Touching a header rebuilds what includes it, and nothing else: in a
    scratch tree built against the distribution's libbpf (to be quick),
    the objects make compiles are those whose sources include the header,
    through other headers too, as their #include lines say, and the
    tools' objects whose skeleton a rebuilt BPF object changes.  Each
    header's time is put back afterwards."""
    with tempfile.TemporaryDirectory() as out:
        first = make_scratch(out)
        built = {os.path.basename(p) for p in glob.glob(out + "/*.o")}
        check("a first build compiles every object (%d)" % len(first),
              first == built and len(built) > 20)
        check("a second build compiles nothing", not make_scratch(out))
        for header in REBUILD_HEADERS:
            path = os.path.join(ROOT, header)
            st = os.stat(path)
            os.utime(path)
            try:
                got = make_scratch(out)
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
              not make_scratch(out))


def main():
    builtins = shell_builtins()
    base = essential()
    with tempfile.TemporaryDirectory() as out:
        check_committed_header(out)
        for args, options in TARGETS:
            check_target(args, options, out, builtins, base)
    check_build_depends(base)
    check_options_documented()
    check_rebuilds()
    print("build: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
