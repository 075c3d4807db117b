"""Word's automatic numbering: the label Word shows in front of a numbered paragraph ("一、", "（一）", "1.",
"（1）", "一是", "①" …), computed from the numbering part the way Word counts.

A paragraph is numbered by its own ``w:numPr`` or by one inherited through its paragraph style (``numId`` 0
switches numbering off). ``w:num`` instances point at an ``w:abstractNum`` (possibly through a numbering style,
``w:numStyleLink``); each level has a start value, a number format (``decimal``, ``chineseCounting``,
``ideographTraditional``, ``decimalEnclosedCircle`` …), a label template (``lvlText`` "%1、", "（%2）") and a
restart rule (``w:lvlRestart``). As in Word, instances of one abstract list continue each other's counting
unless an instance overrides a start value (``w:lvlOverride/w:startOverride``), which makes it a list of its
own; a level restarts when a higher level is used, unless its restart rule says otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docgen.model.numbering import MAX_NUMERAL, chinese_numeral

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_PLACEHOLDER = re.compile("%([1-9])")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PARENTHESISED = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULL_STOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_IDEOGRAPH_CIRCLED = "㊀㊁㊂㊃㊄㊅㊆㊇㊈㊉"
_IDEOGRAPH_PARENTHESISED = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_DIGITS = "〇一二三四五六七八九"
_LEGAL = str.maketrans("一二三四五六七八九十百千零", "壹贰叁肆伍陆柒捌玖拾佰仟零")
_LEGAL_TRADITIONAL = str.maketrans("一二三四五六七八九十百千零", "壹貳參肆伍陸柒捌玖拾佰仟零")
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip


def format_number(n: int, fmt: str) -> str:
    """``n`` written in Word's number format ``fmt`` (ST_NumberFormat); formats docgen does not know, and
    numbers a format cannot write (㊀ past ten), are written in Arabic digits, as Word falls back."""
    if fmt == "none":
        return ""
    if n <= 0 or n > MAX_NUMERAL:  # (a hostile start value: Word itself stops far below)
        return "〇" if fmt.startswith(("chinese", "japanese", "taiwanese", "ideograph")) and n == 0 else str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "taiwaneseCountingThousand", "koreanCounting"):  # fmt: skip
        return chinese_numeral(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_DIGITS[int(d)] for d in str(n))
    if fmt == "chineseLegalSimplified":
        return chinese_numeral(n).translate(_LEGAL)
    if fmt in ("ideographLegalTraditional", "japaneseLegal"):
        return chinese_numeral(n).translate(_LEGAL_TRADITIONAL)
    if fmt in ("ideographTraditional", "ideographZodiac"):
        cycle = _HEAVENLY_STEMS if fmt == "ideographTraditional" else _EARTHLY_BRANCHES
        return cycle[(n - 1) % len(cycle)]
    for names, glyphs in (
        (("decimalEnclosedCircle", "decimalEnclosedCircleChinese"), _CIRCLED),
        (("decimalEnclosedParen",), _PARENTHESISED),
        (("decimalEnclosedFullstop",), _FULL_STOP),
        (("ideographEnclosedCircle",), _IDEOGRAPH_CIRCLED),
        (("ideographParenthesized",), _IDEOGRAPH_PARENTHESISED),
    ):
        if fmt in names:
            return glyphs[n - 1] if n <= len(glyphs) else str(n)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperLetter", "lowerLetter") and n <= 780:  # Word's own limits (ZZ…Z, MMMCMXCIX)
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)  # Word repeats: Y, Z, AA, BB …
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and n <= 3999:
        roman, rest = "", n
        for value, numeral in _ROMAN:
            while rest >= value:
                roman, rest = roman + numeral, rest - value
        return roman if fmt == "upperRoman" else roman.lower()
    return str(n)


@dataclass(frozen=True)
class Level:
    """One level of a list definition (``w:lvl``)."""

    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart (1-based level after which this one restarts; 0 never); None: any
    legal: bool = False  # w:isLgl: every number in the label in Arabic digits
    suffix: str = "tab"  # what Word puts between the label and the text: "tab", "space" or "nothing"
    style: str | None = None  # w:pStyle: the paragraph style this level belongs to


@dataclass(frozen=True)
class Label:
    """The label Word shows for a numbered paragraph; ``level`` is the list level (0-based)."""

    text: str
    level: int
    bullet: bool = False
    suffix: str = "tab"


@dataclass
class _Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # startOverride per level
    levels: dict[int, Level] = field(default_factory=dict)  # a whole w:lvl overriding the abstract one


class WordNumbering:
    """A document's numbering definitions and the counters of its lists, advanced paragraph by paragraph in
    body order (`label`)."""

    def __init__(self, numbering: Any | None, style_numbering: dict[str, tuple[str, int | None]]) -> None:
        """``numbering``: the root of numbering.xml (or None); ``style_numbering``: each numbering style's
        (numId, ilvl), for abstract lists that only link to a numbering style."""
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.links: dict[str, str] = {}  # abstractNumId → the numbering style it takes its levels from
        self.nums: dict[str, _Num] = {}
        self.style_numbering = style_numbering
        self.counters: dict[tuple[str, str], dict[int, int]] = {}
        if numbering is None:
            return
        for abstract in numbering.iter(W + "abstractNum"):
            key = abstract.get(W + "abstractNumId", "")
            self.abstracts[key] = {_int(lvl.get(W + "ilvl"), 0): _level(lvl) for lvl in abstract.findall(W + "lvl")}
            link = abstract.find(W + "numStyleLink")
            if link is not None:
                self.links[key] = link.get(W + "val", "")
        for num in numbering.iter(W + "num"):
            ref = num.find(W + "abstractNumId")
            entry = _Num(ref.get(W + "val", "") if ref is not None else "")
            for override in num.findall(W + "lvlOverride"):
                ilvl = _int(override.get(W + "ilvl"), 0)
                start = override.find(W + "startOverride")
                if start is not None:
                    entry.starts[ilvl] = _int(start.get(W + "val"), 0)
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    entry.levels[ilvl] = _level(lvl)
            self.nums[num.get(W + "numId", "")] = entry

    def levels(self, num_id: str) -> dict[int, Level]:
        """The levels of list instance ``num_id``, with its whole-level overrides."""
        num = self.nums.get(num_id)
        if num is None:
            return {}
        return {**self._abstract_levels(num.abstract), **num.levels}

    def _abstract_levels(self, abstract: str, depth: int = 0) -> dict[int, Level]:
        levels = self.abstracts.get(abstract, {})
        link = self.links.get(abstract)
        if link is not None and not levels and depth < 4:
            # A list that only names a numbering style: its levels are those of the list the style numbers.
            linked = self.style_numbering.get(link)
            num = self.nums.get(linked[0]) if linked else None
            if num is not None and num.abstract != abstract:
                return self._abstract_levels(num.abstract, depth + 1)
        return levels

    def level_of_style(self, num_id: str, style_id: str) -> int | None:
        """The level of ``num_id`` tied to paragraph style ``style_id`` (``w:lvl/w:pStyle``), if any."""
        return next((i for i, level in self.levels(num_id).items() if level.style == style_id), None)

    def label(self, num_id: str, ilvl: int) -> Label | None:
        """The label of the next paragraph of list ``num_id`` at level ``ilvl``, counting it; None when the
        list or level is not defined."""
        num = self.nums.get(num_id)
        levels = self.levels(num_id)
        level = levels.get(ilvl)
        if num is None or level is None:
            return None
        # Instances of one abstract list share their counters, unless one restarts a level (startOverride).
        key = ("num", num_id) if num.starts else ("abstract", num.abstract)
        counts = self.counters.setdefault(key, {})

        def start(i: int) -> int:
            return num.starts.get(i, levels[i].start if i in levels else 1)

        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else start(ilvl)
        for deeper in [i for i in counts if i > ilvl]:
            rule = levels[deeper].restart if deeper in levels else None
            if rule is None or (rule > 0 and ilvl <= rule - 1):
                del counts[deeper]
        if level.fmt == "bullet":
            return Label(level.text, ilvl, bullet=True, suffix=level.suffix)

        def shown(match: re.Match[str]) -> str:
            i = int(match.group(1)) - 1
            value = counts.get(i, start(i))
            fmt = levels[i].fmt if i in levels else "decimal"
            return format_number(value, "decimal" if level.legal and fmt != "none" else fmt)

        return Label(_PLACEHOLDER.sub(shown, level.text), ilvl, suffix=level.suffix)


def _level(lvl: Any) -> Level:
    def val(tag: str) -> str | None:
        found = lvl.find(W + tag)
        return found.get(W + "val") if found is not None else None

    restart = val("lvlRestart")
    legal = lvl.find(W + "isLgl")
    return Level(
        start=_int(val("start"), 1),
        fmt=val("numFmt") or "decimal",
        text=val("lvlText") or "",
        restart=_int(restart, 0) if restart is not None else None,
        legal=legal is not None and legal.get(W + "val") not in ("0", "false", "off"),
        suffix=val("suff") or "tab",
        style=val("pStyle"),
    )


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
