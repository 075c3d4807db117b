"""The paper check: any .docx laid out by LibreOffice and measured in the PDF against a `LayoutProfile`.

What "on paper" means lives here, once, for `docgen check --paper` and for the project's paper tests:
lines per page, characters per full line, the text block, the page numbers (text, size, side, offset, gap)
and headings stranded at the foot of a page. The PDF's characters are matched with the document's
paragraphs (docgen.docx_xml), so the check knows where each paragraph starts and ends on paper and which
ones are headings — from the file's styles, or from an enumerator opening a short own-line paragraph.

>>> from docgen.paper_check import check_paper
>>> check_paper("讲话.docx").ok  # doctest: +SKIP
True
"""

from __future__ import annotations

import importlib
import re
import statistics
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.build import NO_LINE_END, NO_LINE_START
from docgen.check import CheckReport, Finding, choose_profile, load_document
from docgen.docx_xml import DocParagraph, document_paragraphs, q
from docgen.errors import DocgenError
from docgen.profile import Element, LayoutProfile
from docgen.units import twips_to_mm

if TYPE_CHECKING:
    from docgen.pdf_reader import Line, Page

MM_PER_PT = 25.4 / 72
BLOCK_TOLERANCE_MM = 1.0
PAGE_NUMBER_GAP_MM = 7.0
PAGE_NUMBER_GAP_TOLERANCE_MM = 1.0
PAGE_NUMBER_OFFSET_TOLERANCE_MM = 0.5
PITCH_TOLERANCE_MM = 0.1
EXACTLY_FULL_SHARE = 0.6  # kinsoku may shorten lines, but most full lines must hold the whole count
PAPER_EXTRA = 'pip install "docgen[paper]"'

# An own-line heading written by hand (no heading style): an enumerator, one sentence at most.
_ENUMERATOR = re.compile(
    r"^([一二三四五六七八九十百]+、|（[一二三四五六七八九十百]+）|\d+[.．]|（\d+）|第[一二三四五六七八九十百]+[章节部分])"
)
_SENTENCE_END = re.compile(r"[。！？；]")


class PaperCheckError(DocgenError):
    """The paper check cannot run here: no PDF reader (pypdfium2) or no LibreOffice."""


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

    def findings(self) -> list[Finding]:
        return [
            self._text_finding(),
            self._lines_per_page_finding(),
            self._chars_per_line_finding(),
            self._block_finding(),
            *self._page_number_findings(),
            self._stranded_finding(),
        ]

    # -- the items ----------------------------------------------------------------------------------

    def _text_finding(self) -> Finding:
        share = len(self.placed) / self.paragraphs if self.paragraphs else 0.0
        found = f"{len(self.placed)}/{self.paragraphs} 段在 PDF 中对上"
        return Finding("文字核对", "每段文字都印在纸上", found, self.paragraphs > 0 and share >= 0.95)

    def _lines_per_page_finding(self) -> Finding:
        wanted = self.profile.lines_per_page
        pitch = self.profile.line_pitch_twips / 20 * MM_PER_PT
        expected = f"每个满页 {wanted} 行（行距 {pitch:.2f} 毫米）"
        if not self.fills:
            return Finding("每页行数", expected, "没有正文行", False)
        full = [f for f in self.fills if f.full]
        last = len(self.fills) - 1
        over = [f for f in self.fills if f.slots > wanted]
        early = [f for i, f in enumerate(self.fills) if i < last and f.slots < wanted]
        bad = over + [f for f in early if not f.reason]
        counts = Counter(f.slots for f in full)
        shown = "、".join(f"{n} 行 × {c} 页" for n, c in sorted(counts.items())) or "无满页"
        notes = [f"第 {f.index} 页 {f.slots} 行（{f.reason}）" for f in early if f.reason]
        notes += [f"第 {f.index} 页 {f.slots} 行" for f in sorted(bad, key=lambda f: f.index)]
        pitch_ok = abs(self.pitch_mm - pitch) <= PITCH_TOLERANCE_MM
        found = f"{shown}，行距 {self.pitch_mm:.2f} 毫米" + (f"；{_listed(notes, 6)}" if notes else "")
        ok = not bad and pitch_ok and all(f.slots == wanted for f in full)
        return Finding("每页行数", expected, found, ok)

    def _chars_per_line_finding(self) -> Finding:
        wanted = self.profile.chars_per_line
        body_pt = self.profile.style(Element.BODY).size_pt
        expected = f"满行 {wanted} 字（{body_pt:g} 磅），缩进 2 字的首行 {wanted - 2} 字"
        if not self.full_lines:
            return Finding("每行字数", expected, "没有可量的满行（纯中文、非段末的正文行）", False)
        plain = [f.count for f in self.full_lines if f.capacity == self._line_capacity()]
        mode = Counter(plain).most_common(1)[0][0] if plain else 0
        exact = sum(n == self._line_capacity() for n in plain)
        unexcused = [f for f in self.full_lines if not f.excused]
        over = [f for f in self.full_lines if f.count > f.capacity]
        found = f"{mode} 字（{self.body_pt:g} 磅；满行 {len(self.full_lines)} 行，整行 {exact}/{len(plain)}）"
        if unexcused:
            first = unexcused[0]
            found += f"；{len(unexcused)} 行字数不对，如第 {first.page} 页“{first.line.chars}”{first.count} 字"
        ok = (
            abs(self.body_pt - body_pt) < 0.5
            and mode == wanted
            and not unexcused
            and not over
            and exact >= EXACTLY_FULL_SHARE * len(plain)
        )
        return Finding("每行字数", expected, found, ok)

    def _line_capacity(self) -> int:
        return self.profile.chars_per_line

    def _block_finding(self) -> Finding:
        block = self.block
        expected = (
            f"{block.width:g} × {block.height:g} 毫米，上 {block.top:g}、左 {block.left:g} 毫米"
            f"（±{BLOCK_TOLERANCE_MM:g}）"
        )
        lines = [line for page in self.body for line in page]
        if not lines:
            return Finding("版心", expected, "没有正文行", False)
        left, right = min(li.x0 for li in lines), max(li.x1 for li in lines)
        top, bottom = min(li.top for li in lines), max(li.bottom for li in lines)
        inside = (
            left >= block.left - BLOCK_TOLERANCE_MM
            and right <= block.right + BLOCK_TOLERANCE_MM
            and top >= block.top - BLOCK_TOLERANCE_MM
            and bottom <= block.bottom + BLOCK_TOLERANCE_MM
        )
        pitch = self.profile.line_pitch_twips / 20 * MM_PER_PT
        # Filling: full lines reach both edges, and full pages run from the first grid line to the last.
        fills_width = all(
            abs(f.line.x1 - block.right) <= BLOCK_TOLERANCE_MM
            for f in self.full_lines
            if f.count == f.capacity and f.line.is_pure_chinese()
        ) and any(abs(f.line.x0 - block.left) <= BLOCK_TOLERANCE_MM for f in self.full_lines)
        full_pages = [self.body[f.index - 1] for f in self.fills if f.full]
        fills_height = all(
            block.top - BLOCK_TOLERANCE_MM <= page[0].top <= block.top + pitch
            and block.bottom - pitch <= page[-1].bottom <= block.bottom + BLOCK_TOLERANCE_MM
            for page in full_pages
        )
        found = (
            f"文字在 左 {left:.1f}–右 {right:.1f}、上 {top:.1f}–下 {bottom:.1f} 毫米"
            f"（宽 {right - left:.1f}，高 {bottom - top:.1f}）"
        )
        if inside and not (fills_width and fills_height):
            found += "，未铺满版心"
        return Finding("版心", expected, found, inside and fills_width and fills_height and bool(full_pages))

    def _page_number_findings(self) -> list[Finding]:
        number = self.profile.page_number
        dash = number.dash
        block = self.block
        one_char = number.size_pt * MM_PER_PT
        texts, sizes, sides, offsets, gaps = [], [], [], [], []
        for page in self.numbers:
            line = page.line
            wanted = f"{dash} {page.index} {dash}"
            if line is None:
                texts.append(f"第 {page.index} 页无页码")
                continue
            if page.text != wanted:
                texts.append(f"第 {page.index} 页“{page.text}”")
            if abs(line.size_pt - number.size_pt) >= 0.3:
                sizes.append(f"第 {page.index} 页 {line.size_pt:g} 磅")
            side = _side(line, block)
            odd = page.index % 2 == 1
            if side != ("居右" if odd else "居左"):
                sides.append(f"第 {page.index} 页{side}")
            offset = block.right - line.x1 if odd else line.x0 - block.left
            offsets.append(offset)
            gaps.append(line.top - block.bottom)
        count = len(self.numbers)
        findings = [
            Finding(
                "页码文字",
                f"“{dash} N {dash}”，N 为页序（半角数字，两侧一字线）",
                _listed(texts) or f"{count} 页都对",
                not texts and count > 0,
            ),
            Finding(
                "页码字号",
                f"{number.size_pt:g} 磅（{number.size}）",
                _listed(sizes) or f"{number.size_pt:g} 磅",
                not sizes and count > 0,
            ),
            Finding(
                "页码位置", "单页居右、双页居左", _listed(sides) or "单页居右、双页居左", not sides and bool(offsets)
            ),
        ]
        if offsets:
            worst_offset = max(offsets, key=lambda o: abs(o - one_char))
            offset_ok = all(abs(o - one_char) <= PAGE_NUMBER_OFFSET_TOLERANCE_MM for o in offsets)
            findings.append(
                Finding(
                    "页码外侧空",
                    f"{number.outer_indent_chars:g} 字（{one_char:.1f} 毫米 ±{PAGE_NUMBER_OFFSET_TOLERANCE_MM:g}）",
                    f"{statistics.median(offsets):.1f} 毫米（最偏 {worst_offset:.1f}）",
                    offset_ok and not sides,
                )
            )
            worst_gap = max(gaps, key=lambda g: abs(g - PAGE_NUMBER_GAP_MM))
            gap_ok = all(abs(g - PAGE_NUMBER_GAP_MM) <= PAGE_NUMBER_GAP_TOLERANCE_MM for g in gaps)
            findings.append(
                Finding(
                    "页码距版心",
                    f"{PAGE_NUMBER_GAP_MM:g} 毫米（±{PAGE_NUMBER_GAP_TOLERANCE_MM:g}）",
                    f"{statistics.median(gaps):.1f} 毫米（最偏 {worst_gap:.1f}）",
                    gap_ok,
                )
            )
        else:
            findings.append(Finding("页码外侧空", f"{number.outer_indent_chars:g} 字", "无页码", False))
            findings.append(Finding("页码距版心", f"{PAGE_NUMBER_GAP_MM:g} 毫米", "无页码", False))
        return findings

    def _stranded_finding(self) -> Finding:
        shown = _listed([f"第 {page} 页末“{text}”" for page, text in self.stranded])
        return Finding(
            "页末标题",
            "0 处（标题不做一页的最后一行）",
            f"{len(self.stranded)} 处" + (f"：{shown}" if shown else ""),
            not self.stranded,
        )

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
                Counter(f.count for f in self.full_lines if f.capacity == self._line_capacity())
            ),
            "headings_stranded": [{"page": page, "text": text} for page, text in self.stranded],
        }


def _side(line: Line, block: Block) -> str:
    centre = (line.x0 + line.x1) / 2
    middle = (block.left + block.right) / 2
    if abs(centre - middle) < 3:
        return "居中"
    return "居右" if centre > middle else "居左"


def _listed(items: list[str], limit: int = 4) -> str:
    if len(items) <= limit:
        return "、".join(items)
    return "、".join(items[:limit]) + f" 等 {len(items)} 处"


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
    """Measure the printed ``pages`` of the .docx ``docx`` (its PDF, read with docgen.pdf_reader)."""
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


def read_pdf(pdf: str | Path) -> list[Page]:
    """The pages of ``pdf`` as lines; `PaperCheckError` with the install command without pypdfium2."""
    pages: list[Page] = _pdf_reader().read_pages(pdf)
    return pages


def _pdf_reader() -> Any:
    """docgen.pdf_reader, which needs pypdfium2 (the `paper` extra), or `PaperCheckError` saying so."""
    try:
        return importlib.import_module("docgen.pdf_reader")
    except ImportError:
        raise PaperCheckError(f"纸面检查需要读取 PDF 的 pypdfium2，当前环境没有安装。请运行：{PAPER_EXTRA}") from None


@dataclass(frozen=True)
class PaperReport(CheckReport):
    """A `CheckReport` from paper, with the measured figures."""

    measurement: PaperMeasurement | None = None

    def as_dict(self) -> dict[str, Any]:
        data = super().as_dict()
        if self.measurement is not None:
            data["figures"] = self.measurement.figures()
        return data


def check_paper(path: str | Path, profile: LayoutProfile | None = None, *, timeout: float = 180) -> PaperReport:
    """Lay the .docx at ``path`` out with LibreOffice and measure its pages against ``profile`` (default:
    the bundled profile it was made with, else the standard one). The PDF is made in a temporary folder;
    nothing is written beside the file."""
    from docgen.pdf import PdfError, to_pdf

    path = Path(path)
    parts, _, _ = load_document(path)
    profile, basis = choose_profile(parts, profile)
    _pdf_reader()  # fail before the slow conversion
    with tempfile.TemporaryDirectory(prefix="docgen-paper-") as work:
        try:
            pdf = to_pdf(path, Path(work) / "paper.pdf", timeout=timeout)
        except PdfError as exc:
            raise PaperCheckError(str(exc)) from None
        pages = read_pdf(pdf)
    measurement = measure(pages, path, profile)
    return PaperReport(str(path), profile.name, measurement.findings(), basis, measurement)
