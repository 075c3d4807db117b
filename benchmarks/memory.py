"""Peak memory of `docgen batch` for 100 vs 2,000 documents: flat, because results are streamed.

    python benchmarks/memory.py [J]      # J worker processes, default 1

Each batch runs in a fresh child process that calls the CLI in-process and then reports
``getrusage`` high-water marks: RUSAGE_SELF (the batch process) and RUSAGE_CHILDREN (the largest worker).
With J workers the tree's peak is at most self + J × largest worker. A first run, not measured, writes the
bytecode and the template cache, as an installed docgen has them. Target: 2,000 ≤ 1.2 × 100.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from common import REPO, environment, ratio_line, write_inputs

CHILD = """
import json, resource, sys
from docgen.cli import main
code = main(["batch", sys.argv[1], "-o", sys.argv[2], "-j", sys.argv[3], "--json"])
self_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"code": code, "self": self_kib, "children": children_kib}), file=sys.stderr)
"""


def peak_kib(inputs: Path, out: Path, jobs: int) -> tuple[int, int]:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(inputs), str(out), str(jobs)],
        cwd=REPO,
        env=environment(),
        capture_output=True,
        check=False,
    )
    report = json.loads(result.stderr.decode().strip().splitlines()[-1])
    summary = json.loads(result.stdout)
    if report["code"] != 0:
        raise SystemExit(f"batch failed: {summary['documents'][0]}")
    return report["self"], report["children"]


def main() -> None:
    jobs = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as work:
        # A first, unmeasured run writes the bytecode and the template cache: a checkout's very first batch
        # prepares the template with Jinja and lxml (≈ 10 MiB more), which would count against 100 alone.
        write_inputs(Path(work, "warm"), 2)
        peak_kib(Path(work, "warm"), Path(work, "out-warm"), jobs)
        peaks = {}
        for count in (100, 2000):
            inputs = Path(work, f"in-{count}")
            write_inputs(inputs, count)
            own, worker = peak_kib(inputs, Path(work, f"out-{count}"), jobs)
            tree = own + (jobs * worker if jobs > 1 else 0)
            peaks[count] = tree
            print(
                f"  {count:5d} documents, -j {jobs}: batch process {own / 1024:6.1f} MiB, "
                f"largest worker {worker / 1024:6.1f} MiB, tree ≤ {tree / 1024:6.1f} MiB"
            )
        print(ratio_line("peak memory 2,000 vs 100", peaks[2000] / peaks[100], "≤ 1.2×"))


if __name__ == "__main__":
    main()
