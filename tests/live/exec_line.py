#!/usr/bin/env python3
"""exec_line.py FORMAT FILE PID MAX_ARGS_BYTES FILENAME ARG...

Checks the EXEC of PID in a tracer's output (FORMAT: text or json), its
last one when it ran several programs (env, then what env ran): its
filename must be FILENAME and its arguments ARG... (argv[0] first), byte
for byte, each cut where the tracer's limits cut (4095 filename bytes,
MAX_ARGS_BYTES of argument area) and marked as cut exactly then; in JSON,
args_count must be the number of ARGs.  Prints what differs; exit 1 then.
"""
import json
import os
import re
import sys

FILENAME_MAX = 4095


def expected(filename, args, max_args):
    """(filename, cut), [(arg, cut)...], missing as the tracer shows:
    missing when arguments after the words shown are not there at all."""
    area = b"".join(a + b"\0" for a in args)
    shown = area[:max_args]
    pieces = shown.split(b"\0")
    words = [(p, False) for p in pieces[:-1]]
    if len(area) > max_args and pieces[-1]:
        words.append((pieces[-1], True))
    return ((filename[:FILENAME_MAX], len(filename) > FILENAME_MAX), words,
            len(words) < len(args))


def read_word(s, i):
    """The word at s[i] of a text line: (bytes, cut, index after it)."""
    out = bytearray()
    quoted = s[i] == "'"
    i += quoted
    while i < len(s):
        c = s[i]
        if quoted and c == "'":
            i += 1
            break
        if not quoted and c == " ":
            break
        if c == "\\":
            nxt = s[i + 1]
            if nxt == "x":
                out.append(int(s[i + 2:i + 4], 16))
                i += 4
                continue
            if nxt not in "\\'":
                raise ValueError(f"bad escape at {i}: {s[i:i + 4]!r}")
            out += nxt.encode()
            i += 2
            continue
        out += c.encode()
        i += 1
    cut = quoted and s.startswith("...", i)
    return bytes(out), cut, i + 3 * cut


def text_words(line):
    """The tail of an EXEC line: [(word, cut)...], and whether a lone "..."
    says that arguments are missing whole."""
    # TIME EXEC COMM PID PPID PCOMM UID EUID, then the words.
    tail = re.match(r"^\S+ EXEC +\S+ +\d+ +\d+ +\S+ +\d+ +\d+ +(.*)$",
                    line).group(1)
    words, i, boundary = [], 0, False
    while i < len(tail):
        if tail.startswith("... ", i) or tail[i:] == "...":
            boundary = True
            i += 4
            continue
        word, cut, i = read_word(tail, i)
        words.append((word, cut))
        i += 1
    return words, boundary


def from_text(path, pid):
    found = None
    for line in open(path, encoding="utf-8"):
        f = line.split()
        if len(f) > 3 and f[1] == "EXEC" and f[3] == str(pid):
            found = line
    if found is None:
        sys.exit(f"no EXEC line for pid {pid}")
    words, boundary = text_words(found.rstrip("\n"))
    return words[0], words[1:], boundary, None


def json_bytes(e, key):
    if key + "_hex" in e:
        return bytes.fromhex(e[key + "_hex"])
    return e[key].encode("utf-8")


def from_json(path, pid):
    e = None
    for line in open(path, encoding="utf-8"):
        event = json.loads(line)
        if event["event"] == "EXEC" and event["pid"] == pid:
            e = event
    if e is None:
        sys.exit(f"no EXEC event for pid {pid}")
    raw = ([bytes.fromhex(a) for a in e["args_hex"]] if "args_hex" in e
           else [a.encode("utf-8") for a in e["args"]])
    # The flags say what was cut: the last argument shown; args_count
    # says whether arguments are missing whole (text's lone "...").
    last_cut = e["last_arg_truncated"]
    if last_cut and not e["args_truncated"]:
        sys.exit("last_arg_truncated without args_truncated")
    missing = e["args_count"] > len(raw)
    if missing and not e["args_truncated"]:
        sys.exit("arguments missing without args_truncated")
    words = [(a, last_cut and i == len(raw) - 1) for i, a in enumerate(raw)]
    return ((json_bytes(e, "filename"), e["filename_truncated"]), words,
            missing, e["args_count"])


def main():
    fmt, path, pid, max_args = sys.argv[1:5]
    filename, *args = (os.fsencode(a) for a in sys.argv[5:])
    want_name, want_words, want_boundary = expected(filename, args,
                                                    int(max_args))
    read = from_text if fmt == "text" else from_json
    name, words, cut, argc = read(path, int(pid))
    got = (name, words, cut)
    want = (want_name, want_words, want_boundary)
    if got != want:
        sys.exit(f"{fmt} shows {got!r}\n     expected {want!r}")
    if argc is not None and argc != len(args):
        sys.exit(f"args_count {argc}, expected {len(args)}")


if __name__ == "__main__":
    main()
