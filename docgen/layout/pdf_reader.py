"""Measuring a PDF from its glyph positions: pages of text lines, in millimetres from the page's top-left.

Read with pypdfium2 (PDFium's text layer): each character's origin (pen position on the baseline), its
advance box and its font size come straight from the PDF's text objects, so nothing is guessed from
rendered pixels. Characters are grouped into lines by baseline.

Boxes are *em boxes*, the cell a character is set in, not its ink: ``x0`` is the pen position, ``x1`` the
right of the character's box (for a CJK character x0 + its size), ``top``/``bottom`` the ideographic em box
of CJK fonts, 0.88 of the size above the baseline and 0.12 below (Noto CJK, 仿宋, 宋体 all use it). A line
of 16 pt characters therefore spans 16 pt vertically whatever the glyphs' shapes, which is what a margin
check on a typeset page needs.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium  # the `paper` extra: pip install "docgen[paper]"
import pypdfium2.raw as pdfium_c

MM_PER_PT = 25.4 / 72
EM_ASCENT = 0.88
EM_DESCENT = 0.12
BASELINE_TOLERANCE_PT = 1.0

PAGE_NUMBER = re.compile(r"^— (\d+) —$")


@dataclass(frozen=True)
class Glyph:
    """One character as printed: its em box in mm from the page's top-left, its size in pt, its font."""

    char: str
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    size_pt: float
    font: str


@dataclass(frozen=True)
class Line:
    """Characters sharing a baseline, left to right (spaces included where the PDF has them)."""

    glyphs: tuple[Glyph, ...]

    @property
    def text(self) -> str:
        return "".join(g.char for g in self.glyphs)

    @property
    def chars(self) -> str:
        """The printed characters without spaces: what "characters per line" counts."""
        return "".join(g.char for g in self.glyphs if not g.char.isspace())

    @property
    def x0(self) -> float:
        return min(g.x0 for g in self.glyphs)

    @property
    def x1(self) -> float:
        return max(g.x1 for g in self.glyphs)

    @property
    def top(self) -> float:
        return min(g.top for g in self.glyphs)

    @property
    def bottom(self) -> float:
        return max(g.bottom for g in self.glyphs)

    @property
    def baseline(self) -> float:
        return self.glyphs[0].baseline

    @property
    def size_pt(self) -> float:
        """The most common font size of the line's printed characters."""
        sizes = Counter(round(g.size_pt, 1) for g in self.glyphs if not g.char.isspace())
        return sizes.most_common(1)[0][0]

    @property
    def fonts(self) -> set[str]:
        return {g.font for g in self.glyphs if not g.char.isspace()}

    def is_pure_chinese(self) -> bool:
        """Only CJK ideographs and full-width punctuation: no digit, Latin letter or half-width sign."""
        return all(ord(c) >= 0x2E80 or c in "“”‘’—…·" for c in self.chars)

    def __str__(self) -> str:
        return f"{self.text!r} (x {self.x0:.1f}–{self.x1:.1f} mm, top {self.top:.1f} mm, {self.size_pt:g} pt)"


@dataclass(frozen=True)
class Page:
    """One page: its number in the file (1-based), its size and its lines from top to bottom."""

    index: int
    width_mm: float
    height_mm: float
    lines: tuple[Line, ...]

    def lines_within(self, top_mm: float, bottom_mm: float) -> list[Line]:
        """Lines whose baseline lies between two heights (mm from the top of the page)."""
        return [line for line in self.lines if top_mm <= line.baseline <= bottom_mm]

    def page_number_line(self) -> Line | None:
        """The "— N —" line, if the page has one (the lowest line that reads so)."""
        for line in reversed(self.lines):
            if PAGE_NUMBER.match(line.text.strip()):
                return line
        return None

    def page_number(self) -> int | None:
        line = self.page_number_line()
        if line is None:
            return None
        match = PAGE_NUMBER.match(line.text.strip())
        return int(match.group(1)) if match else None


def read_pages(pdf: str | Path) -> list[Page]:
    """Every page of ``pdf`` as lines of glyphs."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        return [_read_page(document, index) for index in range(len(document))]
    finally:
        document.close()


def _read_page(document: Any, index: int) -> Page:
    page = document[index]
    text_page = page.get_textpage()
    try:
        width_pt, height_pt = page.get_size()
        glyphs = list(_glyphs(text_page.raw, height_pt))
    finally:
        text_page.close()
        page.close()
    return Page(index + 1, width_pt * MM_PER_PT, height_pt * MM_PER_PT, tuple(_lines(glyphs)))


def _glyphs(text_page: Any, page_height_pt: float) -> Iterable[Glyph]:
    name = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    x, y = ctypes.c_double(), ctypes.c_double()
    box = pdfium_c.FS_RECTF()
    for i in range(pdfium_c.FPDFText_CountChars(text_page)):
        if pdfium_c.FPDFText_IsGenerated(text_page, i):  # spaces and line ends PDFium infers
            continue
        char = chr(pdfium_c.FPDFText_GetUnicode(text_page, i))
        if char in "\r\n\x00":
            continue
        pdfium_c.FPDFText_GetCharOrigin(text_page, i, x, y)
        pdfium_c.FPDFText_GetLooseCharBox(text_page, i, box)
        size = pdfium_c.FPDFText_GetFontSize(text_page, i)
        pdfium_c.FPDFText_GetFontInfo(text_page, i, name, len(name), flags)
        baseline_pt = page_height_pt - y.value
        yield Glyph(
            char=char,
            x0=x.value * MM_PER_PT,
            x1=max(box.right, x.value) * MM_PER_PT,
            top=(baseline_pt - EM_ASCENT * size) * MM_PER_PT,
            bottom=(baseline_pt + EM_DESCENT * size) * MM_PER_PT,
            baseline=baseline_pt * MM_PER_PT,
            size_pt=size,
            font=name.value.decode("utf-8", "replace"),
        )


def _lines(glyphs: list[Glyph]) -> list[Line]:
    lines: list[list[Glyph]] = []
    tolerance = BASELINE_TOLERANCE_PT * MM_PER_PT
    for glyph in sorted(glyphs, key=lambda g: (g.baseline, g.x0)):
        if lines and abs(lines[-1][0].baseline - glyph.baseline) <= tolerance:
            lines[-1].append(glyph)
        else:
            lines.append([glyph])
    return [Line(tuple(sorted(line, key=lambda g: g.x0))) for line in lines]


def describe(pages: list[Page]) -> str:
    """A text dump of the measured lines, for failure messages and for looking at a layout by hand."""
    out = []
    for page in pages:
        out.append(f"--- page {page.index} ({page.width_mm:.1f} × {page.height_mm:.1f} mm)")
        out += [f"  {len(line.chars):2d} {line}" for line in page.lines]
    return "\n".join(out)


if __name__ == "__main__":
    import sys

    print(describe(read_pages(sys.argv[1])))
