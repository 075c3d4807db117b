"""Where a batch's time goes: one `docgen batch` run with a timestamp at each phase, in every process.

    python benchmarks/batch_trace.py [N] [-j J] [--tree DIR]

Runs ``docgen batch`` on N (500) seed-sized speeches with distinct titles (as `batch_throughput.py` does) in
a driver that wraps a few of docgen's functions to log when they start and end (``time.monotonic``, one
clock for all processes): the command's start, the plan, the first document, the fork, every chunk a worker
renders, every flush to disk, the last name given, the end of ``main`` and the end of the process. It then
prints the timeline: the serial part before the fork, each worker's first and last chunk and its idle
gaps, time spent waiting for the disk, and what follows the last chunk. The wrapping costs a few
microseconds per chunk; the figures are of one run, so noisy on a loaded machine (`batch_throughput.py`
gives the paired ratios). Functions a checkout lacks are simply not traced (older trees).
"""

from __future__ import annotations

import argparse
import tempfile
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

from common import REPO, Event, traced_run, write_inputs

# module, function, label: what the driver wraps when the checkout has it
TRACED = (
    ("docgen.output.batch", "plan", "plan"),
    ("docgen.output.batch", "prepare_for_many", "prepare"),
    ("docgen.output.batch", "render_chunk", "chunk"),  # older trees: render + flush + names per chunk
    ("docgen.output.batch", "flush_to_disk", "flush"),
    ("docgen.output.staging", "stage_chunk", "chunk"),
    ("docgen.output.staging", "flush", "flush"),
    ("docgen.output.batch", "sync_folder", "sync"),
)

def trace(tree: Path, inputs: Path, out: Path, jobs: int) -> tuple[list[Event], float, float]:
    """The events of one traced run, its start and its end (monotonic seconds)."""
    arguments = ["batch", str(inputs), "-o", str(out), "-j", str(jobs), "--json"]
    return traced_run(tree, arguments, TRACED, out.parent / "trace.log")


def spans(events: list[Event], pid: int, label: str) -> list[tuple[float, float, str]]:
    """(start, end, detail) of each traced call ``label`` in process ``pid``, nested calls left out."""
    found, opened, depth = [], 0.0, 0
    for stamp, who, event, detail in events:
        if who != pid:
            continue
        if event == f"{label}-start":
            depth += 1
            if depth == 1:
                opened = stamp
        elif event == f"{label}-end":
            depth -= 1
            if depth == 0:
                found.append((opened, stamp, detail))
    return found


def report(events: list[Event], started: float, ended: float, jobs: int) -> None:
    parent = events[0][1]
    at = {event: stamp - started for stamp, who, event, _ in reversed(events) if who == parent}
    last = {event: stamp - started for stamp, who, event, _ in events if who == parent}
    by_pid: dict[int, list[str]] = defaultdict(list)
    for _, who, event, _ in events:
        by_pid[who].append(event)
    workers = [pid for pid in by_pid if pid != parent and any(e == "chunk-start" for e in by_pid[pid])]
    fork = last.get("prepare-end", at.get("chunk-end", 0.0))
    print(f"-j {jobs}: whole run {ended - started:.3f} s")
    print(
        f"  parent: interpreter up {at.get('python', 0):.3f}, docgen imported {at.get('imported', 0):.3f}, "
        f"plan {at.get('plan-start', 0):.3f}–{at.get('plan-end', 0):.3f}, "
        f"first chunk ends {at.get('chunk-end', 0):.3f}, ready to fork {fork:.3f}"
    )
    flushes = [(pid, s, e) for pid in by_pid for s, e, _ in spans(events, pid, "flush")]
    for pid in [parent, *workers]:
        chunks = spans(events, pid, "chunk")
        if pid == parent:
            chunks = [c for c in chunks if c[0] - started >= fork] if workers else chunks
            if not chunks:
                continue
        busy = sum(e - s for s, e, _ in chunks)
        gaps = [b[0] - a[1] for a, b in pairwise(chunks)]
        own_flush = sum(e - s for who, s, e in flushes if who == pid)
        name = "parent" if pid == parent else f"worker {pid}"
        print(
            f"  {name}: {len(chunks)} chunks {chunks[0][0] - started:.3f}–{chunks[-1][1] - started:.3f}, "
            f"busy {busy:.3f} s, idle between chunks {sum(gaps):.3f} s (longest {max(gaps, default=0):.3f}), "
            f"waiting for the disk inside chunks {own_flush if pid in workers else 0.0:.3f} s"
        )
    total_flush = sum(e - s for _, s, e in flushes)
    print(f"  flushes: {len(flushes)}, {total_flush:.3f} s in all (all processes and threads)")
    print(
        f"  end: last sync {last.get('sync-end', 0):.3f}, main returns {last.get('main-end', 0):.3f}, "
        f"process gone {ended - started:.3f} (exit {ended - started - last.get('main-end', 0):.3f} s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=500)
    parser.add_argument("-j", "--jobs", type=int, action="append", help="worker processes (default: 1 and 2)")
    parser.add_argument("--tree", type=Path, default=REPO, help="the checkout to trace (default: this one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="docgen-trace-") as work:
        inputs = Path(work, "in")
        write_inputs(inputs, args.count)
        trace(args.tree.resolve(), inputs, Path(work, "warm"), 2)  # bytecode and caches, untimed
        for jobs in args.jobs or [1, 2]:
            out = Path(work, f"out-{jobs}")
            report(*trace(args.tree.resolve(), inputs, out, jobs), jobs)


if __name__ == "__main__":
    main()
