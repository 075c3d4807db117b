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
import statistics
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


def spans(events: list[Event], pid: int, label: str) -> list[tuple[float, float, float]]:
    """(start, end, CPU wait inside) of each traced call ``label`` in process ``pid``, nested calls left out."""
    found, opened, waited, depth = [], 0.0, 0.0, 0
    for stamp, who, event, _, wait in events:
        if who != pid:
            continue
        if event == f"{label}-start":
            depth += 1
            if depth == 1:
                opened, waited = stamp, wait
        elif event == f"{label}-end":
            depth -= 1
            if depth == 0:
                found.append((opened, stamp, wait - waited))
    return found


def report(events: list[Event], started: float, ended: float, jobs: int) -> float:
    """Print the timeline of one run; returns its estimated length without the waits for a CPU on its
    critical path (the batch process until the fork and after the last chunk, the slower worker between)."""
    parent = events[0][1]
    first = {event: (stamp - started, wait) for stamp, who, event, _, wait in reversed(events) if who == parent}
    last = {event: (stamp - started, wait) for stamp, who, event, _, wait in events if who == parent}
    by_pid: dict[int, list[str]] = defaultdict(list)
    for _, who, event, _, _ in events:
        by_pid[who].append(event)
    workers = [pid for pid in by_pid if pid != parent and "chunk-start" in by_pid[pid]]
    fork, fork_wait = last.get("prepare-end", first.get("chunk-end", (0.0, 0.0)))
    main_end, end_wait = last.get("main-end", (ended - started, 0.0))

    def at(event: str) -> str:
        return f"{first.get(event, (0.0, 0.0))[0]:.3f}"

    print(f"-j {jobs}: whole run {ended - started:.3f} s")
    print(
        f"  batch process: interpreter up {at('python')}, docgen imported {at('imported')}, "
        f"plan {at('plan-start')}–{at('plan-end')}, first chunk ends {at('chunk-end')}, ready to fork {fork:.3f}"
    )
    flushes = [(pid, s, e) for pid in by_pid for s, e, _ in spans(events, pid, "flush")]
    slowest_worker = 0.0
    last_chunk_end = fork
    for pid in [parent, *workers]:
        chunks = spans(events, pid, "chunk")
        if pid == parent and workers:
            chunks = [c for c in chunks if c[0] - started >= fork]
        if not chunks:
            continue
        busy = sum(e - s for s, e, _ in chunks)
        gaps = [b[0] - a[1] for a, b in pairwise(chunks)]
        own_flush = sum(e - s for who, s, e in flushes if who == pid) if pid in workers else 0.0
        span = chunks[-1][1] - chunks[0][0]
        span_wait = sum(w for _, _, w in chunks)  # CPU waits inside the chunks (gaps: nearly nothing to wait on)
        if pid in workers:
            slowest_worker = max(slowest_worker, (chunks[0][0] - started - fork) + span - span_wait)
            last_chunk_end = max(last_chunk_end, chunks[-1][1] - started)
        name = "batch process" if pid == parent else f"worker {pid}"
        print(
            f"  {name}: {len(chunks)} chunks {chunks[0][0] - started:.3f}–{chunks[-1][1] - started:.3f}, "
            f"busy {busy:.3f} s (of which waiting for a CPU {span_wait:.3f}), idle between chunks {sum(gaps):.3f} s "
            f"(longest {max(gaps, default=0):.3f}), waiting for the disk inside chunks {own_flush:.3f} s"
        )
    total_flush = sum(e - s for _, s, e in flushes)
    print(f"  flushes: {len(flushes)}, {total_flush:.3f} s in all (all processes and threads)")
    print(
        f"  end: last sync {last.get('sync-end', (0.0, 0.0))[0]:.3f}, main returns {main_end:.3f}, "
        f"process gone {ended - started:.3f} (exit {ended - started - main_end:.3f} s)"
    )
    exit_seconds = ended - started - main_end
    if workers:
        # The batch process's CPU waits from the last chunk's end on (its first event after that one as the base).
        later = [wait for stamp, who, _, _, wait in events if who == parent and stamp - started >= last_chunk_end]
        after = (main_end - last_chunk_end) - (end_wait - (later[0] if later else end_wait))
        estimate = (fork - fork_wait) + slowest_worker + max(after, 0.0) + exit_seconds
    else:
        estimate = main_end - end_wait + exit_seconds
        own = spans(events, parent, "chunk")
        if own:
            print("  " + amdahl_line(fork, own[-1][1] - started, ended - started))
    print(f"  without the waits for a CPU on the critical path (about what a quiet machine takes): {estimate:.3f} s")
    return estimate


def amdahl_line(serial: float, last_chunk_end: float, whole: float) -> str:
    """What the -j 1 timeline allows -j 2 at best: the start before the first fork could happen (``serial``)
    and the tail after the last chunk stay serial, the documents between are split over two workers with no
    cost at all. Per-document work that gets cheaper while the start does not lowers this cap (Amdahl)."""
    between, tail = last_chunk_end - serial, whole - last_chunk_end
    cap = whole / (serial + between / 2 + tail)
    return (
        f"cap for -j 2 from this run: serial start {serial:.3f} s + documents {between:.3f} s + tail {tail:.3f} s "
        f"→ at best {cap:.2f}× with the documents split perfectly (target ≥ 1.8×)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=500)
    parser.add_argument("-j", "--jobs", type=int, action="append", help="worker processes (default: 1 and 2)")
    parser.add_argument("--tree", type=Path, default=REPO, help="the checkout to trace (default: this one)")
    parser.add_argument("--rounds", type=int, default=1, help="traced runs of each, alternated (default 1)")
    args = parser.parse_args()
    counts = args.jobs or [1, 2]
    estimates: dict[int, list[float]] = {jobs: [] for jobs in counts}
    with tempfile.TemporaryDirectory(prefix="docgen-trace-") as work:
        inputs = Path(work, "in")
        write_inputs(inputs, args.count)
        trace(args.tree.resolve(), inputs, Path(work, "warm"), 2)  # bytecode and caches, untimed
        for number in range(args.rounds):
            for jobs in counts if number % 2 == 0 else reversed(counts):
                out = Path(work, f"out-{jobs}-{number}")
                estimates[jobs].append(report(*trace(args.tree.resolve(), inputs, out, jobs), jobs))
    if 1 in estimates and 2 in estimates:
        one, two = statistics.median(estimates[1]), statistics.median(estimates[2])
        print(f"without CPU waits, medians: -j 1 {one:.3f} s, -j 2 {two:.3f} s: {one / two:.2f}× (estimate)")


if __name__ == "__main__":
    main()
