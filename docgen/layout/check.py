"""Checks any .docx against a `LayoutProfile`: page, margins, grid, fonts, sizes, page numbers, theme fonts.

This reads the file's XML (styles resolved through ``basedOn`` and the document defaults, direct run
formatting included), so it works on documents docgen did not write — a colleague's draft, a user's
template. It cannot see where lines break: `docgen.layout.paper_check` measures that on the PDF LibreOffice makes.
Both judge a docgen file against the bundled profile it was made with (`recognise_profile`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from docgen.errors import InputFileError
from docgen.layout.docx_xml import Styles, paragraph_text, parse, parse_part, q, read_parts
from docgen.layout.profile import PROFILES, Element, LayoutProfile
from docgen.layout.units import mm_to_twips, twips_to_mm

MARGIN_TOLERANCE_MM = 1.0
_q = q


@dataclass(frozen=True)
class Finding:
    """One checked item: what the profile asks for, what the file has, and whether they agree."""

    item: str
    expected: str
    found: str
    ok: bool
    judged: bool = True  # False: nothing in the file to measure this on (a one-page note has no full page)

    @property
    def mark(self) -> str:
        return "–" if not self.judged else "✓" if self.ok else "✗"


@dataclass(frozen=True)
class CheckReport:
    """The findings on one file; ``basis`` says why it was judged against ``profile`` (given, recognised)."""

    path: str
    profile: str
    findings: list[Finding]
    basis: str = ""

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.findings)

    @property
    def failed(self) -> list[Finding]:
        return [f for f in self.findings if not f.ok]

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "profile": self.profile,
            "basis": self.basis,
            "ok": self.ok,
            "findings": [asdict(f) for f in self.findings],
        }


PROFILE_PROPERTY = "docgen.template"
"""The custom document property the bundled templates carry: the name of the profile they were built from.
Word and LibreOffice keep custom properties when they save, so a docgen file edited by hand still says
which layout it was made with."""


@dataclass(frozen=True)
class Recognition:
    """Which bundled profile a file was made with, and what in the file says so (None: not recognised)."""

    profile: LayoutProfile | None
    evidence: str


def recognise_profile(parts: dict[str, bytes]) -> Recognition:
    """The bundled profile of a docgen file, from its marker property or else from its body style.

    The marker (`PROFILE_PROPERTY`) is what a docgen template states about itself. Files made before the
    marker existed are recognised by docgen's body style (讲话正文): its size and line pitch are those of one
    bundled profile. Content is never used: a foreign file is not "guessed" into a profile.
    """
    marked = _custom_property(parts, PROFILE_PROPERTY)
    if marked is not None:
        if marked in PROFILES:
            return Recognition(PROFILES[marked], f"文件属性 {PROFILE_PROPERTY} = {marked}")
        return Recognition(None, f"文件属性 {PROFILE_PROPERTY} = {marked}，不是内置版式")
    if "word/styles.xml" not in parts:
        return Recognition(None, "没有样式表")
    styles = Styles(parse_part(parts, "word/styles.xml", Path("styles.xml")))
    body_id = Element.BODY.style_id
    if body_id not in styles.by_id:
        return Recognition(None, "没有 docgen 的样式")
    body = styles.by_id[body_id]
    size = _style_value(styles, body_id, "rPr", "sz")
    line = _style_value(styles, body_id, "pPr", "spacing", "line")
    for profile in PROFILES.values():
        wanted = (str(round(profile.style(Element.BODY).size_pt * 2)), str(profile.line_pitch_twips))
        if size is not None and line is not None and (size, line) == wanted:
            name = body.find(q("name"))
            shown = name.get(q("val")) if name is not None else body_id
            return Recognition(profile, f"“{shown}”样式（{int(size) / 2:g} 磅、行距 {int(line) / 20:g} 磅）")
    return Recognition(None, "docgen 样式与内置版式都不同")


def _style_value(styles: Styles, style_id: str, group: str, tag: str, attribute: str = "val") -> str | None:
    for style in styles.chain(style_id):
        element = style.find(f"{q(group)}/{q(tag)}")
        if element is not None and element.get(q(attribute)) is not None:
            value: str = element.get(q(attribute))
            return value
    return None


def _custom_property(parts: dict[str, bytes], name: str) -> str | None:
    data = parts.get("docProps/custom.xml")
    if data is None:
        return None
    try:
        root = parse(data)
    except Exception:  # a damaged property part says nothing about the layout
        return None
    for prop in root:
        if prop.get("name") == name:
            return "".join(prop.itertext()).strip()
    return None


def load_document(path: Path) -> tuple[dict[str, bytes], Any, Styles]:
    """The parts, the parsed document and its styles of the .docx at ``path``, or `InputFileError`."""
    parts = read_parts(path)
    if "word/document.xml" not in parts:
        raise InputFileError(f"{path} 不是 Word 文档（缺少 word/document.xml）")
    document = parse_part(parts, "word/document.xml", path)
    styles = Styles(parse_part(parts, "word/styles.xml", path) if "word/styles.xml" in parts else None)
    return parts, document, styles


def choose_profile(parts: dict[str, bytes], given: LayoutProfile | None) -> tuple[LayoutProfile, str]:
    """The profile to judge a file against and why: the one given, else the recognised one, else the
    standard one (a foreign file is held to GB/T 9704, which is what an office checking it wants)."""
    if given is not None:
        return given, "指定的版式"
    recognition = recognise_profile(parts)
    if recognition.profile is not None:
        return recognition.profile, f"识别为 docgen 的“{recognition.profile.name}”版式（{recognition.evidence}）"
    standard = PROFILES["speech"]
    return standard, f"未识别为 docgen 内置版式（{recognition.evidence}），按标准版式“{standard.name}”检查"


def check_docx(path: str | Path, profile: LayoutProfile | None = None) -> CheckReport:
    """Compare the .docx at ``path`` with ``profile`` and list every finding.

    Without ``profile`` a docgen file is judged against the bundled profile it was made with
    (`recognise_profile`), any other file against the standard one.
    """
    path = Path(path)
    parts, document, styles = load_document(path)
    profile, basis = choose_profile(parts, profile)
    findings: list[Finding] = []
    findings += _page_findings(document, profile)
    findings += _text_findings(document, styles, profile)
    findings += _page_number_findings(parts, profile)
    theme = sorted({name for name, data in parts.items() if b"Theme=" in data and name.startswith("word/")})
    findings.append(Finding("主题字体属性", "无（显式写出字体名）", "、".join(theme) or "无", not theme))
    return CheckReport(str(path), profile.name, findings, basis)


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
    pitch = grid.get(_q("linePitch")) if grid is not None else None
    # Only a line grid of the profile's pitch holds the lines on the grid in Word and LibreOffice alike;
    # no grid leaves the pitch to the paragraphs, Word's character grid sets 14 a line in LibreOffice.
    if grid is None or grid_type in (None, "default"):
        found = "无（未设文档网格）"
    elif grid_type == "lines":
        found = f"行网格，行距 {int(pitch) / 20:g} 磅" if pitch and pitch.isdigit() else "行网格，未给行距"
    else:
        found = f"{grid_type}（{'字符网格' if 'Chars' in grid_type or grid_type == 'snapToChars' else grid_type}）"
    findings.append(
        Finding(
            "文档网格",
            f"行网格，行距 {profile.line_pitch_twips / 20:g} 磅（不用字符网格）",
            found,
            grid_type == "lines" and pitch == str(profile.line_pitch_twips),
        )
    )
    return findings


def _text_findings(document: Any, styles: Styles, profile: LayoutProfile) -> list[Finding]:
    paragraphs = [p for p in document.iter(_q("p")) if paragraph_text(p).strip()]
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
