#!/usr/bin/env python3
"""parts.py list TOOL|all | check ROOT | apply ROOT PART: the parts of the tracers'
BPF programs that bench/bpf-parts removes, one at a time, to measure what
each costs.  A part is the text that does it in a source file and what
stands in its place: the same record, with that field zero or empty (or,
for the wakeup decision, never a forced wakeup).  `check` says which text
is no longer in the sources (the part must then be described again here);
`apply` edits the tree at ROOT, a copy: never the one being worked on."""
import sys

TRACER = "src/tracer.bpf.h"
EXEC_PARTS = "src/exec_parts.bpf.h"
WAKEUP = "src/wakeup.bpf.h"
OUTPUT = "src/ringbuf-output.bpf.c"

# name: (tools it applies to, [(file, text, replacement), ...])
PARTS = {
    "task fields": (None, [
        (TRACER, """	h->pid = task->tgid;
	h->ppid = task->real_parent->tgid;
	h->uid = cred->uid.val;
	h->euid = cred->euid.val;""",
         "	h->pid = h->ppid = h->uid = h->euid = 0;"),
        (TRACER, "	h->start_ns = task->group_leader->start_boottime;",
         "	h->start_ns = 0;"),
        (TRACER, """	__builtin_memcpy(h->comm, task->group_leader->comm, TASK_COMM_LEN);
	__builtin_memcpy(h->pcomm, task->real_parent->group_leader->comm,
			 TASK_COMM_LEN);""",
         "	__builtin_memset(h->comm, 0, 2 * TASK_COMM_LEN);"),
        (TRACER, """	const struct cred *cred = task->group_leader->real_cred;

	h->ts_ns""", "	h->ts_ns"),
    ]),
    "parent's name": (None, [
        (TRACER, """	__builtin_memcpy(h->pcomm, task->real_parent->group_leader->comm,
			 TASK_COMM_LEN);""",
         "	__builtin_memset(h->pcomm, 0, TASK_COMM_LEN);"),
    ]),
    "timestamp": (None, [
        (TRACER, "	h->ts_ns = bpf_ktime_get_ns();", "	h->ts_ns = 0;"),
    ]),
    "filename": (None, [
        (TRACER, "	len = write_str(r, off, bprm->filename, FILENAME_ROOM, p->name_len);",
         "	len = 0;"),
    ]),
    "interpreter and no-name mark": (None, [
        (TRACER, "	if (bprm->interp != bprm->filename) {", "	if (0) {"),
        (TRACER, "	e->flags = flags | (bprm->file->f_inode->i_nlink ? 0 : EXEC_NO_NAME);",
         "	e->flags = flags;"),
    ]),
    "arguments": (None, [
        (EXEC_PARTS, "	p->args_len = args_to_read(task, &p->args, &p->flags);",
         "	p->args_len = 0;"),
    ]),
    "wakeup decision": (None, [
        (WAKEUP, """	claimed = bpf_map_lookup_elem(&wakeup_lines, &key);
	if (!claimed)	/* cannot happen: a slot per ring */
		return BPF_RB_NO_WAKEUP;
	line = (bpf_ringbuf_query(ring, BPF_RB_PROD_POS) + ahead) / cfg.wakeup_bytes;
	seen = *(volatile __u64 *)claimed;
	if (line <= seen)
		return BPF_RB_NO_WAKEUP;
	if (!cfg.have_cmpxchg)
		*claimed = line;
	else if (__sync_val_compare_and_swap(claimed, seen, line) != seen)
		return BPF_RB_NO_WAKEUP;
	__sync_fetch_and_add(&counters.wakeups_forced, 1);
	return BPF_RB_FORCE_WAKEUP;""",
         "	return BPF_RB_NO_WAKEUP;"),
    ]),
    # The query and the slot's read kept (a line it never reaches), its
    # wakeups never claimed nor forced.
    "forced wakeups": (None, [
        (WAKEUP, """	if (line <= seen)
		return BPF_RB_NO_WAKEUP;
	if (!cfg.have_cmpxchg)
		*claimed = line;
	else if (__sync_val_compare_and_swap(claimed, seen, line) != seen)
		return BPF_RB_NO_WAKEUP;
	__sync_fetch_and_add(&counters.wakeups_forced, 1);
	return BPF_RB_FORCE_WAKEUP;""",
         "	return line == ~0ULL && seen ? BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP;"),
    ]),
    # The exec record's copy into the ring, past its fixed part.
    "copy of the data": (["ringbuf-output"], [
        (OUTPUT, "	submit(ctx, &r, task, fill_exec(&r, task, bprm));",
         "	fill_exec(&r, task, bprm);\n	submit(ctx, &r, task, sizeof(struct exec_event));"),
    ]),
}


def applies(part, tool):
    tools = PARTS[part][0]
    return tool == "all" or tools is None or tool in tools


def edit(root, part, write):
    """The part's edits in the tree at root; the texts not found."""
    missing = []
    for path, text, new in PARTS[part][1]:
        src = open(f"{root}/{path}", encoding="utf-8").read()
        if text not in src:
            missing.append(f"{path}: {text.strip().splitlines()[0]}")
            continue
        if write:
            # The first only: the exec program's, before -x's.
            src = src.replace(text, new, 1)
            open(f"{root}/{path}", "w", encoding="utf-8").write(src)
    return missing


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "list" and len(sys.argv) == 3:
        print("\n".join(p for p in PARTS if applies(p, sys.argv[2])))
    elif cmd == "check" and len(sys.argv) == 3:
        missing = [f"{p}: {m}" for p in PARTS for m in edit(sys.argv[2], p, False)]
        for m in missing:
            print(f"parts.py: not in the sources any more: {m}", file=sys.stderr)
        sys.exit(1 if missing else 0)
    elif cmd == "apply" and len(sys.argv) == 4:
        missing = edit(sys.argv[2], sys.argv[3], True)
        for m in missing:
            print(f"parts.py: not in the sources any more: {m}", file=sys.stderr)
        sys.exit(1 if missing else 0)
    else:
        sys.exit("usage: parts.py list TOOL | check ROOT | apply ROOT PART")


if __name__ == "__main__":
    main()
