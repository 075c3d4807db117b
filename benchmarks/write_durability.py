"""What durable writes cost: N seed-sized .docx written into one folder three ways, in one run.

    python benchmarks/write_durability.py [N]      # default 500

- fsync per file: `docgen.output.files.write_new` (what `render` does for its one file);
- one flush per chunk: `stage(durable=False)` × 32, one `flush_to_disk`, `publish` × 32 (what `batch` does);
- no flush at all: `stage(durable=False)` + `publish` (atomic, but not durable across a power cut; for reference).

Rounds alternate the three (the order rotates), medians of 5 rounds, milliseconds per file.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import seed_data

CHUNK = 32


def main() -> None:
    from docgen import Speech, Template
    from docgen.output.files import flush_to_disk, publish, stage, write_new

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    data = Template("speech").render(Speech.model_validate(seed_data()))

    def per_file(folder: Path) -> None:
        for number in range(count):
            write_new(folder / f"{number:05d}.docx", data)

    def per_chunk(folder: Path) -> None:
        for start in range(0, count, CHUNK):
            staged = [
                stage(folder / f"{n:05d}.docx", data, overwrite=False, durable=False)
                for n in range(start, min(count, start + CHUNK))
            ]
            flush_to_disk(staged)
            for item in staged:
                publish(item)

    def none(folder: Path) -> None:
        for number in range(count):
            publish(stage(folder / f"{number:05d}.docx", data, overwrite=False, durable=False))

    ways: dict[str, Callable[[Path], None]] = {
        "fsync per file": per_file,
        f"one flush per {CHUNK} files": per_chunk,
        "no flush (not durable)": none,
    }
    seconds: dict[str, list[float]] = {name: [] for name in ways}
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as work:
        names = list(ways)
        for round_ in range(5):
            for name in names[round_ % 3 :] + names[: round_ % 3]:
                folder = Path(work, "out")
                folder.mkdir()
                started = time.perf_counter()
                ways[name](folder)
                seconds[name].append(time.perf_counter() - started)
                shutil.rmtree(folder)
    print(f"{count} files of {len(data)} bytes, medians of 5 alternated rounds")
    base = statistics.median(seconds["fsync per file"])
    for name, runs in seconds.items():
        median = statistics.median(runs)
        print(f"  {name:28s} {median * 1000 / count:6.3f} ms/file  ({base / median:4.1f}× the per-file fsync speed)")


if __name__ == "__main__":
    main()
