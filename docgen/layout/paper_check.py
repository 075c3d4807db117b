"""The paper check: any .docx laid out by LibreOffice and judged on its PDF against a `LayoutProfile`.

`docgen check --paper` and the paper tests judge with the same findings: lines per page, characters per full
line, the text block, the page numbers (text, size, side, offset, gap) and headings stranded at the foot of a
page, measured by docgen.layout.paper_measure. docs/PAGINATION.md gives the acceptance of each item.

>>> from docgen.layout.paper_check import check_paper
>>> check_paper("讲话.docx").ok  # doctest: +SKIP
True
"""

from __future__ import annotations

import importlib
import statistics
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.errors import DocgenError
from docgen.layout.check import CheckReport, Finding, choose_profile, load_document
from docgen.layout.paper_measure import MM_PER_PT, Block, PaperMeasurement, measure
from docgen.layout.profile import Element, LayoutProfile

if TYPE_CHECKING:
    from docgen.layout.pdf_reader import Line, Page

BLOCK_TOLERANCE_MM = 1.0
PAGE_NUMBER_GAP_MM = 7.0
PAGE_NUMBER_GAP_TOLERANCE_MM = 1.0
PAGE_NUMBER_OFFSET_TOLERANCE_MM = 0.5
PITCH_TOLERANCE_MM = 0.1
EXACTLY_FULL_SHARE = 0.6  # kinsoku may shorten lines, but most full lines must hold the whole count
PAPER_EXTRA = 'pip install "docgen[paper]"'


class PaperCheckError(DocgenError):
    """The paper check cannot run here: no PDF reader (pypdfium2) or no LibreOffice."""


def paper_findings(m: PaperMeasurement) -> list[Finding]:
    """One finding per item of the paper check, in the order the command prints them."""
    return [
        _text_finding(m),
        _lines_per_page_finding(m),
        _chars_per_line_finding(m),
        _block_finding(m),
        *_page_number_findings(m),
        _stranded_finding(m),
    ]


# -- the items ----------------------------------------------------------------------------------


def _text_finding(m: PaperMeasurement) -> Finding:
    share = len(m.placed) / m.paragraphs if m.paragraphs else 0.0
    if not m.paragraphs:
        return Finding("文字核对", "每段文字都印在纸上", "文档没有文字", True, judged=False)
    found = f"{len(m.placed)}/{m.paragraphs} 段在 PDF 中对上"
    return Finding("文字核对", "每段文字都印在纸上", found, share >= 0.95)


def _lines_per_page_finding(m: PaperMeasurement) -> Finding:
    wanted = m.profile.lines_per_page
    pitch = m.profile.line_pitch_twips / 20 * MM_PER_PT
    expected = f"每个满页 {wanted} 行（行距 {pitch:.2f} 毫米）"
    if not m.fills:
        return Finding("每页行数", expected, "没有正文行", True, judged=False)
    full = [f for f in m.fills if f.full]
    last = len(m.fills) - 1
    over = [f for f in m.fills if f.slots > wanted]
    early = [f for i, f in enumerate(m.fills) if i < last and f.slots < wanted]
    bad = over + [f for f in early if not f.reason]
    counts = Counter(f.slots for f in full)
    shown = "、".join(f"{n} 行 × {c} 页" for n, c in sorted(counts.items())) or "无满页"
    notes = [f"第 {f.index} 页 {f.slots} 行（{f.reason}）" for f in early if f.reason]
    notes += [f"第 {f.index} 页 {f.slots} 行" for f in sorted(bad, key=lambda f: f.index)]
    pitch_ok = abs(m.pitch_mm - pitch) <= PITCH_TOLERANCE_MM
    found = f"{shown}，行距 {m.pitch_mm:.2f} 毫米" + (f"；{_listed(notes, 6)}" if notes else "")
    ok = not bad and pitch_ok and all(f.slots == wanted for f in full)
    return Finding("每页行数", expected, found, ok)


def _chars_per_line_finding(m: PaperMeasurement) -> Finding:
    wanted = m.profile.chars_per_line
    body_pt = m.profile.style(Element.BODY).size_pt
    expected = f"满行 {wanted} 字（{body_pt:g} 磅），缩进 2 字的首行 {wanted - 2} 字"
    if not m.full_lines:
        return Finding("每行字数", expected, "没有可量的满行（纯中文、非段末的正文行）", True, judged=False)
    plain = [f.count for f in m.full_lines if f.capacity == m.profile.chars_per_line]
    mode = Counter(plain).most_common(1)[0][0] if plain else 0
    exact = sum(n == m.profile.chars_per_line for n in plain)
    unexcused = [f for f in m.full_lines if not f.excused]
    over = [f for f in m.full_lines if f.count > f.capacity]
    found = f"{mode} 字（{m.body_pt:g} 磅；满行 {len(m.full_lines)} 行，整行 {exact}/{len(plain)}）"
    if unexcused:
        first = unexcused[0]
        found += f"；{len(unexcused)} 行字数不对，如第 {first.page} 页“{first.line.chars}”{first.count} 字"
    ok = (
        abs(m.body_pt - body_pt) < 0.5
        and mode == wanted
        and not unexcused
        and not over
        and exact >= EXACTLY_FULL_SHARE * len(plain)
    )
    return Finding("每行字数", expected, found, ok)


def _block_finding(m: PaperMeasurement) -> Finding:
    block = m.block
    expected = (
        f"{block.width:g} × {block.height:g} 毫米，上 {block.top:g}、左 {block.left:g} 毫米（±{BLOCK_TOLERANCE_MM:g}）"
    )
    lines = [line for page in m.body for line in page]
    if not lines:
        return Finding("版心", expected, "没有正文行", True, judged=False)
    left, right = min(li.x0 for li in lines), max(li.x1 for li in lines)
    top, bottom = min(li.top for li in lines), max(li.bottom for li in lines)
    inside = (
        left >= block.left - BLOCK_TOLERANCE_MM
        and right <= block.right + BLOCK_TOLERANCE_MM
        and top >= block.top - BLOCK_TOLERANCE_MM
        and bottom <= block.bottom + BLOCK_TOLERANCE_MM
    )
    pitch = m.profile.line_pitch_twips / 20 * MM_PER_PT
    # Filling: full lines reach both edges, and full pages run from the first grid line to the last.
    fills_width = all(
        abs(f.line.x1 - block.right) <= BLOCK_TOLERANCE_MM
        for f in m.full_lines
        if f.count == f.capacity and f.line.is_pure_chinese()
    ) and (not m.full_lines or any(abs(f.line.x0 - block.left) <= BLOCK_TOLERANCE_MM for f in m.full_lines))
    full_pages = [m.body[f.index - 1] for f in m.fills if f.full]
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
    if not full_pages:
        found += "；没有满页，只量了是否在版心内"
    return Finding("版心", expected, found, inside and fills_width and fills_height)


def _page_number_findings(m: PaperMeasurement) -> list[Finding]:
    number = m.profile.page_number
    dash = number.dash
    block = m.block
    one_char = number.size_pt * MM_PER_PT
    texts, sizes, sides, offsets, gaps = [], [], [], [], []
    for page in m.numbers:
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
    count = len(m.numbers)
    missing = "无页码" if not offsets else ""  # no page carries a number: size and side are "none", not right
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
            missing or _listed(sizes) or f"{number.size_pt:g} 磅",
            not sizes and not missing,
        ),
        Finding(
            "页码位置",
            "单页居右、双页居左",
            missing or _listed(sides) or "单页居右、双页居左",
            not sides and not missing,
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


def _stranded_finding(m: PaperMeasurement) -> Finding:
    shown = _listed([f"第 {page} 页末“{text}”" for page, text in m.stranded])
    return Finding(
        "页末标题",
        "0 处（标题不做一页的最后一行）",
        f"{len(m.stranded)} 处" + (f"：{shown}" if shown else ""),
        not m.stranded,
    )


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


def read_pdf(pdf: str | Path) -> list[Page]:
    """The pages of ``pdf`` as lines; `PaperCheckError` with the install command without pypdfium2."""
    pages: list[Page] = _pdf_reader().read_pages(pdf)
    return pages


def _pdf_reader() -> Any:
    """docgen.layout.pdf_reader, which needs pypdfium2 (the `paper` extra), or `PaperCheckError` saying so."""
    try:
        return importlib.import_module("docgen.layout.pdf_reader")
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
    from docgen.output.pdf import PdfError, to_pdf

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
    return PaperReport(str(path), profile.name, paper_findings(measurement), basis, measurement)
