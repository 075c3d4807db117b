"""Batch throughput: `docgen batch` over seed-sized speeches with -j 1 and -j 2, whole process, wall clock.

    python benchmarks/batch_throughput.py [SMALL LARGE]      # defaults: 100 400 documents

Two figures per -j: the whole run of LARGE documents (start-up included), and the steady state, from
the difference between the LARGE and SMALL runs (start-up cancels out: (LARGE − SMALL) / (t_LARGE − t_SMALL)).
Target: -j 2 at least 1.7× the documents per second of -j 1 (on a 2-core machine).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from common import docgen_command, ratio_line, run_seconds, write_inputs


def main() -> None:
    small, large = (int(arg) for arg in sys.argv[1:3]) if len(sys.argv) > 2 else (100, 400)
    print(f"{small} and {large} documents, {os.cpu_count()} CPUs, best of 2 runs each")
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as work:
        inputs = {count: Path(work, f"in-{count}") for count in (small, large)}
        for count, folder in inputs.items():
            write_inputs(folder, count)
        whole, steady = {}, {}
        for jobs in (1, 2):
            seconds = {}
            for count, folder in inputs.items():
                runs = []
                for attempt in range(2):
                    out = Path(work, f"out-{jobs}-{count}-{attempt}")
                    runs.append(run_seconds(docgen_command("batch", str(folder), "-o", str(out), "-j", str(jobs))))
                    shutil.rmtree(out)
                seconds[count] = min(runs)
            whole[jobs] = large / seconds[large]
            steady[jobs] = (large - small) / (seconds[large] - seconds[small])
            print(
                f"  -j {jobs}: {large} documents in {seconds[large]:6.2f} s ({whole[jobs]:6.1f} documents/s), "
                f"{small} in {seconds[small]:6.2f} s; steady state {steady[jobs]:6.1f} documents/s "
                f"({1000 / steady[jobs]:5.2f} ms/document)"
            )
        print(ratio_line(f"-j 2 vs -j 1, whole run of {large}", whole[2] / whole[1], "≥ 1.7×"))
        print(ratio_line("-j 2 vs -j 1, steady state", steady[2] / steady[1], "≥ 1.7×"))


if __name__ == "__main__":
    main()
