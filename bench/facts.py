#!/usr/bin/env python3
# SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause)
"""bench/facts.py: the figures the docs quote, from the files bench/ writes.

Usage: bench/facts.py write [--in DIR]... [GROUP...]
       bench/facts.py check

Each GROUP is named after the results it reads (bench/GROUP.csv, or for
results the run's results.csv and results.txt) and writes, beside them:

  GROUP.facts        one figure a line, tab-separated: name, value as the
                     docs print it, how it was computed.  A doc quotes it as
                     <!-- gen: value NAME --> (tools/gen-docs).
  TABLE.table.csv    each table of the group, its cells as the docs print
                     them; a doc shows it as <!-- gen: table bench/TABLE.table.csv -->.

A figure is a template over one row of a CSV file, or a formula over
several rows.  A template is Python's str.format over the row's columns,
with these specs besides Python's own: M (events per second in millions:
0.12 M, 4.5 M), KiB (bytes in KiB), % (a whole percentage), "," (a whole
number in thousands: 20,000); with a spec, an empty or "-" cell is "-".

write reads each input from the first DIR that has it (bench/ when no --in)
and writes into the first DIR; every group when none is named.  A figure
or table that cannot be computed (a row missing) is left out, with a
warning.  The bench/ scripts call it at their end (write_facts, in
bench/lib.sh); run it after editing this file.  check says which of
bench/'s facts and tables differ from what bench/'s results give, exit 1.
"""
import csv
import io
import os
import re
import string
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VARIANTS = ["perfbuf-output", "ringbuf-output", "ringbuf-reserve-submit",
            "ringbuf-reserve-dynptr"]


class FactError(Exception):
    pass


# ---------------------------------------------------------------- formats

def mps(x):
    """Events per second, in millions: 0.12 M, 4.5 M, 19.6 M."""
    m = x / 1e6
    return f"{m:.2f} M" if m < 1 else f"{m:.1f} M"


def thousands(x):
    return f"{int(x):,}"


def size_text(n):
    for shift, unit in ((30, "GiB"), (20, "MiB")):
        if n >= 1 << shift and n % (1 << shift) == 0:
            return f"{n >> shift} {unit}"
    return f"{n >> 10} KiB"


def span(values, spec):
    """The range of values: "1.2-1.5", "-3 to 4", or one value."""
    lo, hi = min(values) + 0.0, max(values) + 0.0  # no "-0.00"
    a, b = format(lo, spec), format(hi, spec)
    if a == b:
        return a
    return f"{a} to {b}" if lo < 0 else f"{a}-{b}"


class Cells(string.Formatter):
    def get_value(self, key, args, row):
        if key not in row or row[key] is None:
            raise FactError(f"no column {key!r}")
        return row[key]

    def format_field(self, value, spec):
        if not spec:
            return str(value)
        if value in ("", "-"):
            return "-"
        try:
            x = float(value)
        except ValueError:
            raise FactError(f"{value!r} is not a number") from None
        special = {"M": mps, "KiB": lambda x: f"{x / 1024:.0f}",
                   "%": lambda x: f"{x:.0f}%", ",": thousands}
        return special[spec](x) if spec in special else format(x, spec)


def cell(template, row):
    return Cells().format(template, **row)


# ---------------------------------------------------------------- inputs

class Inputs:
    """The results, each read from the first folder that has it."""

    def __init__(self, dirs):
        self.dirs, self.cache = dirs, {}

    def text(self, name):
        if name not in self.cache:
            for d in self.dirs:
                path = os.path.join(d, name)
                if os.path.exists(path):
                    with open(path, newline="") as f:
                        self.cache[name] = f.read()
                    break
            else:
                raise FactError(f"no bench/{name}")
        return self.cache[name]

    def csv(self, name, **where):
        """The rows of name, those with the column values where says."""
        rows = list(csv.DictReader(io.StringIO(self.text(name))))
        return [r for r in rows
                if all(r.get(k) == v for k, v in where.items())]

    def row(self, name, **where):
        rows = self.csv(name, **where)
        if len(rows) != 1:
            what = " ".join(f"{k}={v}" for k, v in where.items())
            raise FactError(f"bench/{name}: {len(rows)} rows of {what}")
        return rows[0]


def num(row, column):
    try:
        return float(row[column])
    except (KeyError, TypeError, ValueError):
        raise FactError(f"{column} is {row.get(column)!r}, not a number") \
            from None


def variant_default(variant):
    """A tool's buffer without --buffer-size (--pages), from its source."""
    path = os.path.join(ROOT, "src", variant + ".c")
    try:
        with open(path) as f:
            text = f.read()
    except OSError as e:
        raise FactError(f"src/{variant}.c: {e.strerror}") from None
    m = re.search(r"\.perf_pages\s*=\s*(\d+)", text)
    if m:
        return f"{m.group(1)} pages"
    m = re.search(r"\.ring_size\s*=\s*(\d+)\s*<<\s*(\d+)", text)
    if m:
        return size_text(int(m.group(1)) << int(m.group(2)))
    raise FactError(f"src/{variant}.c: no .perf_pages nor .ring_size")


def variant_bytes(variant):
    n, unit = variant_default(variant).split()
    return int(n) << {"MiB": 20, "KiB": 10}[unit]


# ---------------------------------------------------------------- results: bench/run-matrix

MECHANISM = {"empty": "empty program (baseline)",
             "bare": "no program (baseline)", "perfbuf": "perf buffer",
             "rb-output": "ring buffer, output",
             "rb-reserve": "ring buffer, reserve/submit"}


def wakeup_text(r):
    perf, n = r["mechanism"] == "perfbuf", r["threshold"]
    return {"per-event": "per-event: every record (default)" if perf
            else "per-event: the kernel's adaptive wakeup (default)",
            "batched": f"batched: every {n} records (`wakeup_events`)" if perf
            else f"batched: forced once {n} records are pending",
            "busy": "busy: none, the consumer polls",
            "crossing": f"crossing: once every {n} records written "
            "(the tracers')"}.get(r["wakeup"], "-")


def rings_text(r):
    value = r["rings"]
    if value == "-":
        return "its own, per CPU" if r["mechanism"] == "perfbuf" else "-"
    return {"shared": "one, shared", "per-cpu": "one per CPU"}.get(
        value, f"{value}, by producer")


def results(d, experiment):
    """The lines of one experiment, with their mechanism, wakeup and rings
    in words, and left: what a line without consumer left in the buffer."""
    rows = d.csv("results.csv", experiment=experiment)
    if not rows:
        raise FactError(f"bench/results.csv: no {experiment!r} rows")
    for r in rows:
        r.update(mechanism_text=MECHANISM.get(r["mechanism"], r["mechanism"]),
                 wakeup_text=wakeup_text(r), rings_text=rings_text(r),
                 left="-" if r["mechanism"] == "empty" else
                 thousands(num(r, "delivered") / num(r, "runs")))
    return rows


def run_header(d):
    text = d.text("results.txt")
    m = re.search(r"^machine: Linux (\S+) (\S+), (\d+) CPUs: (.*)$", text,
                  re.M)
    if not m:
        raise FactError("bench/results.txt: no 'machine:' line")
    info = {"kernel": re.match(r"\d+\.\d+", m.group(1)).group(0),
            "cpus": m.group(3), "cpu": m.group(4).strip()}
    for key, pattern in (("date", r"^ringbuf-bench results, (\S+)"),
                         ("libbpf", r"^(?:ringbuf-bench \S+ \()?libbpf "
                                    r"(\d+\.\d+)"),
                         ("seconds", r"^make bench took (\d+) s")):
        m = re.search(pattern, text, re.M)
        info[key] = m.group(1) if m else "?"
    return info


def mech_rate(d, mechanism, mode):
    return num(d.row("results.csv", experiment="mechanisms",
                     mechanism=mechanism, consumer="libbpf", wakeup=mode),
               "events_per_s")


def harness_cost(r):
    """CPU ns per record: the producer's (its trigger's system call
    included) and the consumer's; None when the consumer delivered none."""
    producer = num(r, "producer_cpu_ns_per_trigger") / num(r, "batch")
    if r["consumer"] == "none":
        return producer
    if r["consumer_cpu_ns_per_record"] == "":
        return None
    return producer + num(r, "consumer_cpu_ns_per_record")


def harness_pairs(d):
    """Each configuration of the harness experiment: its checked line, its
    counted line, and the share the harness adds to the CPU per record."""
    lines = {}
    for r in results(d, "harness"):
        if r["mechanism"] != "empty":
            key = tuple(r[k] for k in ("mechanism", "consumer", "wakeup",
                                       "rings", "size", "batch"))
            lines.setdefault(key, {})[r["harness"]] = r
    pairs = []
    for key, by in lines.items():
        if set(by) != {"check", "count"}:
            raise FactError(f"bench/results.csv: harness {' '.join(key)} "
                            f"has {sorted(by)}, not check and count")
        a, b = harness_cost(by["check"]), harness_cost(by["count"])
        share = None if a is None or b is None else a / b - 1
        pairs.append((by["check"], by["count"], share))
    return pairs


def rate_gap(check, count):
    """The checked rate over the counted one, less 1 (None if that is 0),
    and whether they differ by no more than their spreads added."""
    a, b = num(check, "events_per_s"), num(count, "events_per_s")
    noise = num(check, "events_per_s_sd") + num(count, "events_per_s_sd")
    return (a / b - 1 if b else None), abs(a - b) <= noise


def harness_rows(d):
    out = []
    for check, count, share in harness_pairs(d):
        cost = added = rates = gap = "-"
        if share is not None:
            a, b = harness_cost(check), harness_cost(count)
            cost, added = f"{a:.0f} / {b:.0f}", f"{a - b:+.0f} ({share:+.0%})"
        if check["consumer"] != "none":
            rates = cell("{events_per_s:M} / ", check) + \
                cell("{events_per_s:M}", count)
            if share is not None:
                diff, noise = rate_gap(check, count)
                gap = "-" if diff is None else f"{diff:+.0%}"
                gap += ", within noise" if noise else ""
        out.append([MECHANISM[check["mechanism"]], check["consumer"],
                    check["wakeup_text"], check["batch"], cost, added, rates,
                    gap])
    return out


def harness_shares(d):
    return sorted(s for _, _, s in harness_pairs(d) if s is not None)


def harness_median(d):
    s = harness_shares(d)
    n = len(s)
    return (f"{(s[(n - 1) // 2] + s[n // 2]) / 2:+.0%} (from {s[0]:+.0%} "
            f"to {s[-1]:+.0%}, {n} configurations)")


def headline_rate(d, r):
    """libbpf's rate, and the batched consumer's beside reserve/submit's."""
    rate = cell("{events_per_s:M}", r)
    if r["mechanism"] == "rb-reserve" and r["wakeup"] == "batched":
        c = d.row("results.csv", experiment="mechanisms",
                  mechanism="rb-reserve", consumer="custom", wakeup="batched")
        rate += cell(" ({events_per_s:M} batched consumer)", c)
    return dict(r, rate=rate)


# What each step of bench/run-matrix is for; its command comes from
# results.txt, so that the table says what ran.
STEPS = {
    "mechanisms": "every mechanism, consumer and wakeup mode, with both "
                  "baselines",
    "batch": "throughput and added cost against the batch size",
    "topology": "the ring topologies beside the perf buffer, one producer "
                "per CPU",
    "reservation": "the same producers without consumer: the reservation "
                   "path alone",
    "harness": "what the benchmark's own harness costs, against the kernel "
               "benchmark's",
    "wakeup-rules": "the two rules of batched wakeups, side by side",
    "ordering": "ordering, with the real tracers",
    "memory": "memory, with the real tracers",
    "tracing-cost": "the tracing tax, beside the peers",
    "bpf-cost": "what the BPF programs cost",
    "bpf-parts": "what each part of them costs",
    "wakeup-losses": "losses in each wakeup mode",
}
STEP_WRITES = {"memory": ["event-bytes.csv", "memory.csv"],
               "ordering": ["ordering.csv"]}


def steps_rows(d):
    """Each step of results.txt: a synthetic step's heading is its
    ringbuf-bench command, a claim step's first "$ " line its script's."""
    text, rows = d.text("results.txt"), []
    for m in re.finditer(r"^== ([a-z-]+): (.*)$", text, re.M):
        step, command = m.group(1), m.group(2)
        if step not in STEPS:
            raise FactError(f"bench/results.txt: step {step}: describe it "
                            "in STEPS of bench/facts.py")
        if command.startswith("ringbuf-bench "):
            writes = f"`bench/results.csv` (experiment `{step}`)"
        else:
            c = re.compile(r"^\$ (.*)$", re.M).search(text, m.end())
            nxt = text.find("\n== ", m.end())
            if not c or (nxt != -1 and c.start() > nxt):
                raise FactError(f"bench/results.txt: step {step} has no "
                                "'$ ' command line")
            command = c.group(1)
            writes = ", ".join(f"`bench/{f}`" for f in
                               STEP_WRITES.get(step, [step + ".csv"]))
        rows.append([f"`{step}`", STEPS[step], f"`{command}`", writes])
    return rows


def templated(columns, rows_of):
    """A table of one row per row of rows_of(d), a template per column."""
    return ([h for h, _ in columns],
            lambda d: [[cell(t, r) for _, t in columns] for r in rows_of(d)])


MECH = [("mechanism", "{mechanism_text}")]
RESULTS = {
    "facts": [
        ("run", "bench/results.txt: the machine: line, the libbpf version "
         "and the date", lambda d: "{cpus} CPUs ({cpu}), Linux {kernel}, "
         "libbpf {libbpf}, {date}".format(**run_header(d))),
        ("run-seconds", "bench/results.txt: make bench took N s",
         lambda d: run_header(d)["seconds"]),
        ("cpus", "bench/results.txt: the machine: line's CPUs",
         lambda d: run_header(d)["cpus"]),
        ("perfbuf-per-record", "mechanisms, perfbuf libbpf per-event: "
         "events_per_s", lambda d: mps(mech_rate(d, "perfbuf", "per-event"))),
        ("forced-gain", "mechanisms, libbpf consumer: events_per_s batched "
         "over per-event, rb-output and rb-reserve, range",
         lambda d: span([mech_rate(d, m, "batched") /
                         mech_rate(d, m, "per-event")
                         for m in ("rb-output", "rb-reserve")], ".1f")),
        ("topology-producers", "topology: producers of its first line",
         lambda d: results(d, "topology")[0]["producers"]),
        ("harness-share", "harness: CPU ns per record (producer_cpu_ns_per_"
         "trigger / batch + consumer_cpu_ns_per_record), checked over "
         "counted less 1, median and range over the configurations",
         harness_median),
        ("harness-within", "harness: configurations whose share is at most "
         "+10%", lambda d: f"{sum(s <= 0.10 for s in harness_shares(d))} "
         f"of {len(harness_shares(d))}"),
        ("harness-producer", "harness: the share without consumer, range",
         lambda d: span([s for c, _, s in harness_pairs(d)
                         if c["consumer"] == "none"], "+.0%")),
        ("harness-libbpf-noise", "harness, libbpf consumer: checked "
         "events_per_s within the two lines' events_per_s_sd added of the "
         "counted", lambda d: "{} of {}".format(*(lambda n: (sum(n), len(n)))(
             [rate_gap(c, n)[1] for c, n, s in harness_pairs(d)
              if c["consumer"] == "libbpf" and s is not None]))),
    ],
    "rows": [
        (lambda d: results(d, "topology") + results(d, "reservation"),
         "result {experiment} {mechanism} {rings} {wakeup} " + column,
         "{%s%s}" % (column, ":M" if column.endswith("_per_s") else ":.0f"))
        for column in ("events_per_s", "drops_per_s", "added_ns_per_record")
    ],
    "tables": {
        "steps": (["step", "what", "command, as run", "writes"], steps_rows),
        "mechanisms": templated(MECH + [
            ("consumer", "{consumer}"), ("wakeup", "{wakeup_text}"),
            ("events/s", "{events_per_s:M}"), ("drops/s", "{drops_per_s:M}"),
            ("ns per trigger", "{ns_per_trigger:.0f}"),
            ("ns added per record", "{added_ns_per_record:.0f}"),
            ("consumer CPU", "{consumer_cpu_pct:%}"),
            ("latency p50 / p99 / p99.9 (µs)", "{latency_p50_us:.1f} / "
             "{latency_p99_us:.0f} / {latency_p999_us:.0f}"),
            ("buffer KiB", "{buffer_bytes:KiB}")],
            lambda d: results(d, "mechanisms")),
        "headline-bench": templated(MECH + [
            ("wakeup", "{wakeup_text}"), ("events/s", "{rate}"),
            ("ns added per record", "{added_ns_per_record:.0f}")],
            lambda d: [headline_rate(d, r) for r in results(d, "mechanisms")
                       if r["consumer"] == "libbpf" and
                       r["wakeup"] in ("per-event", "batched")]),
        "batch": templated(MECH + [
            ("consumer", "{consumer}"), ("wakeup", "{wakeup_text}"),
            ("records per trigger", "{batch}"),
            ("events/s", "{events_per_s:M}"),
            ("ns added per record", "{added_ns_per_record:.0f}"),
            ("latency p99 (µs)", "{latency_p99_us:.0f}")],
            lambda d: results(d, "batch")),
        "topology": templated(MECH + [
            ("rings", "{rings_text}"), ("wakeup", "{wakeup_text}"),
            ("events/s", "{events_per_s:M}"), ("drops/s", "{drops_per_s:M}"),
            ("ns added per record", "{added_ns_per_record:.0f}"),
            ("consumer CPU", "{consumer_cpu_pct:%}"),
            ("latency p50 / p99 (µs)",
             "{latency_p50_us:.1f} / {latency_p99_us:.0f}"),
            ("buffer KiB", "{buffer_bytes:KiB}")],
            lambda d: results(d, "topology")),
        "reservation": templated(MECH + [
            ("rings", "{rings_text}"),
            ("attempts/s, all refused", "{drops_per_s:M}"),
            ("ns added per attempt", "{added_ns_per_record:.0f}"),
            ("left in the buffer at the end", "{left}"),
            ("buffer KiB", "{buffer_bytes:KiB}")],
            lambda d: results(d, "reservation")),
        "harness": (["mechanism", "consumer", "wakeup", "records per trigger",
                     "CPU ns per record, checked / counted",
                     "the harness, ns per record",
                     "events/s, checked / counted", "rate difference"],
                    harness_rows),
        "wakeup-rules": templated(MECH + [
            ("consumer", "{consumer}"), ("wakeup", "{wakeup_text}"),
            ("records per trigger", "{batch}"),
            ("events/s", "{events_per_s:M}"), ("drops/s", "{drops_per_s:M}"),
            ("ns added per record", "{added_ns_per_record:.0f}"),
            ("consumer CPU", "{consumer_cpu_pct:%}"),
            ("latency p99 (µs)", "{latency_p99_us:.0f}")],
            lambda d: [r for r in results(d, "wakeup-rules")
                       if r["mechanism"] != "empty"]),
    },
}


# ---------------------------------------------------------------- the tracers: bench/tracing-cost, ordering-storm, memory

PEERS = {"execsnoop": "`execsnoop` (exec only)",
         "exitsnoop": "`exitsnoop` (exit only)",
         "bpftrace": "`bpftrace` (exec only)"}
# Before the time order (--ordered), the perf buffer's tool printed in
# the order it read: the same work now is --unordered.
SAME_WORK_AS_REV = {"perfbuf-output": "perfbuf-output --unordered"}


def ours(d, wakeup):
    """The four tools' lines of tracing-cost.csv in one wakeup mode."""
    rows = [r for r in d.csv("tracing-cost.csv", wakeup=wakeup)
            if r["tracer"] in VARIANTS]
    if len(rows) != len(VARIANTS):
        raise FactError(f"bench/tracing-cost.csv: not every tool has a "
                        f"{wakeup} line")
    return rows


def ours_span(wakeup, column, spec):
    return lambda d: span([num(r, column) for r in ours(d, wakeup)], spec)


def per_tool(d, f):
    """f(per-event line, batched line) for each of the four tools."""
    pe = {r["tracer"]: r for r in ours(d, "per-event")}
    return [f(pe[r["tracer"]], r) for r in ours(d, "batched")]


def rev_rows(d):
    """The batched TOOL@REV lines of tracing-cost.csv (--rev), by tool."""
    rows = {r["tracer"].split("@")[0]: r
            for r in d.csv("tracing-cost.csv", wakeup="batched")
            if "@" in r["tracer"]}
    if not rows:
        raise FactError("bench/tracing-cost.csv: no TOOL@REV rows (--rev)")
    return rows


def cpu_vs_rev(d):
    return span([num(d.row("tracing-cost.csv", wakeup="batched",
                           tracer=SAME_WORK_AS_REV.get(t, t)),
                     "tracer_cpu_us_per_event") /
                 num(was, "tracer_cpu_us_per_event")
                 for t, was in rev_rows(d).items()], ".2f")


def captured(d):
    missed = sum(num(r, "expected") - num(r, "captured")
                 for r in d.csv("tracing-cost.csv") if r["tracer"] != "none")
    return "every tool captured every one" if missed == 0 else \
        f"{thousands(missed)} events were not captured in all"


def peers_slowdown(d):
    rows = [r for r in d.csv("tracing-cost.csv") if r["tracer"] in PEERS]
    return span([num(r, "slowdown") for r in rows], ".1f") if rows \
        else "(no peer was installed)"


def tracing_cost_rows(d):
    out = []
    for r in d.csv("tracing-cost.csv"):
        tool, wakeup = r["tracer"], r["wakeup"]
        if tool == "none":
            out.append(["no tracer", "", cell("1.000 ({wall_us_per_process:"
                                              ".1f} µs per process)", r),
                        "", "", "", ""])
            continue
        mode = {"per-event": "per event", "batched": "batched",
                "-": "per event" if tool in ("execsnoop", "exitsnoop")
                else ""}.get(wakeup, wakeup)
        cells = [PEERS.get(tool, f"`{tool}`"), mode] + [cell(t, r) for t in (
            "{slowdown:.3f} ({slowdown_q1:.3f}-{slowdown_q3:.3f})",
            "{added_us_per_process:.2f}", "{tracer_cpu_us_per_event:.2f} µs",
            "{captured:,} of {expected:,}")]
        cells.append("" if r["latency_p50_ms"] in ("", "-") else
                     cell("{latency_p50_ms:.2g} / {latency_p99_ms:.2g} ms", r))
        if (tool, wakeup) == ("ringbuf-reserve-submit", "batched"):
            cells[1] = "batched (default)"
            cells = [f"**{c}**" if c else c for c in cells]
        out.append(cells)
    return out


TRACING_COST = {
    "facts": [
        ("no-tracer-us", "the none line: wall_us_per_process",
         lambda d: cell("{wall_us_per_process:.1f}",
                        d.row("tracing-cost.csv", tracer="none"))),
        ("per-event-slowdown", "the four tools per-event: slowdown, range",
         ours_span("per-event", "slowdown", ".1f")),
        ("batched-slowdown", "the four tools batched: slowdown, range",
         ours_span("batched", "slowdown", ".2f")),
        ("peers-slowdown", "execsnoop, exitsnoop, bpftrace: slowdown, range",
         peers_slowdown),
        ("per-event-added-us", "the four tools per-event: "
         "added_us_per_process, range",
         ours_span("per-event", "added_us_per_process", ".2f")),
        ("batched-added-us", "the four tools batched: added_us_per_process, "
         "range", ours_span("batched", "added_us_per_process", ".2f")),
        ("cpu-factor", "each tool's tracer_cpu_us_per_event per-event over "
         "batched, range", lambda d: span(per_tool(d, lambda pe, b: num(
             pe, "tracer_cpu_us_per_event") /
             num(b, "tracer_cpu_us_per_event")), ".0f")),
        ("tax-removed", "the least of 1 - added_us_per_process batched over "
         "per-event, of the four tools", lambda d: "{:.0f}%".format(min(
             per_tool(d, lambda pe, b: 1 - num(b, "added_us_per_process") /
                      num(pe, "added_us_per_process"))) * 100)),
        ("cpu-vs-rev", "batched tracer_cpu_us_per_event of each tool over "
         "its TOOL@REV line's (perfbuf-output's: of --unordered), range",
         cpu_vs_rev),
        ("cost-rev", "the REV of the TOOL@REV lines",
         lambda d: next(iter(rev_rows(d).values()))["tracer"].split("@")[1]),
        ("batched-p99", "the four tools batched: latency_p99_ms, range",
         lambda d: span([num(r, "latency_p99_ms")
                         for r in ours(d, "batched")], ".0f") + " ms"),
        ("captured", "expected - captured, summed over every tracer",
         captured),
    ],
    "rows": [(lambda d: d.csv("tracing-cost.csv"), name + " {wakeup} "
              "{tracer}", value) for name, value in (
                  ("slowdown", "{slowdown:.3f}"),
                  ("cpu", "{tracer_cpu_us_per_event:.2f}"),
                  ("p50", "{latency_p50_ms:.2g}"))],
    "tables": {"tracing-cost": (
        ["tool", "wakeup", "slowdown (quartiles)", "µs added per process",
         "tracer CPU per event", "events captured", "latency p50 / p99"],
        tracing_cost_rows)},
}

ORDERING = {
    "facts": [
        ("ordering-perfbuf", "perfbuf-output --unordered: exit_before_exec "
         "of processes", lambda d: cell("{exit_before_exec} of {processes}",
                                        d.row("ordering.csv", tracer="perf"
                                              "buf-output --unordered"))),
        ("ordering-ringbuf", "the three ring buffer tools: exit_before_exec, "
         "range", lambda d: span([num(r, "exit_before_exec") for r in
                                  d.csv("ordering.csv") if r["tracer"] in
                                  VARIANTS[1:]], ".0f")),
        ("ordering-perfbuf-ordered", "perfbuf-output: exit_before_exec of "
         "processes", lambda d: cell("{exit_before_exec} of {processes}",
                                     d.row("ordering.csv",
                                           tracer="perfbuf-output"))),
        ("ordering-processes", "perfbuf-output: processes",
         lambda d: d.row("ordering.csv", tracer="perfbuf-output")
         ["processes"]),
    ],
    "rows": [(lambda d: d.csv("ordering.csv"), "ordering {tracer}",
              "{exit_before_exec} of {processes}"),
             (lambda d: d.csv("ordering.csv"), "late {tracer}", "{late}")],
    "tables": {"ordering": templated(
        [("tool", "`{tracer}`"), ("processes", "{processes}"),
         ("EXIT before its EXEC", "{exit_before_exec}"), ("lost", "{lost}"),
         ("counted late (in time order)", "{late_text}")],
        lambda d: [dict(r, late_text="not in time order" if r["late"] == "-"
                        else r["late"]) for r in d.csv("ordering.csv")])},
}

EVENT_BYTES = {
    "facts": [
        ("reserve-memory-factor", "mean_bytes of ringbuf-reserve-submit over "
         "ringbuf-output's", lambda d: "{:.0f}".format(
             num(d.row("event-bytes.csv", variant="ringbuf-reserve-submit"),
                 "mean_bytes") /
             num(d.row("event-bytes.csv", variant="ringbuf-output"),
                 "mean_bytes"))),
        ("execs", "execs of the first line",
         lambda d: d.csv("event-bytes.csv")[0]["execs"]),
    ],
}


def smallest(r):
    """The smallest buffer for the burst: a size, or perf's --pages N."""
    total = num(r, "buffer_bytes")
    if not r["option"].startswith("--pages"):
        return size_text(int(total))
    cpus = round(total / (num(r, "smallest_buffer") * 4096))
    return f"`{r['option']}` ({size_text(int(total))} on {cpus} CPUs)"


def tools(d):
    """One row per tool: its lines of the tracer experiments, joined."""
    out = []
    for v in VARIANTS:
        r = {"variant": v, "default": variant_default(v)}
        for name, key in (("event-bytes.csv", "variant"),
                          ("memory.csv", "variant")):
            r.update(d.row(name, **{key: v}))
        r["smallest"] = smallest(r)
        out.append(r)
    return out


def memory_64(d):
    """What each topology of each tool takes at 64 CPUs, at its default."""
    out = []
    for v in VARIANTS:
        if v.startswith("perfbuf"):
            pages = int(variant_default(v).split()[0])
            out.append([f"`{v}`", "-", f"{size_text(64 * pages * 4096)} "
                        f"({pages} pages of 4 KiB on each CPU)", "-"])
        else:
            size = variant_bytes(v)
            out.append([f"`{v}`", size_text(size), size_text(64 * size),
                        size_text(4 * size)])
    return out


MEMORY = {
    "rows": [(lambda d: [{"variant": v, "default": variant_default(v)}
                         for v in VARIANTS], "default-buffer {variant}",
              "{default}", "src/{variant}.c: .perf_pages, or .ring_size in "
              "bytes")],
    "tables": {
        "memory": templated(
            [("tool", "`{variant}`"),
             ("bytes per EXEC, mean", "{mean_bytes:.0f}"),
             ("worst", "{worst_bytes:.0f}"),
             ("smallest buffer for the burst", "{smallest}"),
             ("default", "{default}")], tools),
        "memory-64": (["tool", "shared (the default)", "one per CPU",
                       "`--rings 4`"], memory_64),
    },
}


def headline_rows(d):
    out = []
    for r in tools(d):
        v = r["variant"]
        o = d.row("ordering.csv", tracer=v)
        order = cell("{exit_before_exec} of {processes}", o)
        if v.startswith("perfbuf"):
            u = d.row("ordering.csv", tracer=v + " --unordered")
            order = cell("{exit_before_exec} of {processes} as read, ", u) + \
                order + " in time order (its default)"
        pe, ba, b = (d.row("tracing-cost.csv", tracer=v, wakeup="per-event"),
                     d.row("tracing-cost.csv", tracer=v, wakeup="batched"),
                     d.row("bpf-cost.csv", tracer=v))
        out.append([f"`{v}`", order, cell("{mean_bytes:.0f}", r),
                    r["smallest"], cell("{slowdown:.2f} / ", pe) +
                    cell("{slowdown:.2f}", ba),
                    cell("{exec_ns:.0f} / {exit_ns:.0f}", b)])
    return out


HEADLINE = {
    "tables": {"headline": (
        lambda d: ["tool", "EXIT before its EXEC", "bytes per EXEC (mean)",
                   "smallest buffer for a {}-process burst".format(
                       d.csv("memory.csv")[-1]["burst_processes"]),
                   "exec storm slowdown, per event / batched",
                   "BPF ns per exec / exit"], headline_rows)},
}


# ---------------------------------------------------------------- the programs: bench/bpf-cost, bpf-parts

def bpf(d, tracer, column):
    return num(d.row("bpf-cost.csv", tracer=tracer), column)


def rev_growth(d):
    """Each tool's per_process_ns over its TOOL@REV line's, less 1."""
    rows = {r["tracer"]: r for r in d.csv("bpf-cost.csv")}
    out = {}
    for v in VARIANTS:
        old = [k for k in rows if k.startswith(v + "@")]
        if v not in rows or not old:
            raise FactError(f"bench/bpf-cost.csv: no {v} or {v}@REV row")
        out[v] = num(rows[v], "per_process_ns") / \
            num(rows[old[0]], "per_process_ns") - 1
    return out


def rev_bound(n):
    return f"{n} of the four do not hold it" if n else "all four hold it"


def send(d, row, before):
    """What row's exec and exit programs cost over before's."""
    return (f"{bpf(d, row, 'exec_ns') - bpf(d, before, 'exec_ns'):.0f} ns in "
            f"exec, {bpf(d, row, 'exit_ns') - bpf(d, before, 'exit_ns'):.0f}"
            " ns in exit")


def bpf_cost_rows(d):
    """bpf-cost.csv, with a tool's TOOL@REV line and the change since."""
    rows = d.csv("bpf-cost.csv")
    for r in rows:
        old = [o for o in rows if o["tracer"].startswith(r["tracer"] + "@")]
        r["before"] = "" if not old else "{:.0f} ns ({:+.0f}%)".format(
            num(old[0], "per_process_ns"), (num(r, "per_process_ns") /
                                            num(old[0], "per_process_ns") -
                                            1) * 100)
        r["other"] = "" if r.get("other_programs", "-") in ("-", "", None) \
            else r["other_programs"]
    return rows


BPF_COST = {
    "facts": [
        ("reserve-bpf-per-process", "ringbuf-reserve-submit: exec_ns + "
         "exit_ns, in µs", lambda d: "{:.1f} µs".format((bpf(
             d, "ringbuf-reserve-submit", "exec_ns") + bpf(
             d, "ringbuf-reserve-submit", "exit_ns")) / 1000)),
        ("bpf-rev-growth", "each tool's per_process_ns over its TOOL@REV "
         "line's, less 1", lambda d: ", ".join(
             f"`{v}` {g * 100:+.0f}%" for v, g in rev_growth(d).items())),
        ("bpf-rev-bound", "how many tools grew more than 20% since TOOL@REV",
         lambda d: rev_bound(sum(g > 0.2 for g in rev_growth(d).values()))),
        ("reserve-floor-factor", "ringbuf-reserve-submit: floor_factor",
         lambda d: f"{bpf(d, 'ringbuf-reserve-submit', 'floor_factor'):.1f}"),
        ("send-floor-factor", "floor ringbuf: floor_factor",
         lambda d: f"{bpf(d, 'floor ringbuf', 'floor_factor'):.1f}"),
        ("first-send", "exec_ns and exit_ns of floor ringbuf less floor "
         "nop's", lambda d: send(d, "floor ringbuf", "floor nop")),
        ("second-send", "exec_ns and exit_ns of floor ringbuf-twice less "
         "floor ringbuf's",
         lambda d: send(d, "floor ringbuf-twice", "floor ringbuf")),
        ("reserve-rev-ratio", "ringbuf-reserve-submit's per_process_ns over "
         "its TOOL@REV line's", lambda d: "{:.2f}".format(
             rev_growth(d)["ringbuf-reserve-submit"] + 1)),
    ],
    "rows": [(lambda d: d.csv("bpf-cost.csv"), "bpf-exec {tracer}",
              "{exec_ns:.0f} ns"),
             (lambda d: d.csv("bpf-cost.csv"), "bpf-process {tracer}",
              "{per_process_ns:.0f} ns")],
    "tables": {"bpf-cost": templated(
        [("configuration", "`{tracer}`"), ("exec", "{exec_ns:.0f} ns"),
         ("exit", "{exit_ns:.0f} ns"),
         ("per process", "{per_process_ns:.0f} ns"),
         ("its range", "{per_process_min:.0f}-{per_process_max:.0f}"),
         ("before (TOOL@REV), change", "{before}"),
         ("times doing nothing", "{floor_factor:.1f}"),
         ("other programs (mean, runs per process)", "{other}")],
        bpf_cost_rows)},
}

BPF_PARTS = {
    "rows": [(lambda d: d.csv("bpf-parts.csv"), "part {tool} {part}",
              "{part_ns:.0f} ns")],
    "tables": {"bpf-parts": templated(
        [("tool", "`{tool}`"), ("part removed", "{part}"),
         ("saved per process", "{part_ns:.0f} ns"),
         ("per exec", "{part_exec_ns:.0f} ns"),
         ("per exit", "{part_exit_ns:.0f} ns"),
         ("whole / without it (medians)",
          "{whole_ns:.0f} / {without_ns:.0f} ns")],
        lambda d: d.csv("bpf-parts.csv"))},
}


# ---------------------------------------------------------------- bench/wakeup-losses, bench/container

WAKEUP_LOSSES = {
    "tables": {"wakeup-losses": templated(
        [("tool", "`{tracer}`"), ("buffer", "{buffer_text}"),
         ("lost, per event", "{per_event_lost}"),
         ("lost, batched", "{batched_lost}")],
        lambda d: [dict(r, buffer_text=r["buffer"] if r["buffer"] ==
                        "default" else f"`{r['buffer']}`")
                   for r in d.csv("wakeup-losses.csv")])},
}


def container(template):
    return lambda d: cell(template, d.row("container.csv"))


CONTAINER = {
    "facts": [
        ("container image", "image_bytes in MB",
         lambda d: "{:.1f} MB".format(num(d.row("container.csv"),
                                           "image_bytes") / 1e6)),
        ("container memory", "memory_peak_bytes in MiB",
         lambda d: "{:.0f} MiB".format(num(d.row("container.csv"),
                                            "memory_peak_bytes") / 2**20)),
        ("container cpu", "cpu_ns_per_event in µs",
         lambda d: "{:.1f} µs".format(num(d.row("container.csv"),
                                           "cpu_ns_per_event") / 1000)),
        ("container events", "storm_events of expected_events",
         container("{storm_events:,} of {expected_events:,}")),
        ("container processes", "processes",
         container("{processes:,}")),
        ("container rounds", "rounds", container("{rounds}")),
    ],
}

# Each group, by the results it reads, and the script that writes them.
GROUPS = {
    "results": (RESULTS, "results.csv and results.txt, of bench/run-matrix"),
    "tracing-cost": (TRACING_COST, "tracing-cost.csv, of bench/tracing-cost"),
    "ordering": (ORDERING, "ordering.csv, of bench/ordering-storm"),
    "event-bytes": (EVENT_BYTES, "event-bytes.csv, of bench/memory"),
    "memory": (MEMORY, "memory.csv and event-bytes.csv, of bench/memory, "
               "and src/*.c"),
    "bpf-cost": (BPF_COST, "bpf-cost.csv, of bench/bpf-cost"),
    "bpf-parts": (BPF_PARTS, "bpf-parts.csv, of bench/bpf-parts"),
    "wakeup-losses": (WAKEUP_LOSSES, "wakeup-losses.csv, of "
                      "bench/wakeup-losses"),
    "container": (CONTAINER, "container.csv, of bench/container"),
    # The README's table: a line of each tracer experiment, per tool.
    "headline": (HEADLINE, "ordering.csv, event-bytes.csv, memory.csv, "
                 "tracing-cost.csv and bpf-cost.csv"),
}


# ---------------------------------------------------------------- writing

def group_files(name, d, warn):
    """{file name: text} of what group name writes; what cannot be
    computed is left out, with a warning."""
    (g, reads), facts = GROUPS[name], []
    for fact, how, compute in g.get("facts", []):
        try:
            facts.append((fact, compute(d), how))
        except (FactError, KeyError, ValueError, ZeroDivisionError) as e:
            warn(f"{name}.facts: no {fact}: {e}")
    for rows_of, name_t, value_t, *how in g.get("rows", []):
        try:
            rows = rows_of(d)
        except FactError as e:
            warn(f"{name}.facts: no {name_t}: {e}")
            continue
        for r in rows:
            try:
                keys = re.findall(r"\{(\w+)\}", name_t)
                facts.append((cell(name_t, r), cell(value_t, r), cell(
                    how[0], r) if how else "the line " + ", ".join(
                        f"{k}={r[k]}" for k in keys) + ": " + value_t))
            except FactError as e:
                warn(f"{name}.facts: {name_t}: {e}")
    out = {}
    if facts:
        out[name + ".facts"] = (
            f"# The figures the docs quote from bench/{reads}; written by "
            "bench/facts.py.\n# name, value, how (tab-separated)\n" + "".join("\t".join(f) + "\n" for f in facts))
    for table, (header, rows_of) in g.get("tables", {}).items():
        try:
            text = io.StringIO()
            w = csv.writer(text, lineterminator="\n")
            w.writerow(header(d) if callable(header) else header)
            w.writerows(rows_of(d))
            out[table + ".table.csv"] = text.getvalue()
        except (FactError, KeyError, ValueError, ZeroDivisionError) as e:
            warn(f"{table}.table.csv: {e}")
    return out


def main(argv):
    args, dirs = argv[1:], []
    cmd = args.pop(0) if args else ""
    while len(args) > 1 and args[0] == "--in":
        dirs.append(args[1])
        args = args[2:]
    unknown = [a for a in args if a not in GROUPS]
    if cmd not in ("write", "check") or unknown or (cmd == "check" and
                                                   (args or dirs)):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    dirs = dirs or [os.path.join(ROOT, "bench")]
    d, problems = Inputs(dirs), []
    for name in args or GROUPS:
        for file, text in group_files(name, d, problems.append).items():
            path = os.path.join(dirs[0], file)
            if cmd == "write":
                with open(path, "w") as f:
                    f.write(text)
                continue
            try:
                with open(path) as f:
                    old = f.read()
            except OSError:
                old = None
            if old != text:
                problems.append(f"bench/{file} is not what bench/'s results "
                                "give: run bench/facts.py write")
    for p in problems:
        print(f"facts.py: {p}", file=sys.stderr)
    return 1 if cmd == "check" and problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
