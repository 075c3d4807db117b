"""Batch throughput: `docgen batch` whole process, -j 1 against -j 2, over speeches with distinct titles.

    python benchmarks/batch_throughput.py [N] [--pairs P] [--tree DIR ...]

N seed-sized speeches (default 500), each with its own title (as long as the seed's, so every one is
broken into lines and the title breaker cannot reuse a cut). P pairs (default 5) of whole runs, -j 1 and
-j 2 alternated (the order flips every pair, so a change in the machine's load hits both alike); the
figures are medians. Wall clock is the target; the CPU seconds of the process tree (user + system, from
``getrusage(RUSAGE_CHILDREN)``) show how much work each run did, which the load of other programs on the
machine changes less. ``--tree DIR`` measures other checkouts (e.g. a worktree of an older commit) in the
same alternation, for a before/after. Target: -j 2 at least 1.8× as fast as -j 1 for the whole run.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import REPO, child_environment, ratio_line, write_inputs


def run_once(tree: Path, inputs: Path, out: Path, jobs: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process tree) of one `docgen batch` in ``tree``."""
    env = child_environment(tree)
    command = [sys.executable, "-m", "docgen", "batch", str(inputs), "-o", str(out), "-j", str(jobs), "--json"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=tree, env=env, capture_output=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr.decode()[-2000:]}")
    shutil.rmtree(out)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=500)
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--tree", action="append", type=Path, default=[], help="another checkout to measure too")
    args = parser.parse_args()
    trees = [REPO, *(tree.resolve() for tree in args.tree)]
    print(f"{args.count} documents, distinct titles, {os.cpu_count()} CPUs, {args.pairs} alternated pairs, medians")
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as work:
        inputs = Path(work, "in")
        write_inputs(inputs, args.count)
        for tree in trees:  # a first run each: bytecode and the template cache are written outside the timing
            run_once(tree, inputs, Path(work, "warm"), 2)
        walls: dict[tuple[Path, int], list[float]] = {(tree, jobs): [] for tree in trees for jobs in (1, 2)}
        cpus: dict[tuple[Path, int], list[float]] = {key: [] for key in walls}
        for pair in range(args.pairs):
            for tree in trees:
                for jobs in (1, 2) if pair % 2 == 0 else (2, 1):
                    wall, cpu = run_once(tree, inputs, Path(work, "out"), jobs)
                    walls[tree, jobs].append(wall)
                    cpus[tree, jobs].append(cpu)
        for tree in trees:
            label = "this checkout" if tree == REPO else str(tree)
            print(f"{label}:")
            for jobs in (1, 2):
                wall = statistics.median(walls[tree, jobs])
                cpu = statistics.median(cpus[tree, jobs])
                runs = " ".join(f"{w:.2f}" for w in walls[tree, jobs])
                print(
                    f"  -j {jobs}: {wall:6.2f} s ({args.count / wall:6.1f} documents/s), CPU {cpu:6.2f} s; runs: {runs}"
                )
            per_pair = [one / two for one, two in zip(walls[tree, 1], walls[tree, 2], strict=True)]
            ratio = statistics.median(walls[tree, 1]) / statistics.median(walls[tree, 2])
            print("  " + ratio_line(f"-j 2 vs -j 1, whole run of {args.count}", ratio, "≥ 1.8×"))
            listed = " ".join(f"{r:.2f}" for r in per_pair)
            print(f"  per-pair ratios: {listed} (median {statistics.median(per_pair):.2f})")


if __name__ == "__main__":
    main()
