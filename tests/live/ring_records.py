#!/usr/bin/env python3
"""ring_records.py PID COMM: reads the records a tracer has not consumed yet
straight from its ring buffers, as another reader of the ring would (a
second consumer, a core dump), and prints "RECORDS STALE": COMM's records,
and the bytes of theirs past what their lengths say they use (event.h)
that are not zero.  Those bytes are another event's, left in the ring.
Run it while the tracer is stopped (SIGSTOP), so that the records stay."""
import ctypes
import mmap
import os
import struct
import sys

RINGBUF = 27  # BPF_MAP_TYPE_RINGBUF
BUSY, DISCARD = 1 << 31, 1 << 30
HEADER = 80  # struct event_header
EXEC, EXIT, EXEC_FAIL = 1, 2, 3
libc = ctypes.CDLL(None, use_errno=True)


def fdinfo(pid, fd):
    info = {}
    with open(f"/proc/{pid}/fdinfo/{fd}") as f:
        for line in f:
            key, _, value = line.partition(":")
            info[key] = value.strip()
    return info


def rings(pid):
    """The tracer's ring buffers: a copy of each fd (pidfd_getfd), size."""
    pidfd = os.pidfd_open(pid)
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            info = fdinfo(pid, fd)
        except OSError:
            continue
        if info.get("map_type") != str(RINGBUF):
            continue
        mine = libc.syscall(438, pidfd, int(fd), 0)  # pidfd_getfd
        if mine < 0:
            sys.exit(f"ring_records: pidfd_getfd: {os.strerror(ctypes.get_errno())}")
        yield mine, int(info["max_entries"])


def used(rec):
    """The bytes a record's lengths say it uses (event.h)."""
    kind = struct.unpack_from("<I", rec, 8)[0]
    if kind == EXEC:
        args_len, name, interp, _, cwd, env = struct.unpack_from("<I5H", rec, 84)
        return 104 + name + interp + args_len + cwd + env
    if kind == EXIT:
        return 96
    if kind == EXEC_FAIL:
        args_len, name = struct.unpack_from("<IH", rec, 96)
        return 104 + name + args_len
    return len(rec)


def main():
    pid, comm = int(sys.argv[1]), sys.argv[2].encode()[:15]
    page = mmap.PAGESIZE
    records = stale = 0
    for fd, size in rings(pid):
        # The consumer's page, the producer's, then the data mapped twice.
        m = mmap.mmap(fd, 2 * page + 2 * size, prot=mmap.PROT_READ, offset=0)
        cons = struct.unpack_from("<Q", m, 0)[0]
        prod = struct.unpack_from("<Q", m, page)[0]
        pos = cons
        while pos < prod:
            at = 2 * page + pos % size
            length = struct.unpack_from("<I", m, at)[0]
            if length & BUSY:
                break
            length &= ~(BUSY | DISCARD)
            rec = m[at + 8:at + 8 + length]
            if length >= HEADER and rec[48:64].rstrip(b"\0") == comm:
                records += 1
                stale += sum(1 for b in rec[used(rec):] if b)
            pos += (length + 8 + 7) & ~7
        m.close()
        os.close(fd)
    print(records, stale)


if __name__ == "__main__":
    main()
