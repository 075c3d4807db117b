"""Seconds to import a plain-text draft of 2,000 and 20,000 paragraphs (target: 20,000 in under 10 s).

    python benchmarks/import_speed.py [N ...]

The draft is `tests/test_import_linear.long_draft`: a title block, then level-1 sections each with a praise
list, run-in level-2 and level-3 headings, shortcomings and a hard-wrapped paragraph — every step of the
importer (line joining, title block, headings, lists, parts, report) has work to do. The test of the same
name checks the work is linear by counting calls; this script only prints times.
"""

from __future__ import annotations

import sys
import time

import common  # noqa: F401  (puts the checkout on sys.path)


def main() -> None:
    from docgen.importer import import_text
    from tests.test_import_linear import long_draft

    sizes = [int(a) for a in sys.argv[1:]] or [2_000, 20_000]
    for size in sizes:
        text = long_draft(size)
        start = time.perf_counter()
        result = import_text(text)
        seconds = time.perf_counter() - start
        paragraphs = len(result.report.paragraphs)
        per = seconds / paragraphs * 1e6
        verdict = ""
        if size == 20_000:
            verdict = "  (target < 10 s: met)" if seconds < 10 else "  (target < 10 s: MISSED)"
        print(f"{paragraphs:>7,} paragraphs ({len(text):,} chars): {seconds:6.2f} s, {per:.0f} µs/paragraph{verdict}")


if __name__ == "__main__":
    main()
