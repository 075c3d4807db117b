"""`docgen render --pdf` whole process against a bare LibreOffice conversion of the same .docx.

    python benchmarks/pdf_render.py [--pairs P] [--tree DIR ...]

Bare: ``soffice --headless --convert-to pdf`` of the .docx docgen renders from the seed, in a LibreOffice
profile of its own that an earlier (untimed) conversion initialised, as a user's everyday profile is.
docgen: ``python -m docgen render seed.yaml -o x.docx --pdf``, the whole process (render, safety checks,
its private profile, LibreOffice, the atomic write of the PDF), after one untimed run that fills the per-user
caches. P pairs (default 5), the order flipped every pair; medians. ``--tree DIR`` measures another checkout
in the same alternation (e.g. a worktree of an older commit). Target: docgen ≤ 1.15× bare.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import REPO, SEED_YAML, child_environment, ratio_line


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr.decode()[-2000:]}")
    return elapsed


def main() -> None:
    from docgen.output.pdf import find_soffice

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--tree", action="append", type=Path, default=[], help="another checkout to measure too")
    args = parser.parse_args()
    trees = [REPO, *(tree.resolve() for tree in args.tree)]
    soffice = find_soffice()
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as work:
        folder = Path(work)
        docx = folder / "seed.docx"
        subprocess.run(
            [sys.executable, "-m", "docgen", "render", str(SEED_YAML), "-o", str(docx)],
            cwd=REPO,
            env=dict(os.environ, PYTHONPATH=str(REPO)),
            check=True,
            capture_output=True,
        )
        profile = (folder / "bare-profile").as_uri()
        bare = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
        bare += ["--outdir", str(folder / "bare"), str(docx)]

        def docgen_run(tree: Path) -> list[str]:
            return [sys.executable, "-m", "docgen", "render", str(SEED_YAML), "-o", str(folder / "x.docx"), "--pdf"]

        def run(which: Path | None) -> float:
            if which is None:
                return timed(bare, folder, dict(os.environ))
            for made in (folder / "x.docx", folder / "x.pdf"):
                made.unlink(missing_ok=True)
            return timed(docgen_run(which), which, child_environment(which))

        run(None)  # initialises the bare profile
        for tree in trees:
            run(tree)  # fills docgen's caches (template, LibreOffice profile)
        contenders: list[Path | None] = [None, *trees]
        seconds: dict[Path | None, list[float]] = {which: [] for which in contenders}
        for pair in range(args.pairs):
            for which in contenders if pair % 2 == 0 else reversed(contenders):
                seconds[which].append(run(which))
            shutil.rmtree(folder / "bare", ignore_errors=True)
        bare_median = statistics.median(seconds[None])
        print(
            f"bare soffice --convert-to pdf: {bare_median:.2f} s (runs: {' '.join(f'{s:.2f}' for s in seconds[None])})"
        )
        for tree in trees:
            label = "this checkout" if tree == REPO else str(tree)
            median = statistics.median(seconds[tree])
            runs = " ".join(f"{s:.2f}" for s in seconds[tree])
            print(f"docgen render --pdf, {label}: {median:.2f} s (runs: {runs})")
            print("  " + ratio_line("render --pdf vs bare soffice", median / bare_median, "≤ 1.15×"))


if __name__ == "__main__":
    main()
