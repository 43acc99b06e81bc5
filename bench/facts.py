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

The figures and tables are the lines of FIGURES below.  write reads each
input from the first DIR that has it (bench/ when no --in) and writes into
the first DIR; every group when none is named.  A figure or table that
cannot be computed (a row missing) is left out, with a warning.  The
bench/ scripts call it at their end (write_facts, in bench/lib.sh); run it
after editing this file.  check says which of bench/'s facts and tables
differ from what bench/'s results give, exit 1.
"""
import csv
import functools
import io
import os
import re
import statistics  # noqa: F401 (the templates' median)
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VARIANTS = ["perfbuf-output", "ringbuf-output", "ringbuf-reserve-submit",
            "ringbuf-reserve-dynptr"]

# One line a figure: NAME | LINES | TEMPLATE.  TEMPLATE is a Python f-string
# whose fields are expressions, and the figure's "how".  LINES is empty (the
# template is over the group), an expression giving one line (the template
# is over its columns, by name) or a list of lines (a figure per line, and
# NAME is a template too).  In an expression, rows(COLUMN=VALUE, ...) is
# the lines of bench/GROUP.csv with those values (a tuple or list: any of
# them), row(...) the one such line, rows('FILE', ...) of bench/FILE.csv;
# line.column is a number when the cell is one; the helpers are the
# methods of Group.  Besides Python's format specs, a cell takes M (events
# per second in millions: 0.12 M, 4.5 M), KiB (bytes in KiB), % (a whole
# percentage), "," (a whole number in thousands: 20,000); with a spec, an
# empty or "-" cell is "-".  A table is "table NAME | LINES", then a line a
# column: "  HEADER | TEMPLATE", or "  HEADER" when LINES gives the cells.
FIGURES = r"""
[results] results.csv and results.txt, of bench/run-matrix
run | | {run().cpus} CPUs ({run().cpu}), Linux {run().kernel}, libbpf {run().libbpf}, {run().date}
run-seconds | | {run().seconds}
cpus | | {run().cpus}
perfbuf-per-record | | {rate('perfbuf', 'per-event'):M}
forced-gain | | {span([rate(m, 'batched') / rate(m, 'per-event') for m in ('rb-output', 'rb-reserve')], '.1f')}
topology-producers | | {rows(experiment='topology')[0].producers}
harness-share | | {statistics.median(shares()):+.0%} (from {min(shares()):+.0%} to {max(shares()):+.0%}, {len(shares())} configurations)
harness-within | | {of([s <= 0.10 for s in shares()])}
harness-producer | | {span([h.share for h in harness() if h.c.consumer == 'none'], '+.0%')}
harness-libbpf-noise | | {of([within_noise(h.c, h.n) for h in harness() if h.c.consumer == 'libbpf' and h.share != ''])}
result {experiment} {mechanism} {rings} {wakeup} events_per_s | rows(experiment=('topology', 'reservation')) | {events_per_s:M}
result {experiment} {mechanism} {rings} {wakeup} drops_per_s | rows(experiment=('topology', 'reservation')) | {drops_per_s:M}
result {experiment} {mechanism} {rings} {wakeup} added_ns_per_record | rows(experiment=('topology', 'reservation')) | {added_ns_per_record:.0f}
table steps | steps()
  step | `{step}`
  what | {STEPS[step]}
  command, as run | `{command}`
  writes | {writes}
table mechanisms | rows(experiment='mechanisms')
  mechanism | {MECHANISM[mechanism]}
  consumer | {consumer}
  wakeup | {wakeup_text(r)}
  events/s | {events_per_s:M}
  drops/s | {drops_per_s:M}
  ns per trigger | {ns_per_trigger:.0f}
  ns added per record | {added_ns_per_record:.0f}
  consumer CPU | {consumer_cpu_pct:%}
  latency p50 / p99 / p99.9 (µs) | {latency_p50_us:.1f} / {latency_p99_us:.0f} / {latency_p999_us:.0f}
  buffer KiB | {buffer_bytes:KiB}
table headline-bench | rows(experiment='mechanisms', consumer='libbpf', wakeup=('per-event', 'batched'))
  mechanism | {MECHANISM[mechanism]}
  wakeup | {wakeup_text(r)}
  events/s | {events_per_s:M}{' (' + format(rate(mechanism, wakeup, 'custom'), 'M') + ' batched consumer)' if (mechanism, wakeup) == ('rb-reserve', 'batched') else ''}
  ns added per record | {added_ns_per_record:.0f}
table batch | rows(experiment='batch')
  mechanism | {MECHANISM[mechanism]}
  consumer | {consumer}
  wakeup | {wakeup_text(r)}
  records per trigger | {batch}
  events/s | {events_per_s:M}
  ns added per record | {added_ns_per_record:.0f}
  latency p99 (µs) | {latency_p99_us:.0f}
table topology | rows(experiment='topology')
  mechanism | {MECHANISM[mechanism]}
  rings | {rings_text(r)}
  wakeup | {wakeup_text(r)}
  events/s | {events_per_s:M}
  drops/s | {drops_per_s:M}
  ns added per record | {added_ns_per_record:.0f}
  consumer CPU | {consumer_cpu_pct:%}
  latency p50 / p99 (µs) | {latency_p50_us:.1f} / {latency_p99_us:.0f}
  buffer KiB | {buffer_bytes:KiB}
table reservation | rows(experiment='reservation')
  mechanism | {MECHANISM[mechanism]}
  rings | {rings_text(r)}
  attempts/s, all refused | {drops_per_s:M}
  ns added per attempt | {added_ns_per_record:.0f}
  left in the buffer at the end | {'-' if mechanism == 'empty' else thousands(delivered / runs)}
  buffer KiB | {buffer_bytes:KiB}
table harness | harness()
  mechanism | {MECHANISM[c.mechanism]}
  consumer | {c.consumer}
  wakeup | {wakeup_text(c)}
  records per trigger | {c.batch}
  CPU ns per record, checked / counted | {'-' if share == '' else f'{cpu_per_record(c):.0f} / {cpu_per_record(n):.0f}'}
  the harness, ns per record | {'-' if share == '' else f'{cpu_per_record(c) - cpu_per_record(n):+.0f} ({share:+.0%})'}
  events/s, checked / counted | {'-' if c.consumer == 'none' else f'{c.events_per_s:M} / {n.events_per_s:M}'}
  rate difference | {'-' if c.consumer == 'none' or share == '' else ('-' if not n.events_per_s else format(c.events_per_s / n.events_per_s - 1, '+.0%')) + (', within noise' if within_noise(c, n) else '')}
table wakeup-rules | [r for r in rows(experiment='wakeup-rules') if r.mechanism != 'empty']
  mechanism | {MECHANISM[mechanism]}
  consumer | {consumer}
  wakeup | {wakeup_text(r)}
  records per trigger | {batch}
  events/s | {events_per_s:M}
  drops/s | {drops_per_s:M}
  ns added per record | {added_ns_per_record:.0f}
  consumer CPU | {consumer_cpu_pct:%}
  latency p99 (µs) | {latency_p99_us:.0f}

[tracing-cost] tracing-cost.csv, of bench/tracing-cost
no-tracer-us | row(tracer='none') | {wall_us_per_process:.1f}
per-event-slowdown | | {span(ours('per-event', 'slowdown'), '.1f')}
batched-slowdown | | {span(ours('batched', 'slowdown'), '.2f')}
peers-slowdown | | {span([r.slowdown for r in rows(tracer=PEERS)], '.1f') if rows(tracer=PEERS) else '(no peer was installed)'}
per-event-added-us | | {span(ours('per-event', 'added_us_per_process'), '.2f')}
batched-added-us | | {span(ours('batched', 'added_us_per_process'), '.2f')}
cpu-factor | | {span([p / b for p, b in zip(ours('per-event', 'tracer_cpu_us_per_event'), ours('batched', 'tracer_cpu_us_per_event'))], '.0f')}
tax-removed | | {min(1 - b / p for p, b in zip(ours('per-event', 'added_us_per_process'), ours('batched', 'added_us_per_process'))) * 100:.0f}%
cpu-vs-rev | | {span([row(wakeup='batched', tracer=SAME_WORK_AS_REV.get(r.tool, r.tool)).tracer_cpu_us_per_event / r.tracer_cpu_us_per_event for r in revs(wakeup='batched')], '.2f')}
cost-rev | | {revs(wakeup='batched')[0].rev}
batched-p99 | | {span(ours('batched', 'latency_p99_ms'), '.0f')} ms
captured | | {'every tool captured every one' if (missed := sum(r.expected - r.captured for r in rows() if r.tracer != 'none')) == 0 else thousands(missed) + ' events were not captured in all'}
slowdown {wakeup} {tracer} | rows() | {slowdown:.3f}
cpu {wakeup} {tracer} | rows() | {tracer_cpu_us_per_event:.2f}
p50 {wakeup} {tracer} | rows() | {latency_p50_ms:.2g}
table tracing-cost | tracing_cost_table()
  tool
  wakeup
  slowdown (quartiles)
  µs added per process
  tracer CPU per event
  events captured
  latency p50 / p99

[ordering] ordering.csv, of bench/ordering-storm
ordering-perfbuf | row(tracer='perfbuf-output --unordered') | {exit_before_exec} of {processes}
ordering-ringbuf | | {span([r.exit_before_exec for r in rows(tracer=VARIANTS[1:])], '.0f')}
ordering-perfbuf-ordered | row(tracer='perfbuf-output') | {exit_before_exec} of {processes}
ordering-processes | row(tracer='perfbuf-output') | {processes}
ordering {tracer} | rows() | {exit_before_exec} of {processes}
late {tracer} | rows() | {late}
table ordering | rows()
  tool | `{tracer}`
  processes | {processes}
  EXIT before its EXEC | {exit_before_exec}
  lost | {lost}
  counted late (in time order) | {'not in time order' if late == '-' else late}

[event-bytes] event-bytes.csv, of bench/memory
reserve-memory-factor | | {row(variant='ringbuf-reserve-submit').mean_bytes / row(variant='ringbuf-output').mean_bytes:.0f}
execs | | {rows()[0].execs}

[memory] memory.csv and event-bytes.csv, of bench/memory, and src/*.c
default-buffer {variant} | src_buffers() | {default}
table memory | tools()
  tool | `{variant}`
  bytes per EXEC, mean | {mean_bytes:.0f}
  worst | {worst_bytes:.0f}
  smallest buffer for the burst | {smallest(r)}
  default | {default}
table memory-64 | src_buffers()
  tool | `{variant}`
  shared (the default) | {'-' if pages else default}
  one per CPU | {f'{size_text(64 * pages * 4096)} ({pages} pages of 4 KiB on each CPU)' if pages else size_text(64 * size)}
  `--rings 4` | {'-' if pages else size_text(4 * size)}

[bpf-cost] bpf-cost.csv, of bench/bpf-cost
reserve-bpf-per-process | row(tracer='ringbuf-reserve-submit') | {(exec_ns + exit_ns) / 1000:.1f} µs
bpf-rev-growth | | {', '.join(f'`{v}` {growth(v) * 100:+.0f}%' for v in VARIANTS)}
bpf-rev-bound | | {f'{n} of the four do not hold it' if (n := sum(growth(v) > 0.2 for v in VARIANTS)) else 'all four hold it'}
reserve-floor-factor | row(tracer='ringbuf-reserve-submit') | {floor_factor:.1f}
send-floor-factor | row(tracer='floor ringbuf') | {floor_factor:.1f}
first-send | | {row(tracer='floor ringbuf').exec_ns - row(tracer='floor nop').exec_ns:.0f} ns in exec, {row(tracer='floor ringbuf').exit_ns - row(tracer='floor nop').exit_ns:.0f} ns in exit
second-send | | {row(tracer='floor ringbuf-twice').exec_ns - row(tracer='floor ringbuf').exec_ns:.0f} ns in exec, {row(tracer='floor ringbuf-twice').exit_ns - row(tracer='floor ringbuf').exit_ns:.0f} ns in exit
reserve-rev-ratio | row(tracer='ringbuf-reserve-submit') | {per_process_ns / before(tracer).per_process_ns:.2f}
sys-exit-run | row(tracer='ringbuf-reserve-submit -x') | {other_programs.split()[1].replace('ns', ' ns')}
bpf-exec {tracer} | rows() | {exec_ns:.0f} ns
bpf-process {tracer} | rows() | {per_process_ns:.0f} ns
table bpf-cost | rows()
  configuration | `{tracer}`
  exec | {exec_ns:.0f} ns
  exit | {exit_ns:.0f} ns
  per process | {per_process_ns:.0f} ns
  its range | {per_process_min:.0f}-{per_process_max:.0f}
  before (TOOL@REV), change | {f'{before(tracer).per_process_ns:.0f} ns ({growth(tracer) * 100:+.0f}%)' if before(tracer) else ''}
  times doing nothing | {floor_factor:.1f}
  other programs (mean, runs per process) | {'' if other_programs in ('-', '') else other_programs}

[bpf-parts] bpf-parts.csv, of bench/bpf-parts
part {tool} {part} | rows() | {part_ns:.0f} ns
table bpf-parts | rows()
  tool | `{tool}`
  part removed | {part}
  saved per process | {part_ns:.0f} ns
  per exec | {part_exec_ns:.0f} ns
  per exit | {part_exit_ns:.0f} ns
  whole / without it (medians) | {whole_ns:.0f} / {without_ns:.0f} ns

[wakeup-losses] wakeup-losses.csv, of bench/wakeup-losses
table wakeup-losses | rows()
  tool | `{tracer}`
  buffer | {buffer if buffer == 'default' else '`' + buffer + '`'}
  lost, per event | {per_event_lost}
  lost, batched | {batched_lost}

[container] container.csv, of bench/container
container image | row() | {image_bytes / 1e6:.1f} MB
container memory | row() | {memory_peak_bytes / 2**20:.0f} MiB
container cpu | row() | {cpu_ns_per_event / 1000:.1f} µs
container events | row() | {storm_events:,} of {expected_events:,}
container processes | row() | {processes:,}
container rounds | row() | {rounds}

[headline] ordering.csv, event-bytes.csv, memory.csv, tracing-cost.csv and bpf-cost.csv
table headline | tools()
  tool | `{variant}`
  EXIT before its EXEC | {order(variant + ' --unordered') + ' as read, ' + order(variant) + ' in time order (its default)' if variant.startswith('perfbuf') else order(variant)}
  bytes per EXEC (mean) | {mean_bytes:.0f}
  smallest buffer for a {rows('memory')[-1].burst_processes}-process burst | {smallest(r)}
  exec storm slowdown, per event / batched | {row('tracing-cost', tracer=variant, wakeup='per-event').slowdown:.2f} / {row('tracing-cost', tracer=variant, wakeup='batched').slowdown:.2f}
  BPF ns per exec / exit | {row('bpf-cost', tracer=variant).exec_ns:.0f} / {row('bpf-cost', tracer=variant).exit_ns:.0f}
"""

# What each step of bench/run-matrix is for; its command comes from
# results.txt, so that the table says what ran.
STEPS = dict(line.split(": ", 1) for line in """\
mechanisms: every mechanism, consumer and wakeup mode, with both baselines
batch: throughput and added cost against the batch size
topology: the ring topologies beside the perf buffer, one producer per CPU
reservation: the same producers without consumer: the reservation path alone
harness: what the benchmark's own harness costs, against the kernel benchmark's
wakeup-rules: the two rules of batched wakeups, side by side
ordering: ordering, with the real tracers
memory: memory, with the real tracers
tracing-cost: the tracing tax, beside the peers
bpf-cost: what the BPF programs cost
bpf-parts: what each part of them costs
wakeup-losses: losses in each wakeup mode""".splitlines())
STEP_WRITES = {"memory": ["event-bytes.csv", "memory.csv"],
               "ordering": ["ordering.csv"]}
MECHANISM = {"empty": "empty program (baseline)",
             "bare": "no program (baseline)", "perfbuf": "perf buffer",
             "rb-output": "ring buffer, output",
             "rb-reserve": "ring buffer, reserve/submit"}
PEERS = {"execsnoop": "`execsnoop` (exec only)",
         "exitsnoop": "`exitsnoop` (exit only)",
         "bpftrace": "`bpftrace` (exec only)"}
# Before the time order (--ordered), the perf buffer's tool printed in
# the order it read: the same work now is --unordered.
SAME_WORK_AS_REV = {"perfbuf-output": "perfbuf-output --unordered"}


class FactError(Exception):
    pass


# ---------------------------------------------------------------- cells and formats

def mps(x):
    """Events per second, in millions: 0.12 M, 4.5 M, 19.6 M."""
    m = x / 1e6
    return f"{m:.2f} M" if m < 1 else f"{m:.1f} M"


def thousands(x):
    return f"{int(x):,}"


SPECS = {"M": mps, "KiB": lambda x: f"{x / 1024:.0f}",
         "%": lambda x: f"{float(x):.0f}%", ",": thousands}


def fmt(x, spec):
    """x as a template prints it: a cell as written without a spec, else
    by SPECS or Python's spec; "" and "-" are "-" with any spec."""
    if isinstance(x, str):
        if not spec:
            return str.__str__(x)
        if x in ("", "-"):
            return "-"
        raise FactError(f"{str.__str__(x)!r} is not a number")
    if isinstance(x, Num) and not spec:
        return x.text
    return SPECS[spec](x) if spec in SPECS else \
        format(float(x) if isinstance(x, float) else x, spec)


class Num(float):
    """A cell that is a number: it computes as one, prints as written."""
    def __new__(cls, text):
        x = super().__new__(cls, text)
        x.text = text
        return x

    __format__ = fmt

    def __str__(self):
        return self.text


class Text(str):
    """A cell that is not a number."""
    __format__ = fmt


def value(cell):
    if not isinstance(cell, str) and cell is not None:
        return cell
    try:
        return Num(cell)
    except (TypeError, ValueError):
        return Text(cell or "")


class Row(dict):
    """A line of a CSV file: row["column"] its text, row.column its value."""
    def __getattr__(self, column):
        if column not in self:
            raise FactError(f"no column {column!r}")
        return value(self[column])


def span(values, spec):
    """The range of values: "1.2-1.5", "-3 to 4", or one value."""
    lo, hi = min(values) + 0.0, max(values) + 0.0  # no "-0.00"
    a, b = format(lo, spec), format(hi, spec)
    if a == b:
        return a
    return f"{a} to {b}" if lo < 0 else f"{a}-{b}"


def of(flags):
    """How many of flags are true: "24 of 26"."""
    return f"{sum(map(bool, flags))} of {len(flags)}"


def size_text(n):
    for shift, unit in ((30, "GiB"), (20, "MiB")):
        if n >= 1 << shift and n % (1 << shift) == 0:
            return f"{n >> shift} {unit}"
    return f"{n >> 10} KiB"


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
    if r["rings"] == "-":
        return "its own, per CPU" if r["mechanism"] == "perfbuf" else "-"
    return {"shared": "one, shared", "per-cpu": "one per CPU"}.get(
        r["rings"], f"{r['rings']}, by producer")


def cpu_per_record(r):
    """CPU ns per record: the producer's (its trigger's system call
    included) and the consumer's; None when the consumer delivered none."""
    producer = r.producer_cpu_ns_per_trigger / r.batch
    if r["consumer"] == "none":
        return producer
    if r["consumer_cpu_ns_per_record"] == "":
        return None
    return producer + r.consumer_cpu_ns_per_record


def within_noise(a, b):
    """Whether two lines' rates differ by no more than their spreads."""
    return abs(a.events_per_s - b.events_per_s) <= \
        a.events_per_s_sd + b.events_per_s_sd


def smallest(r):
    """The smallest buffer for the burst: a size, or perf's --pages N."""
    total = int(r.buffer_bytes)
    if not r["option"].startswith("--pages"):
        return size_text(total)
    cpus = round(total / (r.smallest_buffer * 4096))
    return f"`{r['option']}` ({size_text(total)} on {cpus} CPUs)"


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

    def rows(self, name, **where):
        rows = map(Row, csv.DictReader(io.StringIO(self.text(name))))
        return [r for r in rows if all(
            r.get(k) == v if isinstance(v, str) else r.get(k) in v
            for k, v in where.items())]


class Group:
    """What the templates of a group see: the module's words and helpers,
    these methods, and the lines of bench/GROUP.csv and other files."""

    def __init__(self, d, name):
        self.d, self.name = d, name
        self.ns = {k: v for k, v in globals().items() if k[0] != "_"}
        self.ns.update((k, getattr(self, k)) for k in dir(self)
                       if k[0] != "_" and k not in ("d", "name", "ns"))

    def fill(self, template, row=None):
        env = dict(self.ns)
        if row is not None:
            env.update({k: value(v) for k, v in row.items()}, r=row)
        try:
            return eval(compiled(template), env)
        except NameError as e:
            raise FactError(f"{template}: no column {e.name!r}") from None

    def eval(self, expression):
        return eval(expression, dict(self.ns))

    def rows(self, *file, **where):
        return self.d.rows((file[0] if file else self.name) + ".csv", **where)

    def row(self, *file, **where):
        rows = self.rows(*file, **where)
        if len(rows) != 1:
            what = " ".join(f"{k}={v}" for k, v in where.items())
            raise FactError(f"bench/{(file or [self.name])[0]}.csv: "
                            f"{len(rows)} lines of {what}")
        return rows[0]

    def rate(self, mechanism, wakeup, consumer="libbpf"):
        """events_per_s of a line of the mechanisms experiment."""
        return self.row("results", experiment="mechanisms", wakeup=wakeup,
                        mechanism=mechanism, consumer=consumer).events_per_s

    def ours(self, wakeup, column):
        """column of the four tools' lines in one wakeup mode."""
        return [getattr(self.row(tracer=v, wakeup=wakeup), column)
                for v in VARIANTS]

    def revs(self, **where):
        """The lines TOOL@REV: a tool at an older commit."""
        return [Row(r, tool=r["tracer"].split("@")[0],
                    rev=r["tracer"].split("@")[1])
                for r in self.rows(**where) if "@" in r["tracer"]]

    def before(self, tool, **where):
        return next((r for r in self.revs(**where) if r["tool"] == tool),
                    None)

    def growth(self, tool):
        """tool's per_process_ns over its TOOL@REV line's, less 1."""
        old = self.before(tool)
        if not old:
            raise FactError(f"bench/{self.name}.csv: no {tool}@REV line")
        return self.row(tracer=tool).per_process_ns / old.per_process_ns - 1

    def order(self, tracer):
        o = self.row("ordering", tracer=tracer)
        return f"{o.exit_before_exec} of {o.processes}"

    def run(self):
        """The machine, libbpf, date and length of the run: results.txt."""
        text = self.d.text("results.txt")
        if not re.search(r"^machine: Linux \d+\.\d+", text, re.M):
            raise FactError("bench/results.txt: no 'machine:' line")
        return Row({k: m.group(1) if (m := re.search(p, text, re.M)) else "?"
                    for k, p in (
            ("kernel", r"^machine: Linux (\d+\.\d+)"),
            ("cpus", r"^machine: .*, (\d+) CPUs: "),
            ("cpu", r"^machine: .*, \d+ CPUs: (.*\S)"),
            ("date", r"^ringbuf-bench results, (\S+)"),
            ("libbpf", r"^(?:ringbuf-bench \S+ \()?libbpf (\d+\.\d+)"),
            ("seconds", r"^make bench took (\d+) s"))})

    def steps(self):
        """Each step of results.txt: a synthetic step's heading is its
        ringbuf-bench command, a claim step's first "$ " line its script's."""
        text, rows = self.d.text("results.txt"), []
        for m in re.finditer(r"^== ([a-z-]+): (.*)$", text, re.M):
            step, command = m.group(1), m.group(2)
            if step not in STEPS:
                raise FactError(f"bench/results.txt: step {step}: describe "
                                "it in STEPS of bench/facts.py")
            writes = f"`bench/results.csv` (experiment `{step}`)"
            if not command.startswith("ringbuf-bench "):
                c = re.compile(r"^\$ (.*)$", re.M).search(text, m.end())
                if not c or "\n== " in text[m.end():c.start()]:
                    raise FactError(f"bench/results.txt: step {step} has no "
                                    "'$ ' command line")
                command, writes = c.group(1), ", ".join(
                    f"`bench/{f}`" for f in STEP_WRITES.get(step, [step +
                                                                  ".csv"]))
            rows.append(Row(step=step, command=command, writes=writes))
        return rows

    def harness(self):
        """Each configuration of the harness experiment: c its checked line,
        n its counted line, and share: what the harness adds to the CPU per
        record (checked over counted, less 1), "" without a consumer's."""
        lines = {}
        for r in self.rows("results", experiment="harness"):
            if r["mechanism"] != "empty":
                key = tuple(r[k] for k in ("mechanism", "consumer", "wakeup",
                                           "rings", "size", "batch"))
                lines.setdefault(key, {})[r["harness"]] = r
        out = []
        for key, by in lines.items():
            if set(by) != {"check", "count"}:
                raise FactError(f"bench/results.csv: harness {' '.join(key)} "
                                f"has {sorted(by)}, not check and count")
            a, b = cpu_per_record(by["check"]), cpu_per_record(by["count"])
            out.append(Row(c=by["check"], n=by["count"],
                           share="" if None in (a, b) else a / b - 1))
        return out

    def shares(self):
        return sorted(h.share for h in self.harness() if h.share != "")

    def src_buffers(self):
        """Each tool's buffer without --buffer-size (--pages), from its
        source: .perf_pages, or .ring_size in bytes."""
        out = []
        for v in VARIANTS:
            try:
                with open(os.path.join(ROOT, "src", v + ".c")) as f:
                    text = f.read()
            except OSError as e:
                raise FactError(f"src/{v}.c: {e.strerror}") from None
            p = re.search(r"\.perf_pages\s*=\s*(\d+)", text)
            s = re.search(r"\.ring_size\s*=\s*(\d+)\s*<<\s*(\d+)", text)
            if not p and not s:
                raise FactError(f"src/{v}.c: no .perf_pages nor .ring_size")
            size = 0 if p else int(s.group(1)) << int(s.group(2))
            out.append(Row(variant=v, pages=p and int(p.group(1)), size=size,
                           default=f"{p.group(1)} pages" if p
                           else size_text(size)))
        return out

    def tools(self):
        """One line per tool: its lines of event-bytes.csv and memory.csv,
        and its buffer in src_buffers()."""
        return [Row({**self.row("event-bytes", variant=s["variant"]),
                     **self.row("memory", variant=s["variant"]), **s})
                for s in self.src_buffers()]

    def tracing_cost_table(self):
        """The cells of tracing-cost.csv, the tracers' default in bold."""
        out = []
        for r in self.rows():
            tool, wakeup = r["tracer"], r["wakeup"]
            if tool == "none":
                out.append(["no tracer", "", self.fill("1.000 ({wall_us_per_"
                            "process:.1f} µs per process)", r)] + [""] * 4)
                continue
            peer = tool in ("execsnoop", "exitsnoop")
            cells = [PEERS.get(tool, f"`{tool}`"), {
                "per-event": "per event", "-": "per event" if peer else ""}
                .get(wakeup, wakeup)] + [self.fill(t, r) for t in (
                    "{slowdown:.3f} ({slowdown_q1:.3f}-{slowdown_q3:.3f})",
                    "{added_us_per_process:.2f}",
                    "{tracer_cpu_us_per_event:.2f} µs",
                    "{captured:,} of {expected:,}",
                    "{'' if latency_p50_ms in ('', '-') else "
                    "f'{latency_p50_ms:.2g} / {latency_p99_ms:.2g} ms'}")]
            if (tool, wakeup) == ("ringbuf-reserve-submit", "batched"):
                cells = [f"**{c}**" if c else c
                         for c in cells[:1] + ["batched (default)"] + cells[2:]]
            out.append(cells)
        return out


@functools.lru_cache(maxsize=None)
def compiled(template):
    return compile('f"""' + template + '"""', template, "eval")


def cut(line, n):
    return [part.strip() for part in line.split("|", n)]


@functools.lru_cache(maxsize=None)
def groups():
    """{group: (what it reads, its figures, its tables)}, from FIGURES."""
    out = {}
    for line in FIGURES.splitlines():
        if line.startswith("["):
            name, reads = line[1:].split("] ", 1)
            facts, tables = out.setdefault(name, (reads, [], {}))[1:]
        elif line.startswith("table "):
            name, source = cut(line[6:], 1)
            table = tables.setdefault(name, (source, []))
        elif line.startswith("  "):
            table[1].append(cut(line, 1))
        elif line:
            facts.append(cut(line, 2))
    return out


# ---------------------------------------------------------------- writing

ERRORS = (FactError, AttributeError, IndexError, KeyError, TypeError,
          ValueError, ZeroDivisionError)


def fact_lines(g, name, lines, template):
    """(name, value, how) of a figure, or of each line's."""
    if not lines:
        return [(name, g.fill(template), template)]
    rows = g.eval(lines)
    if isinstance(rows, dict):
        return [(name, g.fill(template, rows), f"{lines}: {template}")]
    keys = re.findall(r"\{(\w+)\}", name)
    where = "the line " if lines.startswith("rows(") else lines + ", "
    return [(g.fill(name, r), g.fill(template, r), where + ", ".join(
        f"{k}={r[k]}" for k in keys) + ": " + template) for r in rows]


def group_files(name, d, warn):
    """{file name: text} of what group name writes; what cannot be
    computed is left out, with a warning."""
    (reads, facts, tables), g, out = groups()[name], Group(d, name), {}
    lines = []
    for fact in facts:
        try:
            lines += fact_lines(g, *fact)
        except ERRORS as e:
            warn(f"{name}.facts: no {fact[0]}: {e}")
    if lines:
        out[name + ".facts"] = (
            f"# The figures the docs quote from bench/{reads}; written by "
            "bench/facts.py.\n# name, value, how (tab-separated)\n" +
            "".join("\t".join(f) + "\n" for f in lines))
    for table, (source, columns) in tables.items():
        try:
            rows, text = g.eval(source), io.StringIO()
            if not rows:
                raise FactError(f"no lines of {source}")
            w = csv.writer(text, lineterminator="\n")
            w.writerow(g.fill(c[0]) for c in columns)
            w.writerows(r if isinstance(r, list) else
                        [g.fill(c[1], r) for c in columns] for r in rows)
            out[table + ".table.csv"] = text.getvalue()
        except ERRORS as e:
            warn(f"{table}.table.csv: {e}")
    return out


def cell(template, row):
    """template over one line: its cells and the module's helpers."""
    return Group(None, "").fill(template, row)


def main(argv):
    args, dirs = argv[1:], []
    cmd = args.pop(0) if args else ""
    while len(args) > 1 and args[0] == "--in":
        dirs.append(args[1])
        args = args[2:]
    unknown = [a for a in args if a not in groups()]
    if cmd not in ("write", "check") or unknown or (cmd == "check" and
                                                   (args or dirs)):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    dirs = dirs or [os.path.join(ROOT, "bench")]
    d, problems = Inputs(dirs), []
    for name in args or groups():
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
