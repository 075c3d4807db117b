"""What a Word draft says about its structure besides its words: automatic numbering, heading styles and
outline levels, and — weakly — how the writer formatted a paragraph by hand.

The importer reads a paragraph's text (`roles`, `headings`), so each cue becomes the label a writer would
have typed in front of it: Word's automatic "一、" is read as if typed (`WordNumbering` computes it). A
paragraph in "标题 2" that shows no number is an unnumbered heading of its level (`word_headings`), as the writer
saw it — no "（一）" nobody wrote; so is a short paragraph wholly in 黑体 or bold, in a draft with neither numbers
nor heading styles (reported under 请核对). The label is no
text of the user's: a heading's or point's label is consumed by the importer and docgen generates its own
from the paragraph's place, so nothing is doubled and the user's words are unchanged. A Word label the
speech has no style for ("1.1", "第1章") is kept in front of the text, as the user saw it, and reported.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from docgen.importer import genre
from docgen.importer.headings import enumerator
from docgen.importer.report import ImportReport, Role, excerpt
from docgen.importer.script import visible_length
from docgen.importer.word_numbering import Label, WordNumbering
from docgen.importer.word_styles import StyleSheet, on, outline_level
from docgen.model.numbering import Enumerator, label
from docgen.model.text import fold_whitespace

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_LEVEL_STYLES = {1: Enumerator.LEVEL1, 2: Enumerator.LEVEL2, 3: Enumerator.LEVEL3, 4: Enumerator.LEVEL4}
_LEVEL_NAMES = {1: "一级标题", 2: "二级标题", 3: "三级标题", 4: "四级标题"}
_UNNUMBERED_ROLES = {1: Role.HEADING1, 2: Role.HEADING2, 3: Role.HEADING3, 4: Role.HEADING4}
_BARE_NUMERAL = re.compile("[零〇一二三四五六七八九十百千]+")
_BARE_SEQUENCE = re.compile("第[零〇一二三四五六七八九十百千]+")
TITLE_HALF_POINTS = 32  # 16 pt: 三号, the smallest size a writer gives a title by hand
HEADING_CHARS = 40  # a paragraph longer than this is no heading by its format alone
STYLED_HEADING_CHARS = 60  # nor, longer than this, by its heading style
# GB/T 9704 practice: level-1 headings in 黑体, level-2 in 楷体, lower ones bold.
_HEADING_FONTS = {"黑体": ("黑体", "SimHei", "Heiti"), "楷体": ("楷体", "KaiTi", "Kaiti")}
_FORMAT_ORDER = ("黑体", "楷体", "加粗")


@dataclass
class _Notes:
    """Paragraph numbers per kind of cue, reported once each at the end."""

    numbered: list[int] = field(default_factory=list)
    styled: dict[int, list[int]] = field(default_factory=dict)
    bullets: list[int] = field(default_factory=list)


def typed_form(word_label: str, heading_like: bool) -> str:
    """A Word label as a writer would type it in front of the text: "一" → "一、", "第一" → "第一、" (a
    heading) or "第一，" (a point), "1" → "1 "; labels with their own punctuation as they are."""
    text = word_label.strip()
    if _BARE_NUMERAL.fullmatch(text):
        return text + "、"
    if _BARE_SEQUENCE.fullmatch(text):
        return text + ("、" if heading_like else "，")
    if text and text[-1].isascii() and text[-1].isalnum():
        return text + " "
    return text


def heading_like(text: str, limit: int = HEADING_CHARS) -> bool:
    """Short (inserted pinyin not counted), one phrase or sentence, not an introduction ending in a colon."""
    inner = text.rstrip("。！？")
    short = 0 < visible_length(text) <= limit
    return short and not any(ch in inner for ch in "。！？；") and not text.endswith("：")


def body_started(text: str) -> bool:
    """Whether the body has begun by this paragraph: a salutation, or a paragraph that is no heading."""
    return bool(text) and (genre.looks_like_salutation(text) or not heading_like(text))


def _header_like(text: str) -> bool:
    return (
        genre.is_subtitle(text)
        or genre.parse_date_line(text) is not None
        or genre.looks_like_salutation(text)
        or genre.is_closing(text)
    )


class WordCues:
    """Reads the cues of a document's paragraphs in body order (`prefix`), and reports them (`finish`)."""

    def __init__(self, styles: StyleSheet, numbering: WordNumbering, paragraphs: list[Any]) -> None:
        self.styles = styles
        self.numbering = numbering
        self.notes = _Notes()
        self.counts: dict[int, int] = {}  # the heading numbers read so far, per level
        self.first = True  # the first paragraph with text is the title's place: no heading cue there
        self.own_line = False  # whether the paragraph `prefix` read last is an own-line heading by its style
        self.unnumbered: Role | None = None  # …and, for a heading without a number, its level's role
        self.in_body = False  # past the title block: format cues only there (a bold subtitle is no heading)
        # What the draft's own structure looks like, for the weak cues and for heading styles' levels.
        self.style_shift = 0
        levels = []
        self.labelled = False
        body = itertools.dropwhile(lambda p: not _raw_text(p), paragraphs)
        for p in itertools.islice(body, 1, None):  # (the first paragraph with text is the title's place)
            level = self._style_level(p)
            if level is not None:
                levels.append(level)
            if not self.labelled and heading_like(text := _raw_text(p)):  # an own-line heading with a number
                self.labelled = self._number_of(p) is not None or _typed_heading(text) is not None
        if levels:
            self.style_shift = min(levels) - 1  # "标题 2" the top heading level when "标题 1" is the title's
        self.used_levels = {level - self.style_shift for level in levels}
        # Format cues only where nothing stronger exists: 黑体 over 楷体 over bold, levels in that order.
        self.format_levels: dict[str, int] = {}
        if not levels and not self.labelled:
            found = set()
            started = False
            for p in paragraphs:
                text = _raw_text(p)
                if started and heading_like(text) and not _header_like(text):
                    found.add(self._format_class(p))
                started = started or body_started(text)
            ranked = [kind for kind in _FORMAT_ORDER if kind in found]
            self.format_levels = {kind: i for i, kind in enumerate(ranked, start=1)}
            self.used_levels = set(self.format_levels.values())

    # ---------------------------------------------------------------------------------------------- cues

    def prefix(self, p: Any, number: int, raw: str, report: ImportReport) -> str:
        """The label to read in front of paragraph ``p``'s text ``raw`` (its number ``number``), or "".
        ``unnumbered`` then says whether it is a heading to print without a label, and of which level."""
        self.unnumbered = None
        text = fold_whitespace(raw)
        style_level = self._style_level(p)
        # A paragraph in a heading style (or with an outline level) is a heading on its own line.
        self.own_line = style_level is not None and heading_like(text, STYLED_HEADING_CHARS) and not self.first
        first, self.first = self.first, self.first and not text
        in_body, self.in_body = self.in_body, self.in_body or body_started(text)
        word = self._word_label(p)
        if not text:
            return ""  # an empty numbered paragraph still counted in Word (done above): nothing to read
        if word is not None and word.bullet:
            self.notes.bullets.append(number)
            word = None  # (a heading style may still say what the paragraph is)
        if word is not None and word.text.strip():
            typed = typed_form(word.text, heading_like(text))
            found = enumerator(typed + text)
            if found is not None and found[3] >= len(typed.rstrip()):
                self._count(found[0], found[2])
                self.notes.numbered.append(number)
                return typed
        level = None if first or _header_like(text) else self._heading_level(p, text, in_body)
        if level is not None and _typed_heading(text) is None:
            if not heading_like(text, STYLED_HEADING_CHARS if level.cue == "style" else HEADING_CHARS):
                report.fallbacks.append(f"第 {number} 段“{excerpt(text)}”用了标题样式，但是一整段正文，按正文读取")
            else:
                made, depth = self._made_label(level)
                if level.cue == "style":
                    self.notes.styled.setdefault(depth, []).append(number)
                else:
                    report.fallbacks.append(
                        f"第 {number} 段“{excerpt(text)}”整段{level.cue}，按{_LEVEL_NAMES[depth]}读取"
                    )
                if word is not None and word.text.strip():
                    report.normalised.append(
                        f"第 {number} 段的 Word 自动编号“{word.text.strip()}”讲话稿没有这种编号，"
                        f"按{_LEVEL_NAMES[depth]}由 docgen 重新编号"
                    )
                    return made
                # A heading that shows no number ("坚定理想信念，筑牢思想根基") is an unnumbered heading of its
                # level (`importer.unnumbered`, `word_headings`), not a "一、" or "（一）" the writer never saw.
                self.own_line = True
                self.unnumbered = _UNNUMBERED_ROLES[depth]
                return ""
        if word is not None and word.text.strip():
            shown = word.text.strip()
            report.fallbacks.append(f"第 {number} 段的 Word 自动编号“{shown}”不是讲话稿的编号样式，按文字保留在段首")
            return typed_form(word.text, False) if shown[-1:].isascii() else shown
        typed_heading = _typed_heading(text)
        if typed_heading is not None:
            self._count(*typed_heading)
        return ""

    def finish(self, report: ImportReport) -> None:
        if self.notes.numbered:
            report.normalised.append(
                f"Word 自动编号按手打的编号读取（{_paragraph_list(self.notes.numbered)}），编号由 docgen 按位置重新生成"
            )
        for level, numbers in sorted(self.notes.styled.items()):
            report.normalised.append(f"Word 标题样式按{_LEVEL_NAMES[level]}读取（{_paragraph_list(numbers)}）")
        if self.notes.bullets:
            report.normalised.append(f"Word 项目符号（圆点等）未导入（{_paragraph_list(self.notes.bullets)}）")

    def title_format(self, p: Any) -> bool:
        """A paragraph formatted as writers format a title: in the title style ("Title", WPS's "标题"), or
        centered in 16 pt or larger (or 小标宋)."""
        if self.styles.is_title(_style_id(p)):
            return True
        jc = p.find(f"{W}pPr/{W}jc")
        if jc is None:
            jc = self.styles.find(_style_id(p), "w:pPr/w:jc")
        if jc is None or jc.get(W + "val") != "center":
            return False
        style = _style_id(p)
        for run in p.iter(W + "r"):
            if not "".join(t.text or "" for t in run.iter(W + "t")).strip():
                continue
            size = run.find(f"{W}rPr/{W}sz")
            value = size.get(W + "val") if size is not None else None
            if value is None:
                value = self.styles.run_property([_run_style(run), style], "w:rPr/w:sz", lambda e: e.get(W + "val"))
            large = bool(value) and str(value).isdigit() and int(str(value)) >= TITLE_HALF_POINTS
            if large or "小标宋" in self._font(run, style):
                return True
        return False

    # ----------------------------------------------------------------------------------------- numbering

    def _number_of(self, p: Any) -> tuple[str, int] | None:
        """(numId, ilvl) of a numbered paragraph — its own numPr, else its style's — or None."""
        num_pr = p.find(f"{W}pPr/{W}numPr")
        style = _style_id(p) or self.styles.default_paragraph
        own_id = num_pr.find(W + "numId") if num_pr is not None else None
        own_level = num_pr.find(W + "ilvl") if num_pr is not None else None
        inherited = self.styles.numbering(style)
        num_id = own_id.get(W + "val", "") if own_id is not None else (inherited[0] if inherited else None)
        if not num_id or num_id == "0":
            return None
        if own_level is not None:
            value = own_level.get(W + "val", "0")
            return num_id, int(value) if value.isdigit() else 0
        if inherited is not None and inherited[1] is not None:
            return num_id, inherited[1]
        linked = self.numbering.level_of_style(num_id, style) if style else None
        return num_id, linked or 0

    def _word_label(self, p: Any) -> Label | None:
        found = self._number_of(p)
        return self.numbering.label(*found) if found is not None else None

    # ------------------------------------------------------------------------------------------ headings

    def _style_level(self, p: Any) -> int | None:
        own = outline_level(p.find(f"{W}pPr/{W}outlineLvl"))
        return own if own is not None else self.styles.heading_level(_style_id(p))

    def _heading_level(self, p: Any, text: str, in_body: bool) -> _Level | None:
        level = self._style_level(p)
        if level is not None:
            shifted = level - self.style_shift
            return _Level(shifted, "style") if 1 <= shifted <= 4 else None
        if not self.format_levels or not in_body or not heading_like(text):
            return None
        kind = self._format_class(p)
        level = self.format_levels.get(kind) if kind is not None else None
        if kind is None or level is None or level > 4:
            return None
        return _Level(level, kind if kind == "加粗" else "用" + kind)

    def _format_class(self, p: Any) -> str | None:
        """ "黑体" or "楷体" for a paragraph wholly in that font, "加粗" for one wholly bold, else None."""
        runs = [r for r in p.iter(W + "r") if "".join(t.text or "" for t in r.iter(W + "t")).strip()]
        if not runs:
            return None
        style = _style_id(p)
        fonts = {self._font(r, style) for r in runs}
        for kind, names in _HEADING_FONTS.items():
            if all(font and any(name.lower() in font.lower() for name in names) for font in fonts):
                return kind
        return "加粗" if all(self._bold(r, style) for r in runs) else None

    def _font(self, run: Any, style: str | None) -> str:
        fonts = run.find(f"{W}rPr/{W}rFonts")
        if fonts is not None and fonts.get(W + "eastAsia"):
            return str(fonts.get(W + "eastAsia"))
        found = self.styles.run_property(
            [_run_style(run), style], "w:rPr/w:rFonts", lambda e: e.get(W + "eastAsia") or ""
        )
        return str(found or "")

    def _bold(self, run: Any, style: str | None) -> bool:
        bold = run.find(f"{W}rPr/{W}b")
        if bold is not None:
            return on(bold)
        return bool(self.styles.run_property([_run_style(run), style], "w:rPr/w:b", on))

    def _made_label(self, level: _Level) -> tuple[str, int]:
        # A draft may skip a level throughout ("标题 1" → "标题 3": printed 一、 → 1.), but a heading that skips
        # a level the draft uses elsewhere goes one level down its hierarchy instead: the speech numbers a
        # heading from its place, a skip would keep the label as text — and this label is no text of the user's.
        current = max(self.counts, default=0)
        between = [used for used in self.used_levels if current < used < level.level]
        depth = min(between) if between else level.level
        n = self.counts.get(depth, 0) + 1
        self._set(depth, n)
        return label(n, _LEVEL_STYLES[depth]), depth

    def _count(self, kind: str, n: int) -> None:
        level = {"h1": 1, "seq": 1, "h2": 2, "h3": 3, "h4": 4}.get(kind)
        if level is not None:
            self._set(level, n)

    def _set(self, level: int, n: int) -> None:
        self.counts[level] = n
        for deeper in [k for k in self.counts if k > level]:
            del self.counts[deeper]


@dataclass(frozen=True)
class _Level:
    level: int
    cue: str  # "style", or what the formatting was ("用黑体", "加粗")


def _typed_heading(text: str) -> tuple[str, int] | None:
    found = enumerator(text) if text else None
    return (found[0], found[2]) if found is not None and found[0] != "point" else None


def _style_id(p: Any) -> str | None:
    style = p.find(f"{W}pPr/{W}pStyle")
    return style.get(W + "val") if style is not None else None


def _run_style(run: Any) -> str | None:
    style = run.find(f"{W}rPr/{W}rStyle")
    return style.get(W + "val") if style is not None else None


def _raw_text(p: Any) -> str:
    return fold_whitespace("".join(t.text or "" for t in p.iter(W + "t")))


def _paragraph_list(numbers: list[int]) -> str:
    shown = "、".join(str(n) for n in numbers[:8])
    more = f" 等 {len(numbers)} 处" if len(numbers) > 8 else ""
    return f"第 {shown} 段{more}"
