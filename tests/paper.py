"""The paper tests' view of a PDF: docgen's own reader and measurements, so tests and `check --paper`
measure alike (docgen.layout.pdf_reader reads glyphs into lines, docgen.layout.paper_measure measures them,
docgen.layout.paper_check judges them).

    python tests/paper.py file.pdf   # dump the measured lines of a PDF
"""

from __future__ import annotations

from docgen.layout.paper_measure import PaperMeasurement, measure, short_for_kinsoku
from docgen.layout.pdf_reader import Glyph, Line, Page, describe, read_pages

__all__ = ["Glyph", "Line", "Page", "PaperMeasurement", "describe", "measure", "read_pages", "short_for_kinsoku"]

if __name__ == "__main__":
    import sys

    print(describe(read_pages(sys.argv[1])))
