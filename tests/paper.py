"""The paper tests' view of a PDF: docgen's own reader and measurements, so tests and `check --paper`
measure alike (docgen.layout.pdf_reader reads glyphs into lines, docgen.layout.paper_measure measures them,
docgen.layout.paper_check judges them).

    python tests/paper.py file.pdf   # dump the measured lines of a PDF
"""

from __future__ import annotations

import importlib.util
import os
import random
from collections.abc import Sequence

import pytest

from docgen.layout.paper_measure import PaperMeasurement, measure, short_for_kinsoku
from docgen.layout.pdf_reader import Glyph, Line, Page, describe, read_pages

__all__ = [
    "Glyph",
    "Line",
    "Page",
    "PaperMeasurement",
    "describe",
    "filler",
    "measure",
    "missing",
    "read_pages",
    "require_paper",
    "require_soffice",
    "short_for_kinsoku",
]


def missing(message: str) -> None:
    """Skip for a missing tool on a developer's machine; fail under CI, where it must be installed."""
    if os.environ.get("CI"):
        pytest.fail(f"{message}（CI 必须能运行纸面测试）", pytrace=False)
    pytest.skip(message)


def require_soffice() -> None:
    """LibreOffice is needed to put a document on paper."""
    from docgen.output.pdf import PdfError, find_soffice

    try:
        find_soffice()
    except PdfError as exc:
        missing(str(exc))


def require_paper() -> None:
    """LibreOffice to print, pypdfium2 to measure the PDF."""
    require_soffice()
    if importlib.util.find_spec("pypdfium2") is None:
        missing('缺少 PDF 测量库 pypdfium2：pip install "docgen[paper]"')


def filler(
    rng: random.Random, chars: int, phrases: Sequence[str], endings: str, mixed: Sequence[str] = ()
) -> str:
    """Speech-like sentences of at least ``chars`` characters; with ``mixed``, some phrases carry digits and
    Latin as real speeches do. The same ``rng`` state gives the same text, so layouts are reproducible."""
    text = ""
    while len(text) < chars:
        phrase = rng.choice(mixed) if mixed and rng.random() < 0.3 else rng.choice(phrases)
        text += phrase + rng.choice(endings)
    return text.rstrip("，、；") + ("。" if text[-1] not in "。！" else "")

if __name__ == "__main__":
    import sys

    print(describe(read_pages(sys.argv[1])))
