"""The paper tests' view of a PDF: docgen's own reader and measurements, so tests and `check --paper`
measure alike (docgen.pdf_reader reads glyphs into lines, docgen.paper_measure measures them,
docgen.paper_check judges them).

    python tests/paper.py file.pdf   # dump the measured lines of a PDF
"""

from __future__ import annotations

from docgen.paper_measure import PaperMeasurement, measure, short_for_kinsoku
from docgen.pdf_reader import Glyph, Line, Page, describe, read_pages

__all__ = ["Glyph", "Line", "Page", "PaperMeasurement", "describe", "measure", "read_pages", "short_for_kinsoku"]

if __name__ == "__main__":
    import sys

    print(describe(read_pages(sys.argv[1])))
