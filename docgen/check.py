"""Checks any .docx against a `LayoutProfile`: page, margins, grid, fonts, sizes, page numbers, theme fonts.

This reads the file's XML (styles resolved through ``basedOn`` and the document defaults, direct run
formatting included), so it works on documents docgen did not write — a colleague's draft, a user's
template. It cannot see where lines break: that is proven on paper (LibreOffice → PDF) by the tests.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from docgen.errors import InputFileError
from docgen.profile import Element, LayoutProfile
from docgen.units import mm_to_twips, twips_to_mm

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MARGIN_TOLERANCE_MM = 1.0


def _q(name: str) -> str:
    return f"{{{W}}}{name}"


@dataclass(frozen=True)
class Finding:
    """One checked item: what the profile asks for, what the file has, and whether they agree."""

    item: str
    expected: str
    found: str
    ok: bool


@dataclass(frozen=True)
class CheckReport:
    path: str
    profile: str
    findings: list[Finding]

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.findings)

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "profile": self.profile,
            "ok": self.ok,
            "findings": [asdict(f) for f in self.findings],
        }


class _Styles:
    """Run and paragraph properties resolved through the style hierarchy and the document defaults."""

    def __init__(self, styles_root: Any | None) -> None:
        self.by_id: dict[str, Any] = {}
        self.defaults_rpr = None
        self.defaults_ppr = None
        self.default_paragraph_style: str | None = None
        if styles_root is None:
            return
        for style in styles_root.iter(_q("style")):
            self.by_id[style.get(_q("styleId"))] = style
            if style.get(_q("type")) == "paragraph" and style.get(_q("default")) == "1":
                self.default_paragraph_style = style.get(_q("styleId"))
        defaults = styles_root.find(_q("docDefaults"))
        if defaults is not None:
            self.defaults_rpr = defaults.find(f"{_q('rPrDefault')}/{_q('rPr')}")
            self.defaults_ppr = defaults.find(f"{_q('pPrDefault')}/{_q('pPr')}")

    def chain(self, style_id: str | None) -> list[Any]:
        """The style and its ancestors, nearest first."""
        found: list[Any] = []
        while style_id and style_id in self.by_id and len(found) < 20:
            style = self.by_id[style_id]
            found.append(style)
            based = style.find(_q("basedOn"))
            style_id = based.get(_q("val")) if based is not None else None
        return found

    def name(self, style_id: str | None) -> str:
        style = self.by_id.get(style_id or "")
        name = style.find(_q("name")) if style is not None else None
        return name.get(_q("val")) if name is not None else (style_id or "")

    def run_value(self, paragraph: Any, run: Any, tag: str, attribute: str) -> str | None:
        """A run property (e.g. rFonts/eastAsia, sz/val) as Word resolves it."""
        sources: list[Any] = [run.find(_q("rPr"))]
        run_style = run.find(f"{_q('rPr')}/{_q('rStyle')}")
        if run_style is not None:
            sources += [s.find(_q("rPr")) for s in self.chain(run_style.get(_q("val")))]
        sources += [s.find(_q("rPr")) for s in self.chain(self.paragraph_style_id(paragraph))]
        sources.append(self.defaults_rpr)
        return _first(sources, tag, attribute)

    def paragraph_value(self, paragraph: Any, tag: str, attribute: str) -> str | None:
        sources = [paragraph.find(_q("pPr"))]
        sources += [s.find(_q("pPr")) for s in self.chain(self.paragraph_style_id(paragraph))]
        sources.append(self.defaults_ppr)
        return _first(sources, tag, attribute)

    def paragraph_style_id(self, paragraph: Any) -> str | None:
        style = paragraph.find(f"{_q('pPr')}/{_q('pStyle')}")
        return style.get(_q("val")) if style is not None else self.default_paragraph_style


def _first(sources: list[Any], tag: str, attribute: str) -> str | None:
    for properties in sources:
        if properties is None:
            continue
        element = properties.find(_q(tag))
        if element is not None and element.get(_q(attribute)) is not None:
            value: str = element.get(_q(attribute))
            return value
    return None


def _read_parts(path: Path) -> dict[str, bytes]:
    from docgen.load import read_input
    from docgen.template_package import read_docx_package

    # The one package rule (limits, encryption, no DTD) that templates and drafts get.
    entries = read_docx_package(read_input(path), f"文档 {path}", InputFileError, InputFileError)
    return {info.filename: blob for info, blob in entries if info.filename.endswith((".xml", ".rels"))}


def _parse(data: bytes, path: Path | None = None, part: str = "") -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputFileError(f"{path} 的 {part} 不是有效的 XML（{exc}）；请在 Word 或 WPS 中重新另存为 .docx") from None


def check_docx(path: str | Path, profile: LayoutProfile) -> CheckReport:
    """Compare the .docx at ``path`` with ``profile`` and list every finding."""
    path = Path(path)
    parts = _read_parts(path)
    if "word/document.xml" not in parts:
        raise InputFileError(f"{path} 不是 Word 文档（缺少 word/document.xml）")
    document = _parse(parts["word/document.xml"], path, "word/document.xml")
    styles = _Styles(_parse(parts["word/styles.xml"], path, "word/styles.xml") if "word/styles.xml" in parts else None)
    findings: list[Finding] = []
    findings += _page_findings(document, profile)
    findings += _text_findings(document, styles, profile)
    findings += _page_number_findings(parts, profile)
    theme = sorted({name for name, data in parts.items() if b"Theme=" in data and name.startswith("word/")})
    findings.append(Finding("主题字体属性", "无（显式写出字体名）", "、".join(theme) or "无", not theme))
    return CheckReport(str(path), profile.name, findings)


def _page_findings(document: Any, profile: LayoutProfile) -> list[Finding]:
    section = document.find(f"{_q('body')}/{_q('sectPr')}")
    if section is None:
        return [Finding("页面设置", "A4 与公文页边距", "文档没有节设置", False)]
    findings = []
    size = section.find(_q("pgSz"))
    width = int(size.get(_q("w"), 0)) if size is not None else 0
    height = int(size.get(_q("h"), 0)) if size is not None else 0
    expected = (mm_to_twips(profile.page_width_mm), mm_to_twips(profile.page_height_mm))
    found = f"{twips_to_mm(width):.0f}×{twips_to_mm(height):.0f} 毫米"
    ok = abs(width - expected[0]) <= 57 and abs(height - expected[1]) <= 57
    findings.append(Finding("纸张", f"{profile.page_width_mm:.0f}×{profile.page_height_mm:.0f} 毫米", found, ok))
    margins = section.find(_q("pgMar"))
    for side, label, wanted in (
        ("top", "上边距（天头）", profile.margin_top_mm),
        ("bottom", "下边距", profile.margin_bottom_mm),
        ("left", "左边距（订口）", profile.margin_left_mm),
        ("right", "右边距", profile.margin_right_mm),
    ):
        value = twips_to_mm(int(margins.get(_q(side), 0))) if margins is not None else 0.0
        ok = abs(value - wanted) <= MARGIN_TOLERANCE_MM
        findings.append(Finding(label, f"{wanted:g} 毫米", f"{value:.1f} 毫米", ok))
    grid = section.find(_q("docGrid"))
    grid_type = grid.get(_q("type")) if grid is not None else None
    findings.append(
        Finding(
            "文档网格",
            "只指定行网格（Word 的字符网格在 LibreOffice 中每行只排 14 字）",
            grid_type or "无",
            grid_type in (None, "lines", "default"),
        )
    )
    return findings


def _text_findings(document: Any, styles: _Styles, profile: LayoutProfile) -> list[Finding]:
    paragraphs = [p for p in document.iter(_q("p")) if "".join(t.text or "" for t in p.iter(_q("t"))).strip()]
    if not paragraphs:
        return [Finding("正文", "有内容", "文档没有文字", False)]
    body = profile.style(Element.BODY)
    title = profile.style(Element.TITLE)
    east: Counter[str] = Counter()
    sizes: Counter[str] = Counter()
    spacing: Counter[str] = Counter()
    direct = 0
    for paragraph in paragraphs[1:]:
        for run in paragraph.iter(_q("r")):
            chars = len("".join(t.text or "" for t in run.iter(_q("t"))))
            east[styles.run_value(paragraph, run, "rFonts", "eastAsia") or "（未指定）"] += chars
            size = styles.run_value(paragraph, run, "sz", "val")
            sizes[f"{int(size) / 2:g} 磅" if size else "（未指定）"] += chars
            properties = run.find(_q("rPr"))
            if properties is not None and any(child.tag != _q("rStyle") for child in properties):
                direct += 1
        line = styles.paragraph_value(paragraph, "spacing", "line")
        rule = styles.paragraph_value(paragraph, "spacing", "lineRule")
        spacing[_line_spacing(line, rule)] += 1
    findings = [
        _majority("正文中文字体", body.east_asian_font, east),
        _majority("正文字号", f"{body.size_pt:g} 磅", sizes, f"{body.size}"),
        _majority("正文行距", f"{profile.line_pitch_twips / 20:g} 磅（固定值）", spacing),
        Finding("直接格式（未用样式的字符格式）", "无", f"{direct} 处", direct == 0),
    ]
    first = paragraphs[0]
    runs = list(first.iter(_q("r")))
    title_size = styles.run_value(first, runs[0], "sz", "val") if runs else None
    title_font = styles.run_value(first, runs[0], "rFonts", "eastAsia") if runs else None
    found_size = f"{int(title_size) / 2:g} 磅" if title_size else "（未指定）"
    findings.append(
        Finding("标题字号", f"{title.size_pt:g} 磅（{title.size}）", found_size, found_size == f"{title.size_pt:g} 磅")
    )
    findings.append(
        Finding("标题字体", title.east_asian_font, title_font or "（未指定）", title_font == title.east_asian_font)
    )
    return findings


def _line_spacing(line: str | None, rule: str | None) -> str:
    if line is None:
        return "（未指定）"
    if rule == "exact":
        return f"{int(line) / 20:g} 磅（固定值）"
    if rule == "atLeast":
        return f"最小值 {int(line) / 20:g} 磅"
    return f"{int(line) / 240:g} 倍行距"


def _majority(item: str, expected: str, counts: Counter[str], name: str = "") -> Finding:
    if not counts:
        return Finding(item, expected, "（无）", False)
    value, amount = counts.most_common(1)[0]
    share = amount / sum(counts.values())
    shown = f"{value}（占 {share:.0%}）" if share < 0.995 else value
    return Finding(item, f"{expected}{f'（{name}）' if name else ''}", shown, value == expected)


def _page_number_findings(parts: dict[str, bytes], profile: LayoutProfile) -> list[Finding]:
    settings = parts.get("word/settings.xml", b"")
    footers = [data for name, data in parts.items() if name.startswith("word/footer")]
    has_page_field = any(b"PAGE" in data for data in footers)
    dash = profile.page_number.dash.encode("utf-8")
    dashed = any(dash in data for data in footers)
    return [
        Finding("页码", "页脚中有 PAGE 域", "有" if has_page_field else "无", has_page_field),
        Finding(
            "页码样式",
            f"“{profile.page_number.dash} 1 {profile.page_number.dash}”",
            "有一字线" if dashed else "无一字线",
            dashed,
        ),
        Finding(
            "单双页页码",
            "奇偶页不同（单页居右、双页居左）",
            "已设置" if b"evenAndOddHeaders" in settings else "未设置",
            b"evenAndOddHeaders" in settings,
        ),
    ]
