"""Chinese numerals and enumerator labels: 一是, 一要, 第一, 首先, 一、, 第一、, （一）, 1., （1）— writing and
recognising them."""

from __future__ import annotations

import enum
import functools
import re

__all__ = [
    "FIRSTLY_WORDS",
    "HEADING_STYLES",
    "MAX_NUMERAL",
    "POINT_STYLES",
    "Enumerator",
    "chinese_numeral",
    "firstly_word",
    "label",
    "parse_chinese_numeral",
    "parse_label",
    "point_label",
    "strip_label",
]

# Largest number chinese_numeral writes: 九千九百九十九万九千九百九十九亿九千九百九十九万九千九百九十九.
MAX_NUMERAL = 10**16 - 1

_DIGITS = "零一二三四五六七八九"
_DIGIT_VALUE = {ch: i for i, ch in enumerate(_DIGITS)}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}


class Enumerator(str, enum.Enum):
    """How an item's position is written."""

    ORDINAL = "一是"  # 一是 二是 … 十一是 (run-in points inside a paragraph)
    LEVEL1 = "一、"  # 一、 二、 … 十一、 二十、 二十一、
    LEVEL2 = "（一）"  # full-width parentheses around a Chinese numeral
    LEVEL3 = "1."  # ASCII digits + ASCII full stop, e.g. "12."
    LEVEL4 = "（1）"  # full-width parentheses around ASCII digits
    SEQUENCE = "第一"  # 第一 第二 … 第十一
    ORDINAL_YAO = "一要"  # 一要 二要 … (run-in requirements: “一要提高站位”)
    FIRSTLY = "首先"  # 首先 其次 再次 最后 (at most four; the last of three or four is 最后)
    LEVEL1_SEQUENCE = "第一、"  # 第一、 第二、 … (a level-1 heading written the long way)
    NONE = "none"  # an unnumbered heading ("坚定理想信念，筑牢思想根基"): counted from position, printed without


_ENUMERATOR_VALUES = frozenset(e.value for e in Enumerator)

POINT_STYLES = (Enumerator.ORDINAL, Enumerator.ORDINAL_YAO, Enumerator.SEQUENCE, Enumerator.FIRSTLY)
"""The enumerators of run-in points, as a setting: 一是 (the default), 一要, 第一, 首先."""

HEADING_STYLES = {
    1: (Enumerator.LEVEL1, Enumerator.LEVEL1_SEQUENCE, Enumerator.NONE),
    2: (Enumerator.LEVEL2,),
    3: (Enumerator.LEVEL3,),
    4: (Enumerator.LEVEL4,),
}
"""The enumerators a heading of each level may use; the first is the default (一、 → （一） → 1. → （1））."""

FIRSTLY_WORDS = ("首先", "其次", "再次", "最后")


def _check_position(n: object) -> int:
    """Return ``n`` if it is a usable position (an int >= 1, not a bool); raise ValueError otherwise."""
    if isinstance(n, bool) or not isinstance(n, int):
        # ValueError (not TypeError) on purpose: callers treat every unusable position alike.
        raise ValueError(f"序号必须是正整数，得到 {n!r}")
    if n < 1:
        raise ValueError(f"序号必须从 1 开始，得到 {n}")
    return n


def _section(n: int, leading: bool) -> str:
    """Write 1 <= n <= 9999; ``leading`` means nothing precedes it, so 10–19 read 十… instead of 一十…."""
    out: list[str] = []
    zero_pending = False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // unit_value % 10
        if digit == 0:
            zero_pending = bool(out)
            continue
        if zero_pending:
            out.append("零")
            zero_pending = False
        if unit == "十" and digit == 1 and leading and not out:
            out.append("十")
        else:
            out.append(_DIGITS[digit] + unit)
    return "".join(out)


def _numeral(n: int, leading: bool) -> str:
    """Write 1 <= n <= MAX_NUMERAL, splitting at 亿 and 万; a gap of zeros after the split reads 零."""
    for unit_value, unit in ((10**8, "亿"), (10**4, "万")):
        if n >= unit_value:
            high, low = divmod(n, unit_value)
            text = _numeral(high, leading) + unit
            if low:
                if low < unit_value // 10:
                    text += "零"
                text += _numeral(low, False)
            return text
    return _section(n, leading)


def chinese_numeral(n: int) -> str:
    """Write ``n`` (1 <= n <= MAX_NUMERAL) in modern Chinese numerals: 11 十一, 101 一百零一, 110 一百一十."""
    _check_position(n)
    if n > MAX_NUMERAL:
        raise ValueError(f"数字过大，最多支持到 {MAX_NUMERAL}，得到 {n}")
    return _numeral(n, True)


def _parse_section(text: str) -> int:
    """Read the value of a numeral without 万/亿, leniently (the caller checks the canonical form)."""
    value = 0
    digit: int | None = None
    for ch in text:
        if ch == "零":
            if digit is not None:
                raise ValueError(text)
        elif ch in _DIGIT_VALUE:
            if digit is not None:
                raise ValueError(text)
            digit = _DIGIT_VALUE[ch]
        elif ch in _SMALL_UNITS:
            value += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        else:
            raise ValueError(text)
    return value + (digit or 0)


def _parse_lenient(text: str) -> int:
    """Read the value of a numeral, leniently (the caller checks the canonical form)."""
    for unit, unit_value in (("亿", 10**8), ("万", 10**4)):
        if unit in text:
            high, _, low = text.partition(unit)
            if not high:
                raise ValueError(text)
            return _parse_lenient(high) * unit_value + (_parse_lenient(low) if low else 0)
    return _parse_section(text)


def parse_chinese_numeral(text: str) -> int:
    """Read a numeral written as chinese_numeral writes it (两 for 二 and 〇 for 零 are accepted too).

    Anything else — empty text, spaces, non-canonical forms such as 一十一 or 一百一, zero — raises ValueError.
    """
    if not isinstance(text, str) or not text:
        raise ValueError(f"不是中文数字：{text!r}")
    normalized = text.replace("两", "二").replace("〇", "零")
    try:
        value = _parse_lenient(normalized)
    except ValueError:
        raise ValueError(f"不是中文数字：{text!r}") from None
    if not 1 <= value <= MAX_NUMERAL or _numeral(value, True) != normalized:
        raise ValueError(f"不是规范的中文数字：{text!r}")
    return value


def firstly_word(n: int, total: int) -> str:
    """首先 / 其次 / 再次 / 最后 for point ``n`` of ``total`` (2 to 4 points): the last of three or more is 最后."""
    _check_position(n)
    if not 1 <= total <= len(FIRSTLY_WORDS) or n > total:
        raise ValueError(f"“首先、其次……”最多只能列 {len(FIRSTLY_WORDS)} 项，这里有 {total} 项；请改用“一是”或“第一”")
    if n == total and total >= 3:
        return FIRSTLY_WORDS[-1]
    return FIRSTLY_WORDS[n - 1]


def point_label(n: int, style: str, total: int | None = None) -> str:
    """The label of point ``n`` in a point list of ``style`` (a `PointStyle`): an `Enumerator` value, a counted
    form written for 1 with its mark ("第一点，" → "第三点，", "第一个词是" → "第三个词是", "方法一：" → "方法三："),
    or a numbered item's shape ("1、" → "3、")."""
    if style in _ENUMERATOR_VALUES:
        return label(n, Enumerator(style), total)
    _check_position(n)
    if style.startswith("第一"):
        return f"第{chinese_numeral(n)}{style[2:]}"
    if "一" in style:  # the count is the last 一 ("方法一：" → "方法三：", "（一）" → "（三）")
        at = style.rindex("一")
        return style[:at] + chinese_numeral(n) + style[at + 1 :]
    return style.replace("1", str(n))


def label(n: int, style: Enumerator, total: int | None = None) -> str:
    """The enumerator text for position ``n``: label(3, ORDINAL) == "三是", label(2, LEVEL2) == "（二）",
    label(2, NONE) == "" (an unnumbered heading still has its position; it is just not printed).

    ``total`` (how many items the list has) is needed by FIRSTLY only, whose last item is 最后.
    """
    _check_position(n)
    # An Enumerator is passed as it is: converting one again goes through Enum.__call__, dearer than the lookup.
    return _label(n, style if style.__class__ is Enumerator else Enumerator(style), total)


@functools.lru_cache(maxsize=1024)
def _label(n: int, style: Enumerator, total: int | None) -> str:
    # Cached: a long speech asks for the same few labels hundreds of times per context.
    if style is Enumerator.FIRSTLY:
        return firstly_word(n, n if total is None else total)
    if style is Enumerator.NONE:
        return ""
    if style is Enumerator.LEVEL3:
        return f"{n}."
    if style is Enumerator.LEVEL4:
        return f"（{n}）"
    numeral = chinese_numeral(n)
    if style is Enumerator.ORDINAL:
        return f"{numeral}是"
    if style is Enumerator.ORDINAL_YAO:
        return f"{numeral}要"
    if style is Enumerator.LEVEL1_SEQUENCE:
        return f"第{numeral}、"
    if style is Enumerator.LEVEL1:
        return f"{numeral}、"
    if style is Enumerator.LEVEL2:
        return f"（{numeral}）"
    return f"第{numeral}"


# Numeral characters a typed label may use (两 is left out: nobody writes 两是 or 两、 as a label).
_CN = "[零〇一二三四五六七八九十百千万亿]+"
_OPEN = "[（(]"
_CLOSE = "[）)]"
# The first character of every label below: a text that starts with none of them is not tried, and the
# patterns are compiled the first time one is tried (compiling them costs a process ~3 ms; a speech whose
# headings carry no typed enumerator never needs them).
_LABEL_STARTS = frozenset("第零〇一二三四五六七八九十百千万亿（(0123456789")


@functools.cache
def _label_patterns() -> tuple[tuple[Enumerator, re.Pattern[str]], ...]:
    """Tried in order; each pattern's group 1 is the number, and the match ends where the rest begins."""
    return (
        # 第一、 is a level-1 heading; 第一， 第一, — or 第一 alone — a run-in point; "第一议题" is not a label.
        (Enumerator.LEVEL1_SEQUENCE, re.compile(f"第({_CN})、")),
        (Enumerator.SEQUENCE, re.compile(f"第({_CN})(?:[，,]|$)")),
        (Enumerator.ORDINAL, re.compile(f"({_CN})是")),
        (Enumerator.ORDINAL_YAO, re.compile(f"({_CN})要")),
        # 一、 and the sloppy 一. / 一．; "十分重视" is not a label.
        (Enumerator.LEVEL1, re.compile(f"({_CN})[、.．]")),
        (Enumerator.LEVEL2, re.compile(f"{_OPEN}({_CN}){_CLOSE}")),
        # 1–3 digits only, so years and amounts ("2023年", "2023.", "2.5亿") are not taken for labels.
        (Enumerator.LEVEL4, re.compile(f"{_OPEN}([0-9]{{1,3}}){_CLOSE}")),
        (Enumerator.LEVEL3, re.compile("([0-9]{1,3})[.．、](?![0-9])")),
    )


def parse_label(text: str) -> tuple[Enumerator, int, str] | None:
    """Recognise an enumerator at the start of ``text`` (after any whitespace, U+3000 included).

    Returns (style, number, rest of the text with leading whitespace removed), or None when ``text``
    does not start with a recognised enumerator.
    """
    stripped = text.lstrip()
    if stripped[:1] not in _LABEL_STARTS:
        return None
    for style, pattern in _label_patterns():
        match = pattern.match(stripped)
        if match is None:
            continue
        number_text = match.group(1)
        if style in (Enumerator.LEVEL3, Enumerator.LEVEL4):
            number = int(number_text)
            if number < 1:
                return None
        else:
            try:
                number = parse_chinese_numeral(number_text)
            except ValueError:
                return None
        return style, number, stripped[match.end() :].lstrip()
    return None


def strip_label(text: str, n: int) -> str:
    """Drop an enumerator (any style) for position ``n`` from the start of ``text``; otherwise return it unchanged.

    Used so a label the user typed into the data ("一是在抓…", "一、坚持…") is not doubled by the template's own.
    """
    parsed = parse_label(text)
    if parsed is not None and parsed[1] == n:
        return parsed[2]
    return text
