"""Measuring printed pages: a PDF's lines matched to a .docx's paragraphs, and what that says about the page.

The measurements behind the paper check (docgen.layout.paper_check) and the paper tests: for each page its body
lines, the grid lines it uses and why it is short; each full line and the count it should hold; the page
number line; where each paragraph starts and ends on paper; headings stranded at a page foot. The PDF's
characters are matched with the document's paragraphs (docgen.layout.docx_xml), so a paragraph's ends and which
paragraphs are headings come from the file — its styles, or an enumerator opening a short own-line
paragraph — not from guesses about the drawing.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.layout.build import NO_LINE_END, NO_LINE_START
from docgen.layout.check import load_document
from docgen.layout.docx_xml import DocParagraph, document_paragraphs, q
from docgen.layout.profile import Element, LayoutProfile
from docgen.layout.units import twips_to_mm

if TYPE_CHECKING:
    from docgen.layout.pdf_reader import Line, Page

MM_PER_PT = 25.4 / 72

# An own-line heading written by hand (no heading style): an enumerator, one sentence at most.
_ENUMERATOR = re.compile(
    r"^([一二三四五六七八九十百]+、|（[一二三四五六七八九十百]+）|\d+[.．]|（\d+）|第[一二三四五六七八九十百]+[章节部分])"
)
_SENTENCE_END = re.compile(r"[。！？；]")


@dataclass(frozen=True)
class Block:
    """The text block (版心) of a profile, in mm from the page's top-left corner."""

    left: float
    right: float
    top: float
    bottom: float

    @classmethod
    def of(cls, profile: LayoutProfile) -> Block:
        return cls(
            profile.margin_left_mm,
            profile.page_width_mm - profile.margin_right_mm,
            profile.margin_top_mm,
            profile.page_height_mm - profile.margin_bottom_mm,
        )

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class Placed:
    """A paragraph found on paper: where its first and last characters are (page index, line index)."""

    paragraph: DocParagraph
    first: tuple[int, int]
    last: tuple[int, int]

    @property
    def is_heading(self) -> bool:
        return self.paragraph.heading or self.paragraph.keep_with_next or looks_like_heading(self.paragraph.text)


def looks_like_heading(text: str) -> bool:
    """An own-line heading typed by hand: opens with 一、 / （一） / 1. / （1） / 第一章 and holds at most one
    sentence, ending the paragraph. A run-in heading (（一）… 。 then body) holds more and is body text."""
    if not _ENUMERATOR.match(text) or len(text) > 60:
        return False
    ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    return not ends or ends == [len(text) - 1]


@dataclass(frozen=True)
class PageFill:
    """How much of a page's grid is used: printed body lines and grid lines (blank lines included)."""

    index: int
    lines: int
    slots: int
    full: bool
    reason: str  # why a page that is not full may be so ("" when it is full or is the last page)


@dataclass(frozen=True)
class FullLine:
    """A body line that is not the last of its paragraph, with the count it should hold."""

    page: int
    line: Line
    following: Line
    capacity: int

    @property
    def count(self) -> int:
        return len(self.line.chars)

    @property
    def excused(self) -> bool:
        return self.count == self.capacity or short_for_kinsoku(self.line, self.following, self.capacity)


@dataclass(frozen=True)
class PageNumber:
    index: int
    line: Line | None

    @property
    def text(self) -> str:
        return self.line.text.strip() if self.line is not None else ""


@dataclass
class PaperMeasurement:
    """Everything measured on the printed pages of one document."""

    profile: LayoutProfile
    pages: list[Page]
    body: list[list[Line]]  # per page: the lines of the document body (no header, footer, page number)
    numbers: list[PageNumber]
    placed: list[Placed]
    paragraphs: int  # non-blank paragraphs in the document
    pitch_mm: float
    fills: list[PageFill] = field(default_factory=list)
    full_lines: list[FullLine] = field(default_factory=list)
    body_pt: float = 0.0
    stranded: list[tuple[int, str]] = field(default_factory=list)
    docx: Path = field(default_factory=Path)

    @property
    def block(self) -> Block:
        return Block.of(self.profile)

    def figures(self) -> dict[str, Any]:
        """The measured figures, for --json and for reports."""
        return {
            "pages": [
                {
                    "page": f.index,
                    "lines": f.lines,
                    "grid_lines": f.slots,
                    "full": f.full,
                    "short_because": f.reason,
                    "page_number": n.text,
                }
                for f, n in zip(self.fills, self.numbers, strict=True)
            ],
            "line_pitch_mm": round(self.pitch_mm, 2),
            "chars_per_full_line": dict(
                Counter(f.count for f in self.full_lines if f.capacity == self.profile.chars_per_line)
            ),
            "headings_stranded": [{"page": page, "text": text} for page, text in self.stranded],
        }


def short_for_kinsoku(line: Line, following: Line, capacity: int) -> bool:
    """A line ``capacity − k`` long is right when the k characters carried to the next line had to go:
    the next line would otherwise start with a character that may not start one (。，、 ” …), possibly in a
    chain like “例》、”, this line would end with an opening bracket or quote, or a two-cell mark (——, ……)
    may not be split."""
    missing = capacity - len(line.chars)
    rest = following.chars
    if missing < 1 or len(rest) <= missing:
        return False
    carried_chain = all(c in NO_LINE_START for c in rest[1 : missing + 1])
    opening_at_end = all(c in NO_LINE_END for c in rest[:missing])  # “‘ carried down together
    two_cell = missing == 1 and rest[:2] in ("——", "……")
    return carried_chain or opening_at_end or two_cell


# -- measuring --------------------------------------------------------------------------------------


def measure(pages: list[Page], docx: str | Path, profile: LayoutProfile) -> PaperMeasurement:
    """Measure the printed ``pages`` of the .docx ``docx`` (its PDF, read with docgen.layout.pdf_reader)."""
    _, document, styles = load_document(Path(docx))
    heading_ids = frozenset(e.style_id for e in Element if e.keeps_with_next)
    paragraphs = [p for p in document_paragraphs(document, styles, heading_ids) if p.text]
    top, bottom = _body_band(document, profile)
    body: list[list[Line]] = []
    numbers: list[PageNumber] = []
    for page in pages:
        inside = [line for line in page.lines if top - 2 <= line.top and line.bottom <= page.height_mm - bottom + 2]
        below = [line for line in page.lines if line.bottom > page.height_mm - bottom + 2]
        body.append(inside)
        numbers.append(PageNumber(page.index, _page_number_line(below)))
    placed = _place(paragraphs, body)
    measurement = PaperMeasurement(
        profile, pages, body, numbers, placed, len(paragraphs), _pitch(placed, body, profile)
    )
    measurement.docx = Path(docx)
    measurement.body_pt = _body_size(placed, body, profile)
    measurement.full_lines = _full_lines(placed, body, measurement.body_pt, profile)
    measurement.fills = _fills(placed, body, measurement.pitch_mm, profile)
    measurement.stranded = _stranded(placed, body)
    return measurement


def _body_band(document: Any, profile: LayoutProfile) -> tuple[float, float]:
    """The document's own top and bottom margins (mm): what lies outside them is header or footer."""
    section = document.find(f"{q('body')}/{q('sectPr')}")
    margins = section.find(q("pgMar")) if section is not None else None
    if margins is None:
        return profile.margin_top_mm, profile.margin_bottom_mm
    top = abs(int(margins.get(q("top"), "0") or 0))
    bottom = abs(int(margins.get(q("bottom"), "0") or 0))
    return twips_to_mm(top), twips_to_mm(bottom)


_NUMBER_TEXT = re.compile(r"\d")


def _page_number_line(footer: list[Line]) -> Line | None:
    """The footer line that carries the page number: the lowest one holding digits."""
    for line in reversed(footer):
        if _NUMBER_TEXT.search(line.text):
            return line
    return footer[-1] if footer else None


def _place(paragraphs: list[DocParagraph], body: list[list[Line]]) -> list[Placed]:
    """Find each paragraph's first and last characters in the printed text, in reading order.

    Matched by a head and a tail of up to 12 characters, so a difference inside a paragraph (a field, an
    automatic number printed before it) does not lose it; a paragraph not found is left out (and counted).
    """
    stream: list[str] = []
    where: list[tuple[int, int]] = []
    for page_index, lines in enumerate(body):
        for line_index, line in enumerate(lines):
            stream += line.chars
            where += [(page_index, line_index)] * len(line.chars)
    text = "".join(stream)
    placed: list[Placed] = []
    cursor = 0
    for paragraph in paragraphs:
        wanted = paragraph.text
        head, tail = wanted[:12], wanted[-12:]
        start = text.find(head, cursor, cursor + len(wanted) + 2000)
        if start < 0:
            continue
        expected_end = start + len(wanted)
        end = text.find(tail, max(start, expected_end - len(tail) - 40), expected_end + 40)
        if end < 0:
            cursor = start + len(head)
            continue
        last = end + len(tail) - 1
        placed.append(Placed(paragraph, where[start], where[last]))
        cursor = last + 1
    return placed


def _pitch(placed: list[Placed], body: list[list[Line]], profile: LayoutProfile) -> float:
    """The line pitch in mm: the median distance between successive lines of one paragraph."""
    steps = []
    for item in placed:
        (page, first), (last_page, last) = item.first, item.last
        if page != last_page or last <= first:
            continue
        lines = body[page]
        steps += [lines[i + 1].baseline - lines[i].baseline for i in range(first, last)]
    return statistics.median(steps) if steps else profile.line_pitch_twips / 20 * MM_PER_PT


def _body_size(placed: list[Placed], body: list[list[Line]], profile: LayoutProfile) -> float:
    sizes: Counter[float] = Counter()
    for item in placed:
        if item.is_heading:
            continue
        (page, first), (last_page, last) = item.first, item.last
        for index in range(first, last + 1 if page == last_page else len(body[page])):
            sizes[body[page][index].size_pt] += 1
    return sizes.most_common(1)[0][0] if sizes else profile.style(Element.BODY).size_pt


def _full_lines(placed: list[Placed], body: list[list[Line]], body_pt: float, profile: LayoutProfile) -> list[FullLine]:
    """Every pure-Chinese body-size line that its paragraph continues after, with its capacity: the
    profile's count, less the first-line indent measured in characters."""
    found: list[FullLine] = []
    em_mm = body_pt * MM_PER_PT
    for item in placed:
        lines = [(p, i) for p in range(item.first[0], item.last[0] + 1) for i in range(len(body[p]))]
        lines = [ref for ref in lines if item.first <= ref <= item.last]
        lefts = [body[p][i].x0 for p, i in lines[1:]]
        left = min(lefts) if lefts else Block.of(profile).left
        if item.paragraph.align in ("center", "right", "end"):
            continue  # centred lines (subtitle, title) are as long as their words, not the grid
        for position, (page, index) in enumerate(lines[:-1]):
            line = body[page][index]
            nxt_page, nxt_index = lines[position + 1]
            following = body[nxt_page][nxt_index]
            if abs(line.size_pt - body_pt) >= 0.5 or not line.is_pure_chinese():
                continue
            if any(c.isascii() for c in following.chars[:4]):
                continue  # a digit run or Latin word carried down whole shortens the line legitimately
            indent = round((line.x0 - left) / em_mm) if position == 0 else 0
            found.append(FullLine(page + 1, line, following, profile.chars_per_line - max(indent, 0)))
    return found


def _fills(placed: list[Placed], body: list[list[Line]], pitch_mm: float, profile: LayoutProfile) -> list[PageFill]:
    starts = {item.first: position for position, item in enumerate(placed)}
    wanted = profile.lines_per_page
    fills = []
    for index, lines in enumerate(body):
        if not lines:
            fills.append(PageFill(index + 1, 0, 0, False, ""))
            continue
        slots = round((lines[-1].baseline - lines[0].baseline) / pitch_mm) + 1
        full = slots == wanted
        reason = ""
        opener = starts.get((index + 1, 0))
        if not full and opener is not None:
            if placed[opener].paragraph.page_break_before:
                reason = "下页另起（分页符）"
            elif placed[opener].is_heading and wanted - slots <= _kept_lines(placed, opener) + 1:
                # Excused only by as many lines as the headings that moved: a longer gap is something else.
                reason = "下页以标题开头：标题与后文同页"
        fills.append(PageFill(index + 1, len(lines), slots, full, reason))
    return fills


def _kept_lines(placed: list[Placed], opener: int) -> int:
    """How many lines the run of headings opening a page takes there (the lines keep-with-next moved)."""
    position = opener
    page = placed[opener].first[0]
    while position + 1 < len(placed) and placed[position + 1].is_heading and placed[position + 1].first[0] == page:
        position += 1
    return placed[position].last[1] + 1 if placed[position].last[0] == page else 0


def _stranded(placed: list[Placed], body: list[list[Line]]) -> list[tuple[int, str]]:
    """Headings whose last line ends a page (with more to come), or that a page break splits."""
    found = []
    for position, item in enumerate(placed):
        if not item.is_heading or position == len(placed) - 1:
            continue
        page, line = item.last
        split = item.first[0] != page
        at_foot = line == len(body[page]) - 1 and placed[position + 1].first[0] > page
        if split or at_foot:
            found.append((item.first[0] + 1, item.paragraph.text))
    return found


# -- the check --------------------------------------------------------------------------------------
